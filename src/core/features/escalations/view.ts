/**
 * `escalations`: a coordinator's list of the open and taken escalations of the programmes she
 * coordinates (and only those): the pair or participant, the trigger in words, how long ago, and
 * who took it. Never anyone's words: those are on the card, and only when shared with her.
 */
import type { Turn } from '../../engine/turn.js';
import type { Translate } from '../../kernel/work.js';
import type { Section } from '../../messages.js';
import { DAY_MS, rosterOf } from '../matching/roster.js';
import { coordinatedBy } from '../programmes/coordinating.js';
import { triggerKey } from './notify.js';
import type { Escalation } from './ports.js';

async function line(turn: Turn, t: Translate, e: Escalation, name: (id: string) => string): Promise<string> {
  const match = e.matchId ? await turn.repos.matches.get(turn.organisation.id, e.matchId) : null;
  const who = match ? t('escalations.pairValue', { mentor: name(match.mentorMembershipId), mentee: name(match.menteeMembershipId) }) : name(e.membershipId);
  const days = Math.floor((turn.clock.now().getTime() - e.createdAt.getTime()) / DAY_MS);
  const taker = e.takenById ? await turn.personById(e.takenById) : null;
  const state = taker ? t('escalations.stateTaken', { name: taker.displayName }) : t('escalations.stateOpen', { times: e.level + 1 });
  return t('escalations.line', { who, trigger: t(triggerKey(e.trigger)), days, state });
}

export async function escalationsCommand(turn: Turn): Promise<void> {
  const mine = await coordinatedBy(turn);
  if (mine.length === 0) return turn.say({ key: 'programme.coordinatorsOnly' });
  const all = await turn.repos.escalations.listUnresolved(turn.organisation.id, mine.map((m) => m.programme.id));
  if (all.length === 0) return turn.say({ key: 'escalations.listNone' });
  const sections: Section[] = [];
  for (const { programme } of mine) {
    const here = all.filter((e) => e.programmeId === programme.id);
    if (here.length === 0) continue;
    const roster = await rosterOf(turn, programme.id);
    sections.push({ heading: programme.name, bullets: await Promise.all(here.map((e) => line(turn, turn.t, e, roster.name))) });
  }
  turn.say({ title: turn.t('escalations.listTitle'), text: turn.t('escalations.listText', { count: all.length }), sections, context: [turn.t('escalations.listPrivacy')] });
}
