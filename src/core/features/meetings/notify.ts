/**
 * What the pair is told when a meeting is agreed or called off: each gets a message in their own
 * language and time zone with the calendar file (ics.ts) made for them. An agreed meeting's
 * message is an open question of each side's own (Move / Cancel), so either can change it later
 * from it; a called-off one's file cancels the calendar's event (same UID, higher SEQUENCE).
 */
import { ask } from '../../kernel/questions.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Person } from '../../domain.js';
import { fillCard } from '../matching/cards.js';
import { icsFile, meetingIcs } from './ics.js';
import type { Meeting } from './ports.js';
import { meetingData, paramsOf, placeSection, scheduleJobs, SUBJECT, sidesOf, type Side } from './shared.js';

export const MANAGE_KIND = 'meetings.manage-meeting';

/** The calendar file for one reader: their language for the words, their zone for the times. */
export function fileFor(work: Work, t: Translate, reader: Person, meeting: Meeting, partnerName: string) {
  const text = { summary: withoutMarks(t('meetings.icsSummary', { name: partnerName })), description: withoutMarks(t('meetings.icsDescription')) };
  return icsFile(meetingIcs(meeting, reader.timeZone, work.clock.now(), text));
}

/** The proposer's own copy of a proposal: who it went to, with a button to call it off. */
export async function askProposer(work: Work, meeting: Meeting, proposer: Side): Promise<void> {
  const q = await ask(work, { kind: MANAGE_KIND, programmeId: meeting.programmeId, subjectType: SUBJECT, subjectId: meeting.id, audience: [proposer.personId], data: meetingData(meeting, { state: 'proposed' }) });
  const reader = await work.personById(proposer.personId);
  if (!reader) return;
  const t = work.tFor(reader);
  fillCard(work, q.id, proposer.personId, (copy) => ({ ...copy, text: t('meetings.proposedSent', { name: proposer.pair.partnerName, ...paramsOf(meeting) }), sections: placeSection(t, meeting) }));
}

/** An agreed meeting: its jobs, and each side's invitation with the calendar file. */
export async function announcePlanned(work: Work, meeting: Meeting): Promise<void> {
  await scheduleJobs(work, meeting);
  for (const side of await sidesOf(work, meeting)) {
    const q = await ask(work, { kind: MANAGE_KIND, programmeId: meeting.programmeId, subjectType: SUBJECT, subjectId: meeting.id, audience: [side.personId], data: meetingData(meeting, { state: 'planned' }) });
    const reader = await work.personById(side.personId);
    if (!reader) continue;
    const t = work.tFor(reader);
    fillCard(work, q.id, side.personId, (copy) => ({
      ...copy,
      text: t('meetings.invitation', { name: side.pair.partnerName, ...paramsOf(meeting) }),
      sections: placeSection(t, meeting),
      context: [t('meetings.invitationHint')],
      file: fileFor(work, t, reader, meeting, side.pair.partnerName),
    }));
  }
}

/** A meeting called off (or one that did not happen): both told, with a cancelling file when it was in their calendars. */
export async function announceCancelled(work: Work, meeting: Meeting, wasPlanned: boolean, byPersonId: string, key: 'meetings.cancelled' | 'meetings.notHappened'): Promise<void> {
  for (const side of await sidesOf(work, meeting)) {
    await work.tell(side.personId, (t, reader) => ({
      text: t(key, { name: side.pair.partnerName, byYou: side.personId === byPersonId ? 'yes' : 'no', ...paramsOf(meeting) }),
      ...(wasPlanned ? { file: fileFor(work, t, reader, meeting, side.pair.partnerName) } : {}),
    }));
  }
}
