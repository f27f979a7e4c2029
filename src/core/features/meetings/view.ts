/**
 * `meetings` / `møter`: a pair's meetings, coming and past, with their status, in the reader's
 * time zone, for the two of the pair only (their own pairs are all the command reads). And
 * meetingFacts: numbers and dates for coordinators' views, never the place.
 */
import type { Turn } from '../../engine/turn.js';
import type { Work } from '../../kernel/work.js';
import type { Section } from '../../messages.js';
import { pairsOf } from '../journey/guide-pairs.js';
import type { Meeting } from './ports.js';
import { endOf } from './time.js';

const line = (turn: Turn, m: Meeting) => turn.t('meetings.listLine', { at: m.startsAt, minutes: m.minutes, mode: m.mode, status: m.loggedById && m.status === 'planned' ? 'logged' : m.status });

export async function meetingsCommand(turn: Turn): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'meetings.noPair' });
  const now = turn.clock.now();
  for (const pair of pairs) {
    const all = await turn.repos.meetings.listForMatch(turn.organisation.id, pair.match.id);
    const ahead = all.filter((m) => endOf(m) > now && m.status !== 'cancelled').reverse();
    const past = all.filter((m) => !ahead.includes(m));
    const sections: Section[] = [
      ...(ahead.length ? [{ heading: turn.t('meetings.upcoming'), text: ahead.map((m) => line(turn, m)).join('\n') }] : []),
      ...(past.length ? [{ heading: turn.t('meetings.past'), text: past.map((m) => line(turn, m)).join('\n') }] : []),
    ];
    turn.sayTo(turn.person.id, { text: turn.t(all.length ? 'meetings.listTitle' : 'meetings.noMeetings', { name: pair.partnerName }), sections });
  }
}

/** For coordinators: how many meetings are agreed and held, the last held and the next; no place. */
export async function meetingFacts(work: Work, matchId: string): Promise<{ planned: number; held: number; lastHeldAt: Date | null; nextAt: Date | null }> {
  const all = await work.repos.meetings.listForMatch(work.organisation.id, matchId);
  const now = work.clock.now().getTime();
  const planned = all.filter((m) => m.status === 'planned');
  const held = all.filter((m) => m.status === 'held');
  const next = planned.filter((m) => m.startsAt.getTime() >= now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  return { planned: planned.length, held: held.length, lastHeldAt: held[0]?.startsAt ?? null, nextAt: next?.startsAt ?? null };
}
