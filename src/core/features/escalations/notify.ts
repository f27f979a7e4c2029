/**
 * Who hears of an escalation: the programme's active coordinators, and the participant, told in
 * their own language that a coordinator will be in touch (named once one has taken it).
 */
import type { Msg } from '../../engine/types.js';
import type { Work } from '../../kernel/work.js';
import type { EscalationTrigger } from './ports.js';

/** Triggers that came from the participant: they are told at once that a coordinator will be in touch. */
export const FROM_PARTICIPANT: ReadonlySet<EscalationTrigger> = new Set(['low-rating', 'not-a-good-match', 'words', 'asked-for-help']);

/** The programme's active coordinators (person ids). */
export async function coordinatorsOf(work: Work, programmeId: string): Promise<string[]> {
  const list = await work.repos.memberships.listForProgramme(work.organisation.id, programmeId, { role: 'coordinator', status: 'active' });
  return list.map((m) => m.personId);
}

/** Tells the participant, in their language, that a coordinator will be in touch (named once one has taken it). */
export async function tellParticipant(work: Work, membershipId: string, coordinatorId: string | null): Promise<void> {
  const org = work.organisation.id;
  const membership = await work.repos.memberships.get(org, membershipId);
  if (membership?.status !== 'active') return;
  const programme = (await work.repos.programmes.get(org, membership.programmeId))?.name ?? '';
  const coordinator = coordinatorId ? await work.personById(coordinatorId) : null;
  const name = coordinator?.displayName;
  const message: Msg = name ? { key: 'escalations.toldTaken', params: { name, programme } } : { key: 'escalations.told', params: { programme } };
  await work.tell(membership.personId, () => message);
}

const TRIGGER_KEYS: Record<EscalationTrigger, string> = {
  'low-rating': 'escalations.triggerLowRating',
  'not-a-good-match': 'escalations.triggerNotAGoodMatch',
  words: 'escalations.triggerWords',
  'no-meetings': 'escalations.triggerNoMeetings',
  'nudges-ignored': 'escalations.triggerNudgesIgnored',
  'asked-for-help': 'escalations.triggerAskedForHelp',
};

/** The text key naming a trigger in words. */
export const triggerKey = (trigger: string): string => TRIGGER_KEYS[trigger as EscalationTrigger] ?? 'escalations.triggerWords';
