/**
 * The meetings a preparation or a reflection is about, read through the meetings feature's
 * repository (work.repos.meetings, meetings/ports.ts): the one a job names, the pair's next
 * planned meeting (`prepare`) and their last held one (`reflect`). A meeting that cannot be read (a job for one
 * deleted since) is no reason to stop: the texts then simply do not name its date.
 */
import type { Work } from '../../kernel/work.js';
import type { Meeting } from '../meetings/ports.js';

export type MeetingView = Pick<Meeting, 'id' | 'matchId' | 'startsAt' | 'status'>;

/** The meeting of a job or a question, if it still belongs to the pair. */
export async function meetingOf(work: Work, matchId: string, meetingId: string | null): Promise<MeetingView | null> {
  if (!meetingId) return null;
  const meeting = await work.repos.meetings.get(work.organisation.id, meetingId);
  return meeting && meeting.matchId === matchId ? meeting : null;
}

/** The pair's next planned meeting (soonest first), or null. */
export async function nextPlanned(work: Work, matchId: string): Promise<MeetingView | null> {
  const all = await work.repos.meetings.listForMatch(work.organisation.id, matchId);
  const now = work.clock.now().getTime();
  return all.filter((m) => m.status === 'planned' && m.startsAt.getTime() >= now).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0] ?? null;
}

/** The pair's last held meeting, or null. */
export async function lastHeld(work: Work, matchId: string): Promise<MeetingView | null> {
  const all = await work.repos.meetings.listForMatch(work.organisation.id, matchId);
  return all.filter((m) => m.status === 'held').sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0] ?? null;
}

/** A date as question data (ISO), and back as a Date for the texts. */
export const dateData = (meeting: MeetingView | null) => (meeting ? meeting.startsAt.toISOString() : '');
export const dateOf = (value: unknown): Date | null => (typeof value === 'string' && value !== '' ? new Date(value) : null);
