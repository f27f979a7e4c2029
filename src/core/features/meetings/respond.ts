/**
 * Answering a proposal and changing a meeting. The partner of whoever proposed the current time
 * gets the respond question (Accept / Propose another time / Cancel); each side's invitation and the
 * proposer's own copy are the manage question (Move / Cancel). Every answer locks the pair and
 * re-reads the meeting, and changes it only at the sequence the question showed, so a second
 * click, an old message, or the two sides acting at once change it once.
 */
import type { OpenQuestion } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { QuestionAnswer, QuestionKind, QuestionOutcome } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { fillCard } from '../matching/cards.js';
import { announceCancelled, announcePlanned, MANAGE_KIND } from './notify.js';
import type { Meeting } from './ports.js';
import { cancelJobs, meetingData, paramsOf, placeSection, SUBJECT, type Side, sidesOf, timeParams, withdrawQuestions } from './shared.js';

export const RESPOND_KIND = 'meetings.respond-proposal';
export const PLAN_FLOW = 'meeting-plan';

/** Asks the side that did not propose the meeting's current time to answer it. */
export async function askPartner(work: Work, meeting: Meeting, proposer: Side): Promise<void> {
  const other = (await sidesOf(work, meeting)).find((s) => s.personId !== proposer.personId);
  if (!other) return;
  const q = await ask(work, { kind: RESPOND_KIND, programmeId: meeting.programmeId, subjectType: SUBJECT, subjectId: meeting.id, audience: [other.personId], data: meetingData(meeting, { fromRole: proposer.pair.role }) });
  const reader = await work.personById(other.personId);
  if (!reader) return;
  const t = work.tFor(reader);
  fillCard(work, q.id, other.personId, (copy) => ({ ...copy, text: t('meetings.proposal', { name: other.pair.partnerName, ...paramsOf(meeting) }), sections: placeSection(t, meeting) }));
}

/** The meeting of a question, locked and re-read, if the question still shows its current state. */
async function current(turn: Turn, question: OpenQuestion): Promise<{ meeting: Meeting; sides: Side[] } | null> {
  const org = turn.organisation.id;
  await turn.repos.meetings.lockPair(org, String(question.data.matchId ?? ''));
  const meeting = await turn.repos.meetings.get(org, String(question.data.meetingId ?? ''));
  if (!meeting || meeting.sequence !== Number(question.data.sequence) || (meeting.status !== 'proposed' && meeting.status !== 'planned')) return null;
  const sides = await sidesOf(turn, meeting);
  return sides.some((s) => s.personId === turn.person.id) ? { meeting, sides } : null;
}

/** Calls a meeting off (either side, proposed or planned, or after it did not happen). */
export async function cancelMeeting(turn: Turn, meeting: Meeting, sides: Side[], key: 'meetings.cancelled' | 'meetings.notHappened' = 'meetings.cancelled'): Promise<boolean> {
  const mine = sides.find((s) => s.personId === turn.person.id);
  const patch = { status: 'cancelled' as const, sequence: meeting.sequence + 1, cancelledById: mine?.pair.mine.id ?? null };
  const cancelled = await turn.repos.meetings.update(turn.organisation.id, meeting.id, { status: ['proposed', 'planned'], sequence: meeting.sequence }, patch, turn.clock.now());
  if (!cancelled) return false;
  await cancelJobs(turn, meeting);
  await withdrawQuestions(turn, meeting.id);
  // A past meeting that did not happen needs no calendar change; a future planned one does.
  await announceCancelled(turn, cancelled, meeting.status === 'planned' && key === 'meetings.cancelled', turn.person.id, key);
  return true;
}

/** Opens the planning form for a new time of this meeting, prefilled with the current one. */
export const startMove = (turn: Turn, meeting: Meeting) =>
  turn.engine.start(turn, PLAN_FLOW, { programmeId: meeting.programmeId, answers: { matchId: meeting.matchId, meetingId: meeting.id } });

async function answerWith(turn: Turn, question: OpenQuestion, value: string | undefined, allowed: string[]): Promise<QuestionOutcome> {
  if (!value || !allowed.includes(value)) return { status: 'invalid' };
  const found = await current(turn, question);
  if (!found) {
    turn.say({ key: 'meetings.notCurrent' });
    return { status: 'answered' };
  }
  const { meeting, sides } = found;
  if (value === 'cancel') await cancelMeeting(turn, meeting, sides);
  else if (value === 'move') await startMove(turn, meeting);
  else if (meeting.status !== 'proposed' || sides.find((s) => s.personId === turn.person.id)?.pair.mine.id === meeting.proposedById) turn.say({ key: 'meetings.notCurrent' });
  else {
    const planned = await turn.repos.meetings.update(turn.organisation.id, meeting.id, { status: ['proposed'], sequence: meeting.sequence }, { status: 'planned' }, turn.clock.now());
    if (planned) {
      // The proposer's "proposed" card goes (before the invitations ask anew): else the meeting
      // shows twice among what waits for them, one card still saying it waits for an answer.
      await withdrawQuestions(turn, meeting.id);
      await announcePlanned(turn, planned);
    }
  }
  return { status: 'answered' };
}

export const choice = (a: QuestionAnswer) => (a.kind === 'choice' ? a.values[0] : undefined);

export const respondKind: QuestionKind = {
  kind: RESPOND_KIND,
  render: (t, q) => ({
    text: t('meetings.proposalShort', { role: String(q.data.fromRole ?? 'mentee'), ...timeParams(q.data) }),
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [
          { value: 'accept', label: t('meetings.accept'), style: 'primary' },
          { value: 'move', label: t('meetings.otherTime') },
          { value: 'cancel', label: t('meetings.cancelMeeting'), style: 'danger' },
        ],
      },
    },
  }),
  summary: (t, q) => t('meetings.proposalSummary', timeParams(q.data)),
  answer: (turn, q, a) => answerWith(turn, q, choice(a), ['accept', 'move', 'cancel']),
};

export const manageKind: QuestionKind = {
  kind: MANAGE_KIND,
  render: (t, q) => {
    const planned = q.data.state === 'planned';
    const options = [...(planned ? [{ value: 'move', label: t('meetings.move') }] : []), { value: 'cancel', label: t('meetings.cancelMeeting'), style: 'danger' as const }];
    return { text: t(planned ? 'meetings.plannedShort' : 'meetings.proposedShort', timeParams(q.data)), prompt: { id: q.id, spec: { kind: 'choice', options } } };
  },
  summary: (t, q) => t('meetings.manageSummary', timeParams(q.data)),
  answer: (turn, q, a) => answerWith(turn, q, choice(a), q.data.state === 'planned' ? ['move', 'cancel'] : ['cancel']),
};
