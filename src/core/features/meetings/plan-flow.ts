/**
 * `meeting` / `møte`: either side of a pair proposes a meeting in one form; the partner answers
 * it (respond.ts). The same flow, started with a meeting id, proposes a new time for it
 * ("Propose another time", "Move"): the time goes back to proposed, a step up in sequence, its
 * jobs and open questions withdrawn, and the other side answers. What was typed is kept only in
 * the Meeting row: the run's answers are dropped when it ends.
 */
import type { AnswerValue, FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { currentPair, pairLabel, pairsOf } from '../journey/guide-pairs.js';
import { fromOption, option, storedOptions } from '../matching/roster.js';
import { initialOf, planForm, readValues } from './form.js';
import { askProposer } from './notify.js';
import type { Meeting } from './ports.js';
import { askPartner, PLAN_FLOW } from './respond.js';
import { cancelJobs, withdrawQuestions } from './shared.js';

/** The command: straight to the form with one pair, a choice with several, kindly nothing without. */
export async function startPlanning(turn: Turn, active: FlowRun | null, flowId: string): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'meetings.noPair' });
  const choices = pairs.map((p) => option(p.match.id, pairLabel(turn.t, p)));
  const only = pairs.length === 1 ? fromOption(choices[0] as string).value : null;
  await turn.engine.start(turn, flowId, { programmeId: only ? pairs[0]?.match.programmeId : null, answers: { choices, ...(only ? { matchId: only } : {}) }, active });
}

export function finish(ctx: StepContext, key: string, params?: Record<string, string | number | Date>): null {
  ctx.say({ key, ...(params ? { params } : {}) });
  ctx.forgetAnswers();
  return null;
}

/** The meeting being moved, if it is still this pair's and still open to a new time. */
async function moving(ctx: StepContext, matchId: string): Promise<Meeting | null> {
  if (typeof ctx.answers.meetingId !== 'string') return null;
  const meeting = await ctx.repos.meetings.get(ctx.person.organisationId, ctx.answers.meetingId);
  return meeting && meeting.matchId === matchId && (meeting.status === 'proposed' || meeting.status === 'planned') ? meeting : null;
}

async function load(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'meetings.pairGone');
  ctx.remember('programmeId', pair.match.programmeId);
  const meeting = await moving(ctx, pair.match.id);
  if (typeof ctx.answers.meetingId === 'string' && !meeting) return finish(ctx, 'meetings.notCurrent');
  ctx.remember('partner', pair.partnerName);
  if (meeting) ctx.remember('initial', initialOf(meeting, ctx.person.timeZone));
  return 'form';
}

async function save(ctx: StepContext): Promise<string | null> {
  const org = ctx.person.organisationId;
  const raw = ctx.answers.form;
  const values = readValues(raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, AnswerValue>) : {}, ctx.person.timeZone);
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'meetings.pairGone');
  if (!values || values.startsAt <= ctx.clock.now()) return finish(ctx, 'meetings.pastTime');
  await ctx.repos.meetings.lockPair(org, pair.match.id);
  const now = ctx.clock.now();
  const old = await moving(ctx, pair.match.id);
  let meeting: Meeting | null;
  if (old) {
    const patch = { ...values, status: 'proposed' as const, sequence: old.sequence + 1, proposedById: pair.mine.id, loggedById: null, loggedAt: null };
    meeting = await ctx.repos.meetings.update(org, old.id, { status: ['proposed', 'planned'], sequence: old.sequence }, patch, now);
    if (!meeting) return finish(ctx, 'meetings.notCurrent');
    await cancelJobs(ctx.turn, old);
    await withdrawQuestions(ctx.turn, old.id);
  } else if (typeof ctx.answers.meetingId === 'string') {
    return finish(ctx, 'meetings.notCurrent');
  } else {
    meeting = await ctx.repos.meetings.create({
      id: ctx.ids.next(), organisationId: org, programmeId: pair.match.programmeId, matchId: pair.match.id, ...values, status: 'proposed', sequence: 0, proposedById: pair.mine.id,
      loggedById: null, loggedAt: null, confirmedById: null, confirmedAt: null, cancelledById: null, createdAt: now, updatedAt: now,
    });
  }
  const side = { personId: ctx.person.id, pair };
  await askPartner(ctx.turn, meeting, side);
  await askProposer(ctx.turn, meeting, side);
  ctx.forgetAnswers();
  return null;
}

const initial = (ctx: StepContext) => {
  const v = ctx.answers.initial;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : undefined;
};

export const planFlow: FlowDefinition = {
  id: PLAN_FLOW,
  version: 1,
  title: 'meetings.flowTitle',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'load' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'meetings.pickPair' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'load' },
    load: { kind: 'act', run: load },
    form: {
      kind: 'ask',
      key: 'form',
      text: (ctx) => ({ key: 'meetings.formAsk', params: { name: String(ctx.answers.partner ?? ''), zone: ctx.person.timeZone } }),
      input: (ctx) => planForm(ctx.person.timeZone, ctx.clock.now(), initial(ctx)),
      next: 'save',
    },
    save: { kind: 'act', run: save },
  },
};
