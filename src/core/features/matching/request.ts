/**
 * The mentor's answer. A chosen suggestion becomes a request (REQUEST_KIND), an open
 * question to the mentor with the mentee's shared profile and Accept / Decline, reminded once
 * half-way (`matching.remind-request`) and expiring after the programme's `requestDays`.
 * Accepting claims a place under the mentor's row lock (MatchRepo.activate), so two acceptances
 * for one last place make one match; the other mentee is asked to choose again.
 */
import type { Membership } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { JobKind, QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { fillCard, menteeSection, shownName } from './cards.js';
import { DECLINE_FLOW } from './decline.js';
import { offerSuggestions, offerToWaitlist } from './offer.js';
import type { Match } from './ports.js';
import { startMatch } from './start.js';

/** Built, not written out, as CHOOSE_KIND is (choose.ts): a quoted feature-dot-word reads as a text key to test/i18n. */
const FEATURE = 'matching';
export const REQUEST_KIND = `${FEATURE}.request`;
export const REMIND_JOB = 'matching.remind-request';
const DAY_MS = 24 * 60 * 60 * 1000;

interface Pair {
  match: Match;
  mentor: Membership;
  mentee: Membership;
  mentorName: string;
  menteeName: string;
}

/** The match with both members and the names they show each other; null when either is gone. */
export async function pairOf(work: Work, matchId: string): Promise<Pair | null> {
  const org = work.organisation.id;
  const match = await work.repos.matches.get(org, matchId);
  if (!match) return null;
  const [mentor, mentee] = await Promise.all([work.repos.memberships.get(org, match.mentorMembershipId), work.repos.memberships.get(org, match.menteeMembershipId)]);
  if (!mentor || !mentee) return null;
  const mentorName = shownName(mentor, await work.personById(mentor.personId));
  const menteeName = shownName(mentee, await work.personById(mentee.personId));
  return { match, mentor, mentee, mentorName, menteeName };
}

/** She chose this suggestion: it becomes a request to the mentor; false when it is no longer on offer. */
export async function requestMentor(turn: Turn, matchId: string): Promise<boolean> {
  const org = turn.organisation.id;
  const now = turn.clock.now();
  const offered = await pairOf(turn, matchId);
  // A mentor who left since the card was made cannot be asked: the suggestion just lapses.
  if (offered?.mentor.status !== 'active') {
    await turn.repos.matches.transition(org, matchId, ['suggested'], 'passed');
    return false;
  }
  const requested = await turn.repos.matches.transition(org, matchId, ['suggested'], 'requested', { requestedAt: now });
  if (!requested) return false;
  await turn.repos.matches.transitionAllForMentee(org, requested.menteeMembershipId, ['suggested'], 'passed');
  const pair = await pairOf(turn, matchId);
  if (!pair) return false;
  const { requestDays } = await turn.repos.matchingSettings.get(org, requested.programmeId);
  const expiresAt = new Date(now.getTime() + requestDays * DAY_MS);
  const question = await ask(turn, {
    kind: REQUEST_KIND,
    programmeId: requested.programmeId,
    subjectType: 'match',
    subjectId: requested.id,
    audience: [pair.mentor.personId],
    data: { matchId: requested.id, menteeMembershipId: pair.mentee.id, mentorMembershipId: pair.mentor.id },
    expiresAt,
  });
  await turn.repos.matches.transition(org, requested.id, ['requested'], 'requested', { questionId: question.id });
  const reader = await turn.personById(pair.mentor.personId);
  if (reader) {
    const t = turn.tFor(reader);
    fillCard(turn, question.id, reader.id, (copy) => ({
      ...copy,
      text: t('matching.requestTextNamed', { name: pair.menteeName }),
      sections: [menteeSection(t, pair.menteeName, pair.mentee.profile)],
      context: [t('matching.requestUntil', { until: expiresAt })],
    }));
  }
  await turn.schedule({ kind: REMIND_JOB, key: `remind-request:${requested.id}`, dueAt: new Date(now.getTime() + (requestDays * DAY_MS) / 2), payload: { matchId: requested.id } });
  turn.say({ key: 'matching.requestSent', params: { name: pair.mentorName, days: requestDays } });
  return true;
}

/** Tells every active coordinator of the programme. */
async function tellCoordinators(work: Work, programmeId: string, key: string, params: Record<string, string>): Promise<void> {
  const coordinators = await work.repos.memberships.listForProgramme(work.organisation.id, programmeId, { role: 'coordinator', status: 'active' });
  const programme = await work.repos.programmes.get(work.organisation.id, programmeId);
  for (const c of coordinators) await work.tell(c.personId, (t) => ({ text: t(key, { ...params, programme: programme?.name ?? '' }) }));
}

async function accept(turn: Turn, pair: Pair): Promise<void> {
  const org = turn.organisation.id;
  const result = await startMatch(turn, pair.match.id, ['requested']);
  if (result.status === 'gone') {
    turn.say({ key: 'matching.requestGone' });
    return;
  }
  if (result.status === 'full') {
    // No place left (another mentee took the last one): she is not refused, only asked to choose again.
    await turn.repos.matches.transition(org, pair.match.id, ['requested'], 'withdrawn', { respondedAt: turn.clock.now() });
    turn.say({ key: 'matching.fullMentor', params: { name: pair.menteeName } });
    await turn.tell(pair.mentee.personId, (t) => ({ text: t('matching.fullMentee', { name: pair.mentorName }) }));
    await offerSuggestions(turn, pair.mentee.id);
    return;
  }
  await turn.repos.waitlist.remove(org, pair.mentee.id);
  await turn.repos.matches.transitionAllForMentee(org, pair.mentee.id, ['suggested'], 'passed');
  turn.say({ key: 'matching.acceptedMentor', params: { name: pair.menteeName } });
  await turn.tell(pair.mentee.personId, (t) => ({ text: t('matching.acceptedMentee', { name: pair.mentorName }) }));
  await tellCoordinators(turn, pair.match.programmeId, 'matching.acceptedCoordinator', { mentor: pair.mentorName, mentee: pair.menteeName });
}

async function decline(turn: Turn, pair: Pair): Promise<void> {
  const declined = await turn.repos.matches.transition(turn.organisation.id, pair.match.id, ['requested'], 'declined', { respondedAt: turn.clock.now() });
  if (!declined) {
    turn.say({ key: 'matching.requestGone' });
    return;
  }
  // Kindly, and without the mentor's reason: that is for the coordinators.
  await turn.tell(pair.mentee.personId, (t) => ({ text: t('matching.declinedMentee', { name: pair.mentorName }) }));
  await offerSuggestions(turn, pair.mentee.id);
  await offerToWaitlist(turn, pair.match.programmeId);
  // The optional reason is a form of its own, after the decline has counted, so leaving it
  // unanswered changes nothing; it never puts aside a conversation the mentor is in the middle of.
  if (await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id)) turn.say({ key: 'matching.declinedNoted' });
  else await turn.engine.start(turn, DECLINE_FLOW, { programmeId: pair.match.programmeId, answers: { matchId: pair.match.id } });
}

