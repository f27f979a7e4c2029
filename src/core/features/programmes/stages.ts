/**
 * Where each member of a programme stands, in one function, so the coordinator's view, her
 * reminders and later reports agree. Matching and training each add what they know to
 * `StageFacts` (filled in `stageFacts`) and their stage here; nothing else needs to change.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';

/**
 * A mentor's or mentee's stages, in the order people move through them: a finished profile, then
 * waiting for a mentor (on the waitlist) or a request open (a mentee asked a mentor, who has not
 * answered), then matched.
 */
export const STAGES = ['signedUp', 'profileDone', 'waiting', 'requested', 'matched', 'training'] as const;
export type Stage = (typeof STAGES)[number];

/** What later features know about the programme's members (membership ids). */
export interface StageFacts {
  /** Members with an active match, mentor or mentee (matching). */
  matched?: ReadonlySet<string>;
  /** Members with a request waiting for the mentor's answer, either side (matching). */
  requested?: ReadonlySet<string>;
  /** Mentees on the waitlist (matching). */
  waiting?: ReadonlySet<string>;
  /** Members who have started the programme's training (training). */
  inTraining?: ReadonlySet<string>;
}

/** The stage of one mentor or mentee (coordinators have none: they run the programme). */
export function memberStage(member: Membership, facts: StageFacts = {}): Stage {
  if (facts.inTraining?.has(member.id)) return 'training';
  if (facts.matched?.has(member.id)) return 'matched';
  if (facts.requested?.has(member.id)) return 'requested';
  if (facts.waiting?.has(member.id)) return 'waiting';
  // A membership exists only once the person consented (join's last step), so "signed up" is the floor.
  return member.profileDoneAt ? 'profileDone' : 'signedUp';
}

/** What the later stages need, read once per programme (two reads: open matches and the waitlist). */
export async function stageFacts(work: Work, programmeId: string): Promise<StageFacts> {
  const org = work.organisation.id;
  const open = await work.repos.matches.listForProgramme(org, programmeId, ['active', 'requested']);
  const waiting = await work.repos.waitlist.list(org, programmeId);
  const both = (status: 'active' | 'requested') => new Set(open.filter((m) => m.status === status).flatMap((m) => [m.mentorMembershipId, m.menteeMembershipId]));
  return { matched: both('active'), requested: both('requested'), waiting: new Set(waiting.map((w) => w.membershipId)) };
}

/** The prompts/ key naming each stage (written out, so the catalogue test sees every one). */
export const STAGE_LABELS: Record<Stage, string> = {
  signedUp: 'programme.stageSignedUp',
  profileDone: 'programme.stageProfileDone',
  waiting: 'programme.stageWaiting',
  requested: 'programme.stageRequested',
  matched: 'programme.stageMatched',
  training: 'programme.stageTraining',
};
