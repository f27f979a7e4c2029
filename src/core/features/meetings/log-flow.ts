/**
 * `log meeting` / `logg møte`: either side records a meeting that happened. With planned
 * meetings now past, a choice ("It happened as planned: …" or another meeting); otherwise, or for
 * another one, a form (when, how long, in person or online). A meeting of the pair already at
 * that time is the one logged (the same meeting logged twice is stored once); held.ts does the
 * rest (the other side confirms).
 */
import type { AnswerValue } from '../../domain.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import { currentPair } from '../journey/guide-pairs.js';
import { option, storedOptions } from '../matching/roster.js';
import { logForm, readValues } from './form.js';
import { logHeld } from './held.js';
import { finish } from './plan-flow.js';
import type { Meeting } from './ports.js';
import { endOf } from './time.js';

export const LOG_FLOW = 'meeting-log';
const OTHER = 'other';

const pastPlanned = (all: Meeting[], now: Date) => all.filter((m) => m.status === 'planned' && !m.loggedById && endOf(m) <= now);

async function load(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'meetings.pairGone');
  ctx.remember('programmeId', pair.match.programmeId);
  const past = pastPlanned(await ctx.repos.meetings.listForMatch(ctx.person.organisationId, pair.match.id), ctx.clock.now());
  if (past.length === 0) return 'form';
  const label = (m: Meeting) => withoutMarks(ctx.t('meetings.asPlannedOption', { at: m.startsAt, minutes: m.minutes, mode: m.mode }));
  ctx.remember('planned', [...past.map((m) => option(m.id, label(m))), option(OTHER, withoutMarks(ctx.t('meetings.anotherMeeting')))]);
  return 'which';
}

/** Logs the chosen meeting, or the one the form describes (found at that time, or made). */
async function save(ctx: StepContext): Promise<string | null> {
  const org = ctx.person.organisationId;
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'meetings.pairGone');
  await ctx.repos.meetings.lockPair(org, pair.match.id);
  const all = await ctx.repos.meetings.listForMatch(org, pair.match.id);
  const now = ctx.clock.now();
  let meeting: Meeting | undefined;
  if (typeof ctx.answers.which === 'string' && ctx.answers.which !== OTHER) {
    meeting = all.find((m) => m.id === ctx.answers.which);
  } else {
    const raw = ctx.answers.form;
    const values = readValues(raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, AnswerValue>) : {}, ctx.person.timeZone);
    if (!values || values.startsAt > now) return finish(ctx, 'meetings.futureTime');
    meeting = all.find((m) => m.startsAt.getTime() === values.startsAt.getTime() && m.status !== 'cancelled');
    meeting ??= await ctx.repos.meetings.create({
      id: ctx.ids.next(), organisationId: org, programmeId: pair.match.programmeId, matchId: pair.match.id, ...values, place: null, status: 'planned', sequence: 0, proposedById: pair.mine.id,
      loggedById: null, loggedAt: null, confirmedById: null, confirmedAt: null, cancelledById: null, createdAt: now, updatedAt: now,
    });
  }
  if (!meeting) return finish(ctx, 'meetings.notCurrent');
  await logHeld(ctx.turn, meeting);
  ctx.forgetAnswers();
  return null;
}

export const logFlow: FlowDefinition = {
  id: LOG_FLOW,
  version: 1,
  title: 'meetings.logFlowTitle',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'load' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'meetings.pickPair' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'load' },
    load: { kind: 'act', run: load },
    which: { kind: 'ask', key: 'which', text: { key: 'meetings.logWhich' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.planned) }), next: (ctx) => (ctx.answers.which === OTHER ? 'form' : 'save') },
    form: { kind: 'ask', key: 'form', text: (ctx) => ({ key: 'meetings.logAsk', params: { zone: ctx.person.timeZone } }), input: (ctx) => logForm(ctx.person.timeZone, ctx.clock.now()), next: 'save' },
    save: { kind: 'act', run: save },
  },
};
