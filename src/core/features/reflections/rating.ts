/**
 * After a meeting: "How was your meeting on <date>?" rated 1–5, as an open question (buttons, or
 * the digit typed), then the person's reflection questions (flow.ts). A rating is stored once per
 * meeting and person: a double click finds the question answered, a rating given in the flow
 * withdraws the question. The question's data holds ids and the date, never words.
 */
import type { OpenQuestion } from '../../domain.js';
import type { OptionDef } from '../../engine/types.js';
import type { QuestionKind } from '../../kernel/feature.js';
import type { Translate, Work } from '../../kernel/work.js';
import { raiseEscalation } from '../escalations/raise.js';
import { readContent } from '../journey/agreement-content.js';
import { pairsOf, type Pair } from '../journey/guide-pairs.js';
import { dateOf } from './meeting.js';
import { newRow } from './rows.js';

export const RATING_KIND = 'reflections.meeting-rating';
export const RATINGS = ['1', '2', '3', '4', '5'] as const;
/** A rating this low raises an escalation. */
const LOW_RATING = 2;
export const RATING_OPTIONS: OptionDef[] = RATINGS.map((value) => ({ value, label: `reflections.r${value}` }));

/** Stores the person's rating of a meeting, and withdraws the rating question still open for it. */
export async function storeRating(work: Work, pair: Pair, meetingId: string, rating: number): Promise<void> {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) return;
  await work.repos.reflections.save(newRow(work, pair, meetingId, 'reflection'), { rating });
  // A meeting rated 1 or 2 goes to the coordinators (once per meeting and rater, whichever way it was given).
  if (rating <= LOW_RATING) await raiseEscalation(work, { programmeId: pair.match.programmeId, matchId: pair.match.id, membershipId: pair.mine.id, trigger: 'low-rating', sourceKey: `rating:${meetingId}:${pair.mine.id}` });
  const org = work.organisation.id;
  for (const q of await work.repos.questions.listBySubject(org, 'meeting', meetingId)) {
    if (q.kind !== RATING_KIND || q.status !== 'open' || q.data.membershipId !== pair.mine.id) continue;
    const closed = await work.repos.questions.close(org, q.id, 'withdrawn', work.clock.now());
    for (const personId of closed?.audience ?? []) await work.tell(personId, (t) => ({ text: `${ratingText(t, q)}\n${t('reflections.ratedMark', { rating })}`, replacesPromptId: q.id }));
  }
}

/** Whether the pair's confirmed agreement says the mentee writes a summary after each meeting. */
export async function summaryAgreed(work: Work, matchId: string): Promise<boolean> {
  const inForce = await work.repos.agreements.inForce(work.organisation.id, matchId);
  return readContent(inForce?.answers ?? {}).frame?.summary === 'yes';
}

function ratingText(t: Translate, q: OpenQuestion): string {
  const date = dateOf(q.data.date);
  return date ? t('reflections.rateAsk', { date }) : t('reflections.rateAskNoDate');
}

export const ratingKind: QuestionKind = {
  kind: RATING_KIND,
  render: (t, q) => ({
    text: ratingText(t, q),
    context: [t('reflections.rateContext')],
    prompt: { id: q.id, spec: { kind: 'choice', options: RATINGS.map((value) => ({ value, label: t(`reflections.r${value}`) })) } },
  }),
  summary: (t, q) => {
    const date = dateOf(q.data.date);
    return date ? t('reflections.rateSummary', { date }) : t('reflections.rateSummaryNoDate');
  },
  fromText: (text, q) => {
    const digit = /^\s*([1-5])\s*$/.exec(text)?.[1];
    return digit ? { kind: 'choice', promptId: q.id, values: [digit] } : null;
  },
  async answer(turn, q, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (!value || !(RATINGS as readonly string[]).includes(value)) return { status: 'invalid' };
    const matchId = String(q.data.matchId ?? '');
    const meetingId = String(q.data.meetingId ?? '');
    const pair = (await pairsOf(turn, turn.person.id)).find((p) => p.match.id === matchId && p.mine.id === q.data.membershipId);
    if (!pair) {
      turn.say({ key: 'reflections.pairGone' });
      return { status: 'answered' };
    }
    await storeRating(turn, pair, meetingId, Number(value));
    turn.say({ key: 'reflections.rated', params: { rating: Number(value) } });
    // Whatever she is in the middle of (the agreement's form, say) stays as it is: the reflection
    // waits for `reflect` then. Otherwise its questions follow the rating at once.
    const active = await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
    if (active && active.flowId !== 'reflection') turn.say({ key: 'reflections.reflectLater' });
    else await turn.engine.start(turn, 'reflection', { programmeId: pair.match.programmeId, answers: { kind: 'reflection', matchId, meetingId }, active });
    return { status: 'answered' };
  },
};
