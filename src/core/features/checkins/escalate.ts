/**
 * What a check-in raises (the escalations feature's contract, escalations/raise.ts). A check-in
 * "saying the match is not good" is either the good-match answer "no" after the first meeting or
 * a score of 1 or 2 (the scale's "bad" end: the check-in's own way of saying it is not going
 * well) — both raise 'not-a-good-match', once per check-in (sourceKey `checkin:<id>`), so the
 * score and a later "no" on the same contact count as one. A comment the author shared with the
 * coordinator is read by the rules (detectConcerns); what they find raises 'words' with the
 * comment (sourceKey `checkin:<id>:words`). An unshared comment is never read here at all.
 */
import type { Work } from '../../kernel/work.js';
import { raiseEscalation } from '../escalations/raise.js';
import { detectConcerns } from '../escalations/words.js';
import type { CheckIn } from './ports.js';

/** A score at or below this says the match is not going well. */
export const LOW_SCORE = 2;

const notGood = (work: Work, row: CheckIn) =>
  raiseEscalation(work, {
    programmeId: row.programmeId,
    matchId: row.matchId,
    membershipId: row.membershipId,
    trigger: 'not-a-good-match',
    sharedWords: row.commentShared ? row.comment : null,
    sourceKey: `checkin:${row.id}`,
  });

export async function escalateScore(work: Work, row: CheckIn): Promise<void> {
  if (row.score !== null && row.score <= LOW_SCORE) await notGood(work, row);
}

export async function escalateDetails(work: Work, row: CheckIn): Promise<void> {
  if (row.goodMatch === 'no') await notGood(work, row);
  if (!row.commentShared || !row.comment) return;
  const concerns = detectConcerns(row.comment);
  if (concerns.length === 0) return;
  await raiseEscalation(work, { programmeId: row.programmeId, matchId: row.matchId, membershipId: row.membershipId, trigger: 'words', concerns, sharedWords: row.comment, sourceKey: `checkin:${row.id}:words` });
}
