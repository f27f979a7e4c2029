/**
 * The meeting's jobs (scheduled in shared.ts): the reminder the day before, to both in their
 * language and time zone, and an hour after its end "Did your meeting happen?" to the mentee, who
 * takes the initiative (the seeds' roles). A job whose meeting moved (another sequence), ended
 * or whose pair ended does nothing.
 */
import type { ScheduledJob } from '../../domain.js';
import type { JobKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { HAPPENED_KIND } from './held.js';
import type { Meeting } from './ports.js';
import { JOB_CHECK, JOB_REMIND, meetingData, paramsOf, placeSection, SUBJECT, sidesOf, withdrawQuestions } from './shared.js';

async function stillPlanned(work: Work, job: ScheduledJob): Promise<Meeting | null> {
  const meeting = await work.repos.meetings.get(work.organisation.id, String(job.payload.meetingId ?? ''));
  return meeting?.status === 'planned' && !meeting.loggedById && meeting.sequence === Number(job.payload.sequence ?? 0) ? meeting : null;
}

export const remindJob: JobKind = {
  kind: JOB_REMIND,
  async run(work, job) {
    const meeting = await stillPlanned(work, job);
    if (!meeting) return;
    for (const side of await sidesOf(work, meeting)) {
      await work.tell(side.personId, (t) => ({ text: t('meetings.reminder', { name: side.pair.partnerName, ...paramsOf(meeting) }), sections: placeSection(t, meeting) }));
    }
  },
};

export const checkJob: JobKind = {
  kind: JOB_CHECK,
  async run(work, job) {
    const meeting = await stillPlanned(work, job);
    if (!meeting) return;
    const mentee = (await sidesOf(work, meeting)).find((s) => s.pair.role === 'mentee');
    if (!mentee) return;
    // Its Move / Cancel buttons are for a meeting still ahead.
    await withdrawQuestions(work, meeting.id, 'meetings.pastMark');
    await ask(work, { kind: HAPPENED_KIND, programmeId: meeting.programmeId, subjectType: SUBJECT, subjectId: meeting.id, audience: [mentee.personId], data: meetingData(meeting) });
  },
};
