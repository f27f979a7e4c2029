/**
 * Where each member of a programme stands, in one function, so the coordinator's view, her
 * reminders and later reports agree. Matching and training will each add what they know to
 * `StageFacts` (filled in `stageFacts`) and their stage here; nothing else needs to change.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';

/** A mentor's or mentee's stages, in the order people move through them. */
export const STAGES = ['signedUp', 'profileDone', 'matched', 'training'] as const;
export type Stage = (typeof STAGES)[number];

/** What later features know about the programme's members (membership ids). */
export interface StageFacts {
  /** Members with an active match (matching). */
  matched?: ReadonlySet<string>;
  /** Members who have started the programme's training (training). */
  inTraining?: ReadonlySet<string>;
}

/** The stage of one mentor or mentee (coordinators have none: they run the programme). */
export function memberStage(member: Membership, facts: StageFacts = {}): Stage {
  if (facts.inTraining?.has(member.id)) return 'training';
  if (facts.matched?.has(member.id)) return 'matched';
  // A membership exists only once the person consented (join's last step), so "signed up" is the floor.
  return member.profileDoneAt ? 'profileDone' : 'signedUp';
}

/** What the later stages need, read once per programme; empty until matching and training exist. */
export async function stageFacts(_work: Work, _programmeId: string): Promise<StageFacts> {
  return {};
}

/** The prompts/ key naming each stage (written out, so the catalogue test sees every one). */
export const STAGE_LABELS: Record<Stage, string> = {
  signedUp: 'programme.stageSignedUp',
  profileDone: 'programme.stageProfileDone',
  matched: 'programme.stageMatched',
  training: 'programme.stageTraining',
};
