/**
 * After the score: a short form, as an open question (Slack opens it as a modal, and a refused
 * field is shown beside it). Room for a comment, with "share my comment with the coordinator"
 * unticked unless the author ticks it; after the first meeting also the seeds' phone round — is
 * it a good match, was the mentee prepared (asked of the mentor), did the mentor listen or talk
 * too much (asked of the mentee). Everything optional but the good-match answer. The comment is
 * kept on the CheckIn row only: the question's own copy of the answer is emptied at once, so
 * leaving erases it in one place.
 */
import type { FieldDef, InputDef, OptionDef } from '../../engine/types.js';
import { optionLabel, toPromptSpec } from '../../engine/prompt-spec.js';
import { validateAnswer } from '../../engine/validate.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { escalateDetails } from './escalate.js';
import type { CheckIn, CheckInAnswer, GoodMatch } from './ports.js';

// Built, not written out: a kind in quotes would read as a text key to test/i18n.
export const DETAILS_QUESTION = ['checkins', 'details'].join('.');
const COMMENT_MAX = 1000;
const opts = (prefix: string, values: readonly string[]): OptionDef[] => values.map((value) => ({ value, label: `checkins.${prefix}_${value.replaceAll('-', '')}` }));
export const GOOD_MATCH: readonly GoodMatch[] = ['yes', 'not-sure', 'no'];
const PREPARED = ['yes', 'partly', 'no'] as const;
const LISTENED = ['listened', 'talked-too-much', 'not-sure'] as const;
export const SHARE = 'share';

/** The form for this kind of check-in and this side of the pair. */
export function detailsForm(kind: string, role: string): InputDef {
  const phoneRound: FieldDef[] =
    kind === 'after-first-meeting'
      ? [
          { kind: 'select', name: 'goodMatch', label: 'checkins.f_goodMatch', required: true, options: opts('gm', GOOD_MATCH) },
          role === 'mentor'
            ? { kind: 'select', name: 'prepared', label: 'checkins.f_prepared', required: false, options: opts('pr', PREPARED) }
            : { kind: 'select', name: 'listened', label: 'checkins.f_listened', required: false, options: opts('li', LISTENED) },
        ]
      : [];
  return {
    kind: 'form',
    title: 'checkins.detailsTitle',
    submitLabel: 'checkins.detailsSave',
    fields: [
      ...phoneRound,
      { kind: 'text', name: 'comment', label: 'checkins.f_comment', required: false, maxLength: COMMENT_MAX, multiline: true },
      { kind: 'multiselect', name: 'share', label: 'checkins.f_share', required: false, options: [{ value: SHARE, label: 'checkins.shareOption' }], max: 1, hint: 'checkins.shareHint' },
    ],
    check: (v) => (Array.isArray(v.share) && v.share.includes(SHARE) && !(typeof v.comment === 'string' && v.comment.trim()) ? { comment: 'checkins.shareNeedsComment' } : null),
  };
}

export async function askDetails(work: Work, row: CheckIn, role: string, expiresAt: Date | null): Promise<void> {
  const membership = await work.repos.memberships.get(work.organisation.id, row.membershipId);
  if (!membership) return;
  const data = { checkInId: row.id, matchId: row.matchId, membershipId: row.membershipId, kind: row.kind, role };
  await ask(work, { kind: DETAILS_QUESTION, programmeId: row.programmeId, subjectType: 'check-in', subjectId: row.id, audience: [membership.personId], data, expiresAt });
}

const pick = <T extends string>(v: unknown, allowed: readonly T[]): T | null => (allowed as readonly unknown[]).includes(v) ? (v as T) : null;

export const detailsKind: QuestionKind = {
  kind: DETAILS_QUESTION,
  render: (t, q) => ({
    text: t(q.data.kind === 'after-first-meeting' ? 'checkins.detailsAskFirst' : 'checkins.detailsAsk'),
    context: [t('checkins.private')],
    prompt: { id: q.id, spec: toPromptSpec(detailsForm(String(q.data.kind ?? ''), String(q.data.role ?? '')), t) },
  }),
  summary: (t) => t('checkins.detailsSummary'),
  async answer(turn, q, answer) {
    const form = detailsForm(String(q.data.kind ?? ''), String(q.data.role ?? ''));
    const checked = validateAnswer(form, answer, (o) => optionLabel(o, turn.t));
    if (!checked.ok) {
      const fieldErrors = Object.fromEntries(Object.entries(checked.fieldErrors ?? {}).map(([name, msg]) => [name, turn.t(msg.key, msg.params)]));
      turn.say({ key: checked.error.key, ...(checked.error.params ? { params: checked.error.params } : {}) });
      return { status: 'invalid', fieldErrors };
    }
    const v = checked.value as Record<string, unknown>;
    const comment = typeof v.comment === 'string' && v.comment !== '' ? v.comment : null;
    const details: CheckInAnswer = {
      goodMatch: pick(v.goodMatch, GOOD_MATCH),
      prepared: pick(v.prepared, PREPARED),
      listened: pick(v.listened, LISTENED),
      comment,
      commentShared: !!comment && Array.isArray(v.share) && v.share.includes(SHARE),
    };
    const org = turn.organisation.id;
    await turn.repos.checkIns.forgetQuestionAnswer(org, q.id);
    const row = await turn.repos.checkIns.addDetails(org, String(q.data.membershipId ?? ''), String(q.data.checkInId ?? ''), details);
    if (!row) return { status: 'answered' };
    turn.say({ key: row.commentShared ? 'checkins.detailsShared' : comment ? 'checkins.detailsKept' : 'checkins.detailsThanks' });
    await escalateDetails(turn, row);
    return { status: 'answered' };
  },
};
