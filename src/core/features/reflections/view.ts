/**
 * `my reflections`: the author's own preparations and reflections, newest first, per pair —
 * nobody else's, whatever they shared. `reflectionFacts`: what a coordinator may know of a
 * pair's reflections — per side how many were done and the ratings with their dates, never a
 * word (the repository's facts carry none).
 */
import type { Turn } from '../../engine/turn.js';
import { literal } from '../../kernel/rich-text.js';
import type { Work } from '../../kernel/work.js';
import type { Section } from '../../messages.js';
import { pairsOf } from '../journey/guide-pairs.js';
import { FIELDS } from './forms.js';
import type { Reflection } from './ports.js';

/** At most this many are shown: a phone screen, the newest first. */
const SHOWN = 8;

function sectionOf(turn: Turn, r: Reflection, role: 'mentor' | 'mentee'): Section {
  const lines = [...FIELDS[r.kind][role], 'summary'].filter((f) => r.answers[f]).map((f) => `${turn.t(`reflections.f_${f}`)}\n${literal(r.answers[f] ?? '')}`);
  const rating = r.rating ? [turn.t('reflections.ratingLine', { rating: r.rating })] : [];
  const shared = r.sharedAt ? turn.t('reflections.sharedOn', { when: r.sharedAt }) : turn.t('reflections.privateLine');
  return { heading: turn.t(`reflections.heading_${r.kind}`, { when: r.createdAt }), text: [...rating, ...lines, shared].join('\n\n') };
}

export async function myReflectionsCommand(turn: Turn): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'reflections.noPair' });
  for (const pair of pairs) {
    const mine = await turn.repos.reflections.listByAuthor(turn.organisation.id, pair.mine.id, pair.match.id);
    if (mine.length === 0) {
      turn.say({ key: 'reflections.noneYet', params: { name: pair.partnerName } });
      continue;
    }
    turn.say({
      title: turn.t('reflections.mineTitle', { name: pair.partnerName }),
      text: turn.t('reflections.mineText', { count: mine.length }),
      sections: mine.slice(0, SHOWN).map((r) => sectionOf(turn, r, pair.role)),
      context: [turn.t('reflections.mineContext')],
    });
  }
}

export interface SideFacts {
  membershipId: string;
  preparations: number;
  reflections: number;
  ratings: { rating: number; at: Date }[];
}

/** For coordinators: per side of the pair, counts and ratings with dates; no words. */
export async function reflectionFacts(work: Work, matchId: string): Promise<{ mentor: SideFacts; mentee: SideFacts } | null> {
  const org = work.organisation.id;
  const match = await work.repos.matches.get(org, matchId);
  if (!match) return null;
  const facts = await work.repos.reflections.factsForMatch(org, matchId);
  const side = (membershipId: string): SideFacts => {
    const own = facts.filter((f) => f.authorMembershipId === membershipId);
    return {
      membershipId,
      preparations: own.filter((f) => f.kind === 'preparation' && f.answered).length,
      reflections: own.filter((f) => f.kind === 'reflection' && f.answered).length,
      ratings: own.flatMap((f) => (f.rating ? [{ rating: f.rating, at: f.createdAt }] : [])),
    };
  };
  return { mentor: side(match.mentorMembershipId), mentee: side(match.menteeMembershipId) };
}
