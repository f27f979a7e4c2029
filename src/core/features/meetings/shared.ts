/**
 * What every part of meetings shares: the two sides of a meeting's pair (each with their own
 * role, the partner's name, their time zone and language), a meeting as lines of text for one
 * reader, the open questions about a meeting, and the jobs a planned meeting has. Jobs are keyed
 * by meeting and sequence (the first time plain, `remind-meeting:<id>`; after a move
 * `remind-meeting:<id>:<sequence>`): a reminder that already ran keeps its key taken, so a meeting
 * moved after it would otherwise get no new one.
 */
import type { Answers } from '../../domain.js';
import type { JobKind } from '../../kernel/feature.js';
import { literal } from '../../kernel/rich-text.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Section } from '../../messages.js';
import { bothSides } from '../journey/agreement-confirm.js';
import type { Pair } from '../journey/guide-pairs.js';
import type { Meeting } from './ports.js';
import { endOf } from './time.js';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
/** Kinds are not text keys; built so prompts' key check does not read them as one. */
const FEATURE = 'meetings';
export const JOB_REMIND = `${FEATURE}.remind`;
export const JOB_CHECK = 'meetings.check-held';
const REFLECTIONS = 'reflections';
export const JOB_PREPARE = `${REFLECTIONS}.prepare`;
export const JOB_REFLECT = `${REFLECTIONS}.reflect`;
export const SUBJECT = 'meeting';
export const JOB_TIDY = 'meetings.tidy-questions';

export interface Side {
  personId: string;
  pair: Pair;
}

/** Both sides of the meeting's pair while it is active (empty once it ended). */
export const sidesOf = (work: Work, meeting: Meeting): Promise<Side[]> => bothSides(work, meeting.matchId, meeting.programmeId);

/** What question data says about a meeting: ids and the time, never the place. */
export function meetingData(meeting: Meeting, extra: Answers = {}): Answers {
  return { meetingId: meeting.id, matchId: meeting.matchId, sequence: meeting.sequence, startsAt: meeting.startsAt.toISOString(), minutes: meeting.minutes, mode: meeting.mode, ...extra };
}

/** The time params of a text, from question data. */
export function timeParams(data: Answers): { at: Date; minutes: number; mode: string } {
  return { at: new Date(String(data.startsAt ?? '')), minutes: Number(data.minutes ?? 0), mode: String(data.mode ?? 'in-person') };
}

export const paramsOf = (m: Meeting) => ({ at: m.startsAt, minutes: m.minutes, mode: m.mode });

/** The place as its own section: what a person typed, shown as written (a literal span). */
export function placeSection(t: Translate, meeting: Meeting): Section[] {
  return meeting.place ? [{ heading: t('meetings.placeHeading'), text: literal(meeting.place) }] : [];
}

const suffix = (m: Meeting) => (m.sequence > 0 ? `:${m.sequence}` : '');
export const keys = (m: Meeting) => ({
  remind: `remind-meeting:${m.id}${suffix(m)}`,
  prepare: `prepare:${m.id}${suffix(m)}`,
  check: `check-meeting:${m.id}${suffix(m)}`,
  reflect: `reflect:${m.id}`,
});

/** The day-before reminder, the preparation (reflections) and the "did it happen?" check. */
export async function scheduleJobs(work: Work, m: Meeting): Promise<void> {
  const k = keys(m);
  const payload = { matchId: m.matchId, meetingId: m.id };
  const dayBefore = new Date(Math.max(m.startsAt.getTime() - DAY_MS, work.clock.now().getTime()));
  await work.schedule({ kind: JOB_REMIND, key: k.remind, dueAt: dayBefore, payload: { ...payload, sequence: m.sequence } });
  await work.schedule({ kind: JOB_PREPARE, key: k.prepare, dueAt: dayBefore, payload });
  await work.schedule({ kind: JOB_CHECK, key: k.check, dueAt: new Date(endOf(m).getTime() + HOUR_MS), payload: { ...payload, sequence: m.sequence } });
}

/** Drops the pending jobs of the meeting as it was (`m` before its change). */
export async function cancelJobs(work: Work, m: Meeting): Promise<void> {
  const k = keys(m);
  for (const key of [k.remind, k.prepare, k.check]) await work.repos.jobs.cancel(work.organisation.id, key);
}

/**
 * Withdraws the meeting's open questions (a new time, a cancellation or a log makes them moot),
 * in a job right after this unit: one of them may be claimed this very moment by the other side's
 * answer, which then waits for the pair's lock this unit holds; closing it here would deadlock.
 * Until the job runs, a click on one meets the sequence check and changes nothing.
 */
export async function withdrawQuestions(work: Work, meetingId: string, mark = 'meetings.changedMark'): Promise<void> {
  const open = (await work.repos.questions.listBySubject(work.organisation.id, SUBJECT, meetingId)).filter((q) => q.status === 'open').map((q) => q.id);
  if (open.length > 0) await work.schedule({ kind: JOB_TIDY, key: `tidy-meeting:${meetingId}:${work.ids.next()}`, dueAt: work.clock.now(), payload: { questionIds: open, mark } });
}

export const tidyJob: JobKind = {
  kind: JOB_TIDY,
  async run(work, job) {
    const ids = Array.isArray(job.payload.questionIds) ? job.payload.questionIds.map(String) : [];
    const mark = String(job.payload.mark ?? 'meetings.changedMark');
    for (const id of ids) {
      const closed = await work.repos.questions.close(work.organisation.id, id, 'withdrawn', work.clock.now());
      if (!closed) continue; // answered in the meantime
      for (const personId of closed.audience) await work.tell(personId, (t) => ({ text: t(mark), replacesPromptId: closed.id }));
    }
  },
};
