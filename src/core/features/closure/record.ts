/**
 * Recording how a pair ended, whichever way it ended: the year's end (year-end.ts), either side
 * or a coordinator (matching/end-match.ts calls this), or one side leaving the programme
 * (matching/leaving.ts). One Closure row per match; each participant still in the programme
 * then gets their closing (closing.ts). Whoever left gets nothing: their membership is gone.
 */
import type { Work } from '../../kernel/work.js';
import type { Match } from '../matching/ports.js';
import { callOffMeetingsOfEndedPair } from '../meetings/pair-ended.js';
import { startClosing } from './closing.js';
import type { ClosureOutcome, EndedByKind, ReasonCode } from './ports.js';

export interface Ending {
  outcome?: ClosureOutcome;
  endedBy: EndedByKind;
  endedById: string | null;
  reasonCode?: ReasonCode | null;
  /** The free line: coordinators' eyes only. */
  note?: string | null;
}

export async function recordEnding(work: Work, match: Match, ending: Ending): Promise<boolean> {
  const org = work.organisation.id;
  const outcome = ending.outcome ?? 'ended-early';
  const recorded = await work.repos.closures.record({
    id: work.ids.next(),
    organisationId: org,
    programmeId: match.programmeId,
    matchId: match.id,
    outcome,
    reasonCode: ending.reasonCode ?? null,
    note: ending.note?.trim() ? ending.note.trim() : null,
    endedBy: ending.endedBy,
    endedById: ending.endedById,
    endedAt: work.clock.now(),
  });
  if (!recorded) return false;
  await callOffMeetingsOfEndedPair(work, match);
  for (const id of [match.menteeMembershipId, match.mentorMembershipId]) {
    const membership = await work.repos.memberships.get(org, id);
    if (membership?.status === 'active') await startClosing(work, match, membership, outcome);
  }
  return true;
}
