/**
 * The two jobs the meetings feature schedules (payload `{ matchId, meetingId }`):
 * reflections.prepare the day before a planned meeting — each side is offered their preparation
 * questions, once, with a "Prepare now" button that expires when the meeting starts (optional,
 * never a reminder) — and reflections.reflect once a meeting is logged as held — each side is
 * asked to rate it (rating.ts). Both skip quietly when the pair has ended or the meeting was
 * cancelled, and ask nobody twice about one meeting.
 */
import type { ScheduledJob } from '../../domain.js';
import type { JobKind, QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { bothSides } from '../journey/agreement-confirm.js';
import { startReflection } from './flow.js';
import { dateData, dateOf, meetingOf, type MeetingView } from './meeting.js';
import { RATING_KIND } from './rating.js';

// Built, not written out: the kinds in quotes would read as text keys to test/i18n.
const FEATURE = 'reflections';
export const PREPARE_JOB = `${FEATURE}.prepare`;
export const REFLECT_JOB = `${FEATURE}.reflect`;
export const OFFER_KIND = 'reflections.prepare-offer';
const DAY = 86_400_000;
/** Without a meeting's time, the offer waits this long; a rating question waits two weeks. */
const OFFER_DAYS = 2;
const RATING_DAYS = 14;

type Side = Awaited<ReturnType<typeof bothSides>>[number];

/** The pair's two sides and the meeting, or null when there is nothing to ask (the pair ended…). */
async function setUp(work: Work, job: ScheduledJob): Promise<{ sides: Side[]; meeting: MeetingView | null; meetingId: string } | null> {
  const matchId = String(job.payload.matchId ?? '');
  const meetingId = String(job.payload.meetingId ?? '');
  const match = await work.repos.matches.get(work.organisation.id, matchId);
  if (match?.status !== 'active' || !meetingId) return null;
  const meeting = await meetingOf(work, matchId, meetingId);
  if (meeting?.status === 'cancelled') return null;
  return { sides: await bothSides(work, matchId, match.programmeId), meeting, meetingId };
}

/** Whether this side was asked about this meeting already (a job run again, a meeting moved). */
async function askedAlready(work: Work, kind: string, meetingId: string, side: Side): Promise<boolean> {
  const asked = await work.repos.questions.listBySubject(work.organisation.id, 'meeting', meetingId);
  return asked.some((q) => q.kind === kind && q.status === 'open' && q.data.membershipId === side.pair.mine.id);
}

export const prepareJob: JobKind = {
  kind: PREPARE_JOB,
  async run(work, job) {
    const found = await setUp(work, job);
    if (!found) return;
    const now = work.clock.now().getTime();
    const startsAt = found.meeting?.startsAt.getTime() ?? 0;
    const expiresAt = new Date(startsAt > now ? startsAt : now + OFFER_DAYS * DAY);
    for (const side of found.sides) {
      if (await askedAlready(work, OFFER_KIND, found.meetingId, side)) continue;
      const data = { matchId: side.pair.match.id, meetingId: found.meetingId, membershipId: side.pair.mine.id, date: dateData(found.meeting) };
      await ask(work, { kind: OFFER_KIND, programmeId: side.pair.match.programmeId, subjectType: 'meeting', subjectId: found.meetingId, audience: [side.personId], data, expiresAt });
    }
  },
};

export const reflectJob: JobKind = {
  kind: REFLECT_JOB,
  async run(work, job) {
    const found = await setUp(work, job);
    if (!found) return;
    const expiresAt = new Date(work.clock.now().getTime() + RATING_DAYS * DAY);
    for (const side of found.sides) {
      if (await askedAlready(work, RATING_KIND, found.meetingId, side)) continue;
      const stored = await work.repos.reflections.find(work.organisation.id, side.pair.mine.id, found.meetingId, 'reflection');
      if (stored?.rating) continue;
      const data = { matchId: side.pair.match.id, meetingId: found.meetingId, membershipId: side.pair.mine.id, date: dateData(found.meeting) };
      await ask(work, { kind: RATING_KIND, programmeId: side.pair.match.programmeId, subjectType: 'meeting', subjectId: found.meetingId, audience: [side.personId], data, expiresAt });
    }
  },
};

export const offerKind: QuestionKind = {
  kind: OFFER_KIND,
  render: (t, q) => {
    const date = dateOf(q.data.date);
    return {
      text: date ? t('reflections.offerText', { date }) : t('reflections.offerTextNoDate'),
      context: [t('reflections.offerContext')],
      prompt: { id: q.id, spec: { kind: 'choice', options: [{ value: 'prepare', label: t('reflections.prepareNow'), style: 'primary' }] } },
    };
  },
  summary: (t) => t('reflections.offerSummary'),
  async answer(turn, q, answer) {
    if (answer.kind !== 'choice' || answer.values[0] !== 'prepare') return { status: 'invalid' };
    await startReflection(turn, 'preparation', { matchId: String(q.data.matchId ?? ''), meetingId: String(q.data.meetingId ?? '') });
    return { status: 'answered' };
  },
};