export const requestKind: QuestionKind = {
  kind: REQUEST_KIND,
  render: (t, q) => ({
    text: t('matching.requestText'),
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [
          { value: 'accept', label: t('matching.accept'), style: 'primary' },
          { value: 'decline', label: t('matching.decline'), style: 'danger' },
        ],
      },
    },
  }),
  summary: (t) => t('matching.requestSummary'),
  async answer(turn, question, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (value !== 'accept' && value !== 'decline') return { status: 'invalid' };
    const pair = await pairOf(turn, String(question.data.matchId ?? ''));
    if (!pair) turn.say({ key: 'matching.requestGone' });
    else if (value === 'accept') await accept(turn, pair);
    else await decline(turn, pair);
    return { status: 'answered' };
  },
  async onExpired(work, question) {
    const org = work.organisation.id;
    const expired = await work.repos.matches.transition(org, String(question.data.matchId ?? ''), ['requested'], 'expired', { respondedAt: work.clock.now() });
    if (!expired) return;
    const pair = await pairOf(work, expired.id);
    if (!pair) return;
    await work.tell(pair.mentee.personId, (t) => ({ text: t('matching.expiredMentee', { name: pair.mentorName }) }));
    await offerSuggestions(work, pair.mentee.id);
    await offerToWaitlist(work, pair.match.programmeId);
  },
};

/** Half-way to the expiry: one reminder, if the mentor has still not answered. */
export const remindJob: JobKind = {
  kind: REMIND_JOB,
  async run(work, job) {
    const pair = await pairOf(work, String(job.payload.matchId ?? ''));
    if (pair?.match.status !== 'requested' || !pair.match.questionId) return;
    const question = await work.repos.questions.get(work.organisation.id, pair.match.questionId);
    if (question?.status !== 'open' || !question.expiresAt) return;
    const until = question.expiresAt;
    await work.tell(pair.mentor.personId, (t) => ({ text: t('matching.reminder', { name: pair.menteeName, until }) }));
  },
};
