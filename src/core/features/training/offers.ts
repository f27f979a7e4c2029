/**
 * Offering the training: when someone joins a programme that requires it, when a coordinator
 * sends a reminder, and the follow-ups later in the year. An offer is an open question with one
 * "Start" button, so it works beside whatever the person is doing, `help` lists it as waiting,
 * and a click starts the next module. Its row is also the record that follow-ups were offered
 * (the `training` command lists them from then on). A new offer takes the buttons off older
 * ones, and finishing the training closes what is left, so only one live offer ever shows.
 */
import type { Membership, OpenQuestion } from '../../domain.js';
import type { JobKind, QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { trainingModulesFor } from './modules.js';
import { isDone, progressOf } from './progress.js';

export const OFFER_KIND = 'training.module-offer';
export const FOLLOW_UP_JOB = 'training.offer-follow-up';
export const REMIND_JOB = 'training.send-reminder';
/** Offers are about the membership: leaving the programme withdraws them (erasure.ts finds them by it). */
const SUBJECT = 'membership';

export type OfferVariant = 'join' | 'reminder' | 'followUp';

const OFFER_TEXT: Record<OfferVariant, string> = { join: 'course.offerJoin', reminder: 'course.offerReminder', followUp: 'course.offerFollowUp' };

/** Months after a match starts when follow-ups are offered: the seeds ask for two or more over the year. */
export const FOLLOW_UP_MONTHS = [3, 8] as const;

export const offerQuestion: QuestionKind = {
  kind: OFFER_KIND,
  render: (t, q) => ({
    text: t(OFFER_TEXT[variantOf(q)], { programme: String(q.data.programmeName ?? ''), count: Number(q.data.left ?? 0) }),
    prompt: { id: q.id, spec: { kind: 'choice', options: [{ value: 'start', label: t('course.startButton'), style: 'primary' }] } },
  }),
  summary: (t, q) => t('course.offerSummary', { programme: String(q.data.programmeName ?? '') }),
  async answer(turn, q) {
    const member = await turn.repos.memberships.get(turn.organisation.id, String(q.data.membershipId ?? ''));
    if (member?.status !== 'active' || member.personId !== turn.person.id) {
      turn.say({ key: 'course.notMember' });
      return { status: 'answered' };
    }
    // Straight into the next module (of the follow-ups, for their offer): the click already said "start".
    const start = variantOf(q) === 'followUp' ? 'followUp' : 'next';
    await turn.engine.start(turn, 'training', { programmeId: member.programmeId, answers: { programmeId: member.programmeId, start } });
    return { status: 'answered' };
  },
};

const variantOf = (q: OpenQuestion): OfferVariant => (q.data.variant === 'reminder' || q.data.variant === 'followUp' ? q.data.variant : 'join');

/** The membership's offers, any status, oldest first. */
function offersFor(work: Work, membershipId: string): Promise<OpenQuestion[]> {
  return work.repos.questions.listBySubject(work.organisation.id, SUBJECT, membershipId).then((qs) => qs.filter((q) => q.kind === OFFER_KIND));
}

/** Whether follow-ups were ever offered to the member (from then on `training` lists them). */
export async function followUpsOffered(work: Work, membershipId: string): Promise<boolean> {
  return (await offersFor(work, membershipId)).some((q) => q.data.variant === 'followUp');
}

/** Closes the member's open offers; each copy keeps its words and loses its button. */
export async function closeOffers(work: Work, membershipId: string): Promise<void> {
  for (const q of await offersFor(work, membershipId)) {
    if (q.status !== 'open') continue;
    const closed = await work.repos.questions.close(work.organisation.id, q.id, 'withdrawn', work.clock.now());
    if (!closed) continue;
    for (const personId of closed.audience) await work.tell(personId, (t) => ({ text: offerQuestion.render(t, closed).text, replacesPromptId: closed.id }));
  }
}

/** Sends an offer of the member's next modules (older offers lose their button); false when nothing is left. */
async function sendOffer(work: Work, member: Membership, variant: OfferVariant): Promise<boolean> {
  if (member.status !== 'active') return false;
  const org = work.organisation.id;
  const progress = progressOf(member, await work.repos.training.listForMembership(org, member.id), variant === 'followUp');
  // A follow-up offer counts the follow-ups; the others what is left before matching.
  const left = progress ? (variant === 'followUp' ? progress.followUps : progress.initial).filter((m) => !isDone(progress, m)).length : 0;
  const programme = await work.repos.programmes.get(org, member.programmeId);
  if (left === 0 || !programme) return false;
  await closeOffers(work, member.id);
  await ask(work, { kind: OFFER_KIND, programmeId: member.programmeId, subjectType: SUBJECT, subjectId: member.id, audience: [member.personId], data: { membershipId: member.id, programmeName: programme.name, variant, left } });
  return true;
}

/**
 * Offers the training to someone who just joined, when their programme requires it before
 * matching (the programme's matching settings); does nothing otherwise, or for a coordinator, or
 * when nothing is left (a workshop already counted). True when an offer was sent.
 */
export async function offerTraining(work: Work, membership: Membership): Promise<boolean> {
  if (membership.role === 'coordinator') return false;
  const settings = await work.repos.matchingSettings.get(work.organisation.id, membership.programmeId);
  if (!settings.trainingRequired) return false;
  return sendOffer(work, membership, 'join');
}

/** Schedules the follow-up offers at +3 and +8 months from `from` (a match's start); scheduling twice keeps one of each. */
export async function scheduleFollowUps(work: Work, membership: Pick<Membership, 'id' | 'role'>, from: Date): Promise<void> {
  if (membership.role === 'coordinator') return;
  for (const [i, months] of FOLLOW_UP_MONTHS.entries()) {
    await work.schedule({ kind: FOLLOW_UP_JOB, key: `${FOLLOW_UP_JOB}:${membership.id}:${i + 1}`, dueAt: addMonths(from, months), payload: { membershipId: membership.id } });
  }
}

/** Calendar months in UTC (31 January + 1 month is 3 March, as Date does: close enough for an offer). */
function addMonths(from: Date, months: number): Date {
  const at = new Date(from.getTime());
  at.setUTCMonth(at.getUTCMonth() + months);
  return at;
}

/** The member's training job, or nothing when the membership is gone (they left, or it was erased). */
async function memberOf(work: Work, payload: Record<string, unknown>): Promise<Membership | null> {
  const member = await work.repos.memberships.get(work.organisation.id, String(payload.membershipId ?? ''));
  return member?.status === 'active' ? member : null;
}

export const trainingJobs: JobKind[] = [
  {
    kind: FOLLOW_UP_JOB,
    async run(work, job) {
      const member = await memberOf(work, job.payload);
      // The follow-ups are for someone in a pair (scheduled when it started): after it ended, none.
      const paired = member ? (await work.repos.matches.listForMembership(work.organisation.id, member.id, ['active'])).length > 0 : false;
      // Someone who has done the follow-ups already (or has none for their role) is not asked again.
      if (member && paired && member.role !== 'coordinator' && trainingModulesFor(member.role, true).length > 0) await sendOffer(work, member, 'followUp');
    },
  },
  {
    // A coordinator's reminder, one job per member and day (its key); checked again when it runs,
    // so someone who finished in the meantime is not reminded.
    kind: REMIND_JOB,
    async run(work, job) {
      const member = await memberOf(work, job.payload);
      if (member) await sendOffer(work, member, 'reminder');
    },
  },
];
