/**
 * `goals` / `mål`: the pair's goals with their progress, and the form to record a step and a line
 * of what changed for each. Started by the command (shows the card, then offers the form) or by a
 * click on the goals question (ask.ts: straight to the form). The form is prefilled with each
 * goal's step now; its answers are stored in one act step and dropped from the run, so the only
 * copy of a line is its GoalProgress row. A second submission of the same form is stale to the
 * engine, and `sourceId` (this run) makes even a repeated store keep one row per goal.
 */
import type { AnswerValue, FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FieldDef, FlowDefinition, StepContext } from '../../engine/types.js';
import { fromOption, option, storedOptions } from '../matching/roster.js';
import { pairLabel, pairsOf } from '../journey/guide-pairs.js';
import { agreedGoals, type GoalPair, goalPairFor } from './pair.js';
import { GOAL_STEPS, type GoalUpdate, isGoalStep } from './ports.js';
import { type GoalState, goalKeys, goalStates } from './progress.js';
import { authorNames, goalsCard, goalsList, nameOf } from './view.js';

export const GOALS_FLOW = 'goals';
const LINE_MAX = 300;

/** The command: straight to the pair with one, a choice with several, kindly nothing without. */
export async function goalsCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'goals.noPair' });
  const choices = pairs.map((p) => option(p.match.id, pairLabel(turn.t, p)));
  const only = pairs.length === 1 ? fromOption(choices[0] as string).value : null;
  await turn.engine.start(turn, GOALS_FLOW, { programmeId: only ? pairs[0]?.match.programmeId : null, answers: { choices, ...(only ? { matchId: only } : {}) }, active });
}

function finish(ctx: StepContext, key: string, params?: Record<string, string | number>): null {
  ctx.say({ key, ...(params ? { params } : {}) });
  ctx.forgetAnswers();
  return null;
}

/** The pair, its goals and their states now; null (and said why) when there is nothing to show. */
async function read(ctx: StepContext): Promise<{ pair: GoalPair; states: GoalState[] } | null> {
  const pair = await goalPairFor(ctx.turn, ctx.person.id, String(ctx.answers.matchId ?? ''));
  if (!pair) return finish(ctx, 'goals.pairGone');
  const agreed = await agreedGoals(ctx.turn, pair.match.id);
  if (!agreed) return finish(ctx, 'goals.noAgreement', { name: pair.partnerName });
  if (agreed.goals.length === 0) return finish(ctx, 'goals.noGoals', { name: pair.partnerName });
  const updates = await ctx.repos.goalProgress.listForMatch(ctx.person.organisationId, pair.match.id);
  return { pair, states: goalStates(agreed.goals, updates) };
}

async function load(ctx: StepContext): Promise<string | null> {
  const found = await read(ctx);
  if (!found) return null;
  // The programme in the answers too, so leaving it empties this run (erasure.ts).
  ctx.remember('programmeId', found.pair.match.programmeId);
  if (ctx.answers.intent === 'update') return prepare(ctx, found.states);
  const names = authorNames(ctx.t, found.pair);
  ctx.say(goalsCard(ctx.t, found.pair, found.states, names));
  return 'view';
}

/** Says the goals above the form; keeps their keys (hashes, no words) and steps for the form. */
function prepare(ctx: StepContext, states: GoalState[]): string {
  ctx.say({ text: `${ctx.t('goals.formAsk')}\n${goalsList(ctx.t, states)}` });
  ctx.remember('keys', states.map((s) => s.key));
  ctx.remember('steps', states.map((s) => s.step));
  return 'form';
}

const stepOptions = GOAL_STEPS.map((value) => ({ value, label: `goals.step_${value}` }));

function formFields(count: number): FieldDef[] {
  return Array.from({ length: count }, (_, i) => [
    { kind: 'select', name: `step_${i}`, label: `goals.f_step_${i}`, required: true, options: stepOptions } as const,
    { kind: 'text', name: `line_${i}`, label: `goals.f_line_${i}`, required: false, maxLength: LINE_MAX, hint: 'goals.lineHint' } as const,
  ]).flat();
}

const stringsOf = (v: AnswerValue | undefined): string[] => (Array.isArray(v) ? v.map(String) : []);

/** Stores one row per goal whose step moved or that got a line; tells the partner. */
async function save(ctx: StepContext): Promise<string | null> {
  const answer = ctx.answers.form;
  const values = answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, AnswerValue>) : {};
  const keys = stringsOf(ctx.answers.keys);
  // Overwritten before anything else: the words' only copy is to be the GoalProgress row.
  ctx.remember('form', null);
  const found = await read(ctx);
  if (!found) return null;
  const { pair, states } = found;
  // The agreement may have changed while the form was open: a step meant for one goal must not land on another.
  if (goalKeys(states.map((s) => s.text)).join() !== keys.join()) return finish(ctx, 'goals.goalsChanged');
  const now = ctx.clock.now();
  const updates: GoalUpdate[] = states.flatMap((s) => {
    const step = values[`step_${s.index}`];
    const line = typeof values[`line_${s.index}`] === 'string' ? String(values[`line_${s.index}`]).trim() : '';
    if (!isGoalStep(step) || (step === s.step && line === '')) return [];
    const { organisationId, programmeId, id: matchId } = pair.match;
    return [{ id: ctx.ids.next(), organisationId, programmeId, matchId, goalKey: s.key, step, line: line || null, authorMembershipId: pair.mine.id, sourceId: ctx.run.id, createdAt: now }];
  });
  const stored = updates.length > 0 ? await ctx.repos.goalProgress.record(updates) : 0;
  if (stored === 0) return finish(ctx, 'goals.nothingChanged');
  const partnerId = pair.role === 'mentor' ? pair.match.menteeMembershipId : pair.match.mentorMembershipId;
  const partner = await ctx.repos.memberships.get(ctx.person.organisationId, partnerId);
  if (partner?.status === 'active') {
    const myName = await nameOf(ctx.turn, pair.mine);
    await ctx.notify(partner.personId, (t) => ({ text: t('goals.partnerUpdated', { name: myName }) }));
  }
  return finish(ctx, 'goals.saved', { name: pair.partnerName, count: stored });
}

export const goalsFlow: FlowDefinition = {
  id: GOALS_FLOW,
  version: 1,
  title: 'goals.flowTitle',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'load' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'goals.pickPair' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'load' },
    load: { kind: 'act', run: load },
    view: {
      kind: 'ask',
      key: 'click',
      text: { key: 'goals.viewAsk' },
      input: { kind: 'choice', options: [{ value: 'update', label: 'goals.update', style: 'primary' }, { value: 'done', label: 'goals.done' }] },
      next: (ctx) => (ctx.answers.click === 'update' ? 'reload' : 'close'),
    },
    reload: {
      kind: 'act',
      run: async (ctx) => {
        const found = await read(ctx);
        return found ? prepare(ctx, found.states) : null;
      },
    },
    form: {
      kind: 'ask',
      key: 'form',
      text: { key: 'goals.formTitle' },
      input: (ctx) => {
        const steps = stringsOf(ctx.answers.steps);
        return { kind: 'form', title: 'goals.formTitle', submitLabel: 'goals.save', fields: formFields(steps.length), initial: Object.fromEntries(steps.map((s, i) => [`step_${i}`, s])) };
      },
      next: 'save',
    },
    save: { kind: 'act', run: save },
    close: { kind: 'act', run: async (ctx) => finish(ctx, 'goals.closed') },
  },
};
