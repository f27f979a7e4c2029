/**
 * A meeting that happened: one side logs it (log-flow.ts, or "Held as planned" when asked after
 * a planned meeting), the other confirms it, and only then is it `held`, with who logged, who
 * confirmed and when. Logging schedules the reflection (the reflections feature's reflect job, keyed by meeting so
 * it is scheduled once); "It did not happen" takes the log back and the meeting is cancelled.
 */
import type { Turn } from '../../engine/turn.js';
import type { QuestionAnswer, QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import { firstMeetingHeld } from '../checkins/schedule.js';
import { fillCard } from '../matching/cards.js';
import type { Meeting } from './ports.js';
import { cancelMeeting, startMove } from './respond.js';
import { cancelJobs, JOB_REFLECT, keys, meetingData, paramsOf, SUBJECT, type Side, sidesOf, timeParams, withdrawQuestions } from './shared.js';

export const CONFIRM_KIND = 'meetings.confirm-held';
export const HAPPENED_KIND = 'meetings.did-it-happen';

/** Records the turn's person's log of `meeting` (locked by the caller) and asks the other side. */
export async function logHeld(turn: Turn, meeting: Meeting): Promise<void> {
  const sides = await sidesOf(turn, meeting);
  const mine = sides.find((s) => s.personId === turn.person.id);
  const other = sides.find((s) => s.personId !== turn.person.id);
  if (!mine || !other) return turn.say({ key: 'meetings.pairGone' });
  if (meeting.status === 'held' || meeting.loggedById === mine.pair.mine.id) return turn.say({ key: 'meetings.alreadyLogged' });
  // The other side logged it already: this is their confirmation.
  if (meeting.loggedById === other.pair.mine.id) return confirm(turn, meeting, mine, other);
  const now = turn.clock.now();
  const logged = await turn.repos.meetings.update(turn.organisation.id, meeting.id, { status: ['proposed', 'planned'], sequence: meeting.sequence }, { status: 'planned', loggedById: mine.pair.mine.id, loggedAt: now }, now);
  if (!logged) return turn.say({ key: 'meetings.notCurrent' });
  await cancelJobs(turn, meeting);
  await withdrawQuestions(turn, meeting.id, 'meetings.pastMark');
  await turn.schedule({ kind: JOB_REFLECT, key: keys(logged).reflect, dueAt: now, payload: { matchId: logged.matchId, meetingId: logged.id } });
  const q = await ask(turn, { kind: CONFIRM_KIND, programmeId: logged.programmeId, subjectType: SUBJECT, subjectId: logged.id, audience: [other.personId], data: meetingData(logged, { byRole: mine.pair.role }) });
  const reader = await turn.personById(other.personId);
  if (reader) fillCard(turn, q.id, other.personId, (copy) => ({ ...copy, text: turn.tFor(reader)('meetings.confirmAsk', { name: other.pair.partnerName, ...paramsOf(logged) }) }));
  turn.say({ key: 'meetings.loggedWaiting', params: { name: mine.pair.partnerName } });
}

async function confirm(turn: Turn, meeting: Meeting, mine: Side, other: Side): Promise<void> {
  const now = turn.clock.now();
  const held = await turn.repos.meetings.update(turn.organisation.id, meeting.id, { status: ['planned'], sequence: meeting.sequence }, { status: 'held', confirmedById: mine.pair.mine.id, confirmedAt: now }, now);
  if (!held) return turn.say({ key: 'meetings.notCurrent' });
  await firstMeetingHeld(turn, held.matchId);
  await withdrawQuestions(turn, meeting.id, 'meetings.pastMark');
  for (const side of [mine, other]) await turn.tell(side.personId, (t) => ({ text: t('meetings.heldBoth', { name: side.pair.partnerName, ...paramsOf(held) }) }));
}

/** The question's meeting, locked and re-read, if it is still at the question's sequence. */
async function lockedMeeting(turn: Turn, data: Record<string, unknown>): Promise<Meeting | null> {
  await turn.repos.meetings.lockPair(turn.organisation.id, String(data.matchId ?? ''));
  const meeting = await turn.repos.meetings.get(turn.organisation.id, String(data.meetingId ?? ''));
  return meeting && meeting.sequence === Number(data.sequence) ? meeting : null;
}

export const choice = (a: QuestionAnswer) => (a.kind === 'choice' ? a.values[0] : undefined);

export const confirmKind: QuestionKind = {
  kind: CONFIRM_KIND,
  render: (t, q) => ({
    text: t('meetings.confirmShort', { role: String(q.data.byRole ?? 'mentee'), ...timeParams(q.data) }),
    prompt: { id: q.id, spec: { kind: 'choice', options: [{ value: 'confirm', label: t('meetings.confirmHeld'), style: 'primary' }, { value: 'not', label: t('meetings.didNotHappen') }] } },
  }),
  summary: (t, q) => t('meetings.confirmSummary', timeParams(q.data)),
  async answer(turn, q, a) {
    const value = choice(a);
    if (value !== 'confirm' && value !== 'not') return { status: 'invalid' };
    const meeting = await lockedMeeting(turn, q.data);
    const sides = meeting ? await sidesOf(turn, meeting) : [];
    const mine = sides.find((s) => s.personId === turn.person.id);
    const other = sides.find((s) => s.personId !== turn.person.id);
    if (!meeting || !mine || !other || meeting.status !== 'planned' || meeting.loggedById !== other.pair.mine.id) turn.say({ key: 'meetings.notCurrent' });
    else if (value === 'confirm') await confirm(turn, meeting, mine, other);
    else {
      await turn.repos.jobs.cancel(turn.organisation.id, keys(meeting).reflect);
      await cancelMeeting(turn, meeting, sides, 'meetings.notHappened');
    }
    return { status: 'answered' };
  },
};

/** Asked of the mentee an hour after a planned meeting's end (jobs.ts). */
export const happenedKind: QuestionKind = {
  kind: HAPPENED_KIND,
  render: (t, q) => ({
    text: t('meetings.happenedAsk', timeParams(q.data)),
    prompt: {
      id: q.id,
      spec: { kind: 'choice', options: [{ value: 'held', label: t('meetings.heldAsPlanned'), style: 'primary' }, { value: 'move', label: t('meetings.moved') }, { value: 'not', label: t('meetings.didNotHappen') }] },
    },
  }),
  summary: (t, q) => t('meetings.happenedSummary', timeParams(q.data)),
  async answer(turn, q, a) {
    const value = choice(a);
    if (value !== 'held' && value !== 'move' && value !== 'not') return { status: 'invalid' };
    const locked = await lockedMeeting(turn, q.data);
    // Only a planned meeting nobody has logged yet can still be said to have happened or not.
    const meeting = locked?.status === 'planned' && !locked.loggedById ? locked : null;
    if (!meeting) turn.say({ key: 'meetings.notCurrent' });
    else if (value === 'held') await logHeld(turn, meeting);
    else if (value === 'move') await startMove(turn, meeting);
    else await cancelMeeting(turn, meeting, await sidesOf(turn, meeting), 'meetings.notHappened');
    return { status: 'answered' };
  },
};
