/**
 * The check-in itself: an open question to one side of a pair, "how is it going?", answered
 * 1–5 with a button or the digit typed (like a meeting's rating), with the pair's agreement in
 * force in one line (how many goals, how often they meet; never its words). The score is logged
 * and may raise an escalation (escalate.ts); then the side is offered a short form (details.ts:
 * a comment, private unless they tick "share", and after the first meeting the phone round's
 * questions) and asked about their goals. Unanswered after a week, it expires and is logged so.
 * The question's data holds ids, counts and the kind; the partner's name goes into the queued
 * copy only (fillCard).
 */
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Translate, Work } from '../../kernel/work.js';
import { FREQUENCIES } from '../../options.js';
import { askGoalProgress } from '../goals/ask.js';
import { readContent } from '../journey/agreement-content.js';
import { fillCard } from '../matching/cards.js';
import type { Match } from '../matching/ports.js';
import { askDetails } from './details.js';
import { escalateScore } from './escalate.js';
import type { CheckInKind } from './ports.js';

export const CHECK_IN_QUESTION = 'checkins.check-in';
export const SCORES = ['1', '2', '3', '4', '5'] as const;
const EXPIRY_MS = 7 * 86_400_000;
/** Text keys per kind (the kinds' dashes kept out of the keys). */
export const KIND_KEY: Record<CheckInKind, string> = { 'first-two-weeks': 'firstTwoWeeks', 'first-month': 'firstMonth', monthly: 'monthly', 'after-first-meeting': 'afterFirstMeeting' };

const kindOf = (data: Record<string, unknown>): CheckInKind => (String(data.kind ?? 'monthly') in KIND_KEY ? (String(data.kind) as CheckInKind) : 'monthly');

/** The agreement in force as the line's parameters: counts and the agreed frequency, no words. */
async function agreementFacts(work: Work, match: Match): Promise<{ agreed: boolean; goals: number; frequency: string }> {
  const inForce = await work.repos.agreements.inForce(work.organisation.id, match.id);
  const content = readContent(inForce?.answers ?? {});
  const programme = await work.repos.programmes.get(work.organisation.id, match.programmeId);
  const agreed = content.frame?.frequency ?? '';
  const frequency = (FREQUENCIES as readonly string[]).includes(agreed) ? agreed : (programme?.meetingFrequency ?? 'monthly');
  return { agreed: !!inForce, goals: content.mentee?.goals.length ?? 0, frequency };
}

function agreementLine(t: Translate, data: Record<string, unknown>): string {
  const frequency = t(`frequency.${String(data.frequency ?? 'monthly')}`);
  return data.agreed ? t('checkins.agreementLine', { goals: Number(data.goals ?? 0), frequency }) : t('checkins.noAgreementLine', { frequency });
}

/** Asks one side of the pair, once per contact; nothing for someone who has left. */
export async function askCheckIn(work: Work, match: Match, membershipId: string, kind: CheckInKind, round: number): Promise<void> {
  const org = work.organisation.id;
  const membership = await work.repos.memberships.get(org, membershipId);
  if (membership?.status !== 'active') return;
  const partnerId = membershipId === match.mentorMembershipId ? match.menteeMembershipId : match.mentorMembershipId;
  const partner = await work.repos.memberships.get(org, partnerId);
  const now = work.clock.now();
  const id = work.ids.next();
  const row = { id, organisationId: org, programmeId: match.programmeId, matchId: match.id, membershipId, kind, round, questionId: null, sentAt: now, status: 'sent' as const, answeredAt: null, score: null, goodMatch: null, prepared: null, listened: null, comment: null, commentShared: false, createdAt: now };
  if (!(await work.repos.checkIns.create(row))) return; // this contact was made already
  const role = membershipId === match.mentorMembershipId ? 'mentor' : 'mentee';
  const data = { checkInId: id, matchId: match.id, membershipId, kind, role, ...(await agreementFacts(work, match)) };
  const q = await ask(work, { kind: CHECK_IN_QUESTION, programmeId: match.programmeId, subjectType: 'check-in', subjectId: id, audience: [membership.personId], data, expiresAt: new Date(now.getTime() + EXPIRY_MS) });
  await work.repos.checkIns.setQuestion(org, id, q.id);
  const reader = await work.personById(membership.personId);
  const name = partner?.profile.fullName ?? (partner ? (await work.personById(partner.personId))?.displayName : undefined);
  if (reader && name) fillCard(work, q.id, membership.personId, (copy) => ({ ...copy, text: work.tFor(reader)('checkins.askNamed', { name }) }));
}

export const checkInKind: QuestionKind = {
  kind: CHECK_IN_QUESTION,
  render: (t, q) => ({
    title: t(`checkins.title_${KIND_KEY[kindOf(q.data)]}`),
    text: t('checkins.ask'),
    context: [agreementLine(t, q.data), t('checkins.scale'), t('checkins.private')],
    prompt: { id: q.id, spec: { kind: 'choice', options: SCORES.map((value) => ({ value, label: t(`checkins.s${value}`) })) } },
  }),
  summary: (t) => t('checkins.summary'),
  fromText: (text, q) => {
    const digit = /^\s*([1-5])\s*$/.exec(text)?.[1];
    return digit ? { kind: 'choice', promptId: q.id, values: [digit] } : null;
  },
  async answer(turn, q, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (!value || !(SCORES as readonly string[]).includes(value)) return { status: 'invalid' };
    const membershipId = String(q.data.membershipId ?? '');
    const row = await turn.repos.checkIns.answer(turn.organisation.id, membershipId, String(q.data.checkInId ?? ''), Number(value), turn.clock.now());
    if (!row) return { status: 'answered' };
    turn.say({ key: 'checkins.thanks', params: { score: Number(value) } });
    await escalateScore(turn, row);
    await askDetails(turn, row, String(q.data.role ?? 'mentee'), q.expiresAt);
    await askGoalProgress(turn, row.matchId, membershipId, 'check-in');
    return { status: 'answered' };
  },
  async onExpired(work, q) {
    await work.repos.checkIns.markUnanswered(work.organisation.id, String(q.data.checkInId ?? ''));
  },
};
