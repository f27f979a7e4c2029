/**
 * Runs flows. A run's step, answers and the id of the question it waits on are stored in
 * FlowRun after every turn. Answers are checked before anything is stored; a click on a
 * question that is no longer the current one (a double click, an old message) is recognised
 * and only explained. Concurrent clicks are caught by FlowRun's version (ConcurrentUpdateError,
 * retried by the caller, which then sees the click as stale).
 */
import type { AnswerValue, FlowRun } from '../domain.js';
import type { InboundEvent, Outbound } from '../messages.js';
import { literal } from '../kernel/rich-text.js';
import { optionLabel, toPromptSpec } from './prompt-spec.js';
import type { Turn } from './turn.js';
import { type AskStep, type FlowDefinition, type InputDef, type Msg, type OptionDef, type StepContext, resolve } from './types.js';
import { validateAnswer } from './validate.js';

/** Guards against a flow whose steps loop without asking anything. */
const MAX_STEPS_PER_TURN = 50;

export class FlowError extends Error {}

export interface AnswerOutcome {
  status: 'advanced' | 'invalid' | 'stale';
  /** Per-field errors, already in the person's language (for Slack modals). */
  fieldErrors?: Record<string, string>;
}

export class FlowEngine {
  private readonly flows = new Map<string, FlowDefinition>();

  constructor(flows: readonly FlowDefinition[]) {
    for (const flow of flows) this.flows.set(flow.id, flow);
  }

  get(id: string): FlowDefinition | undefined {
    return this.flows.get(id);
  }

  /**
   * Starts `flowId` for the turn's person, putting aside any unfinished flow. `active` is that
   * flow when the caller has read it in this turn already (null: none); left out, it is read here.
   */
  async start(
    turn: Turn,
    flowId: string,
    opts: { programmeId?: string | null; answers?: Record<string, AnswerValue>; active?: FlowRun | null } = {},
  ): Promise<FlowRun> {
    const flow = this.require(flowId);
    const active = opts.active !== undefined ? opts.active : await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
    if (active) await this.cancel(turn, active);
    const now = turn.clock.now();
    const run = await turn.repos.flowRuns.create({
      id: turn.ids.next(),
      organisationId: turn.organisation.id,
      personId: turn.person.id,
      programmeId: opts.programmeId ?? null,
      flowId,
      flowVersion: flow.version,
      stepId: flow.start,
      answers: opts.answers ?? {},
      promptId: null,
      status: 'active',
      version: 0,
      startedAt: now,
      finishedAt: null,
    });
    return this.advanceFrom(turn, flow, run);
  }

  async cancel(turn: Turn, run: FlowRun): Promise<void> {
    await turn.repos.flowRuns.save({ ...run, status: 'cancelled', finishedAt: turn.clock.now() });
    // Its buttons or form would still look live, and a click would only be told "no longer open":
    // the question is replaced by its words, marked as stopped, as an answered one is.
    const step = this.currentAsk(run);
    if (!step || !run.promptId) return;
    const text = resolve(step.text, this.context(turn, run));
    turn.say({ text: `${turn.t(text.key, text.params)}\n${turn.t('engine.stoppedMark')}`, replacesPromptId: run.promptId });
  }

  /** Is this run waiting for a free-text answer (so typed words are answers, not commands)? */
  expectsText(turn: Turn, run: FlowRun): boolean {
    const step = this.currentAsk(run);
    return step !== null && resolve(step.input, this.context(turn, run)).kind === 'text';
  }

  /** Applies the person's answer to their active run. */
  async answer(turn: Turn, run: FlowRun, event: InboundEvent): Promise<AnswerOutcome> {
    if ((event.kind === 'choice' || event.kind === 'form') && event.promptId !== run.promptId) return this.stale(turn);
    const flow = this.require(run.flowId);
    const step = this.currentAsk(run);
    if (!step || run.flowVersion !== flow.version) {
      // The flow changed under a stored run (a new release): start it again rather than misread answers.
      turn.say({ key: 'engine.flowRestarted' });
      await this.start(turn, run.flowId, { programmeId: run.programmeId, active: run });
      return { status: 'advanced' };
    }
    const ctx = this.context(turn, run);
    const input = resolve(step.input, ctx);
    const result = validateAnswer(input, event, (o) => optionLabel(o, turn.t));
    if (!result.ok) return this.invalid(turn, result.error, result.fieldErrors);
    this.confirmAnswered(turn, run, step, input, result.value, ctx);
    const answered = { ...run, answers: { ...run.answers, [step.key]: result.value }, stepId: resolve(step.next, { ...ctx, answers: { ...run.answers, [step.key]: result.value } }) };
    await this.advanceFrom(turn, flow, answered);
    return { status: 'advanced' };
  }

  /** Tells the person a click or form belongs to a question that is no longer open. */
  async stale(turn: Turn): Promise<AnswerOutcome> {
    turn.say({ key: 'engine.staleAnswer' });
    return { status: 'stale' };
  }

  /** The question the run waits on, as the person sees it (null when it waits on none). */
  async currentQuestion(turn: Turn, run: FlowRun): Promise<Outbound | null> {
    const step = this.currentAsk(run);
    if (!step || !run.promptId) return null;
    const ctx = this.context(turn, run);
    await step.prepare?.(ctx);
    const text = resolve(step.text, ctx);
    const spec = toPromptSpec(resolve(step.input, ctx), turn.t);
    return { text: turn.t(text.key, text.params), ...(spec.kind === 'text' ? {} : { prompt: { id: run.promptId, spec } }) };
  }

  /**
   * Re-shows the question the run waits on (after `help`) under a new prompt id. The earlier copy
   * is replaced by its bare text, so only one copy of a question ever has live buttons.
   */
  async repeatQuestion(turn: Turn, run: FlowRun): Promise<void> {
    const question = await this.currentQuestion(turn, run);
    if (!question?.prompt || !run.promptId) {
      if (question) turn.say(question);
      return;
    }
    turn.say({ text: question.text, replacesPromptId: run.promptId });
    const promptId = `p${turn.ids.next()}`;
    await turn.repos.flowRuns.save({ ...run, promptId });
    turn.say({ ...question, prompt: { ...question.prompt, id: promptId } });
  }

  private invalid(turn: Turn, error: Msg, fieldErrors?: Record<string, Msg>): AnswerOutcome {
    const localised = fieldErrors ? Object.fromEntries(Object.entries(fieldErrors).map(([k, m]) => [k, turn.t(m.key, m.params)])) : undefined;
    // Each field by its label in the person's language (validate.ts puts it in `field`), never its internal name.
    const details = localised ? Object.entries(localised).map(([k, m]) => `• ${String(fieldErrors?.[k]?.params?.field ?? k)}: ${m}`) : [];
    turn.say({ text: [turn.t(error.key, error.params), ...details].join('\n') });
    return { status: 'invalid', ...(localised ? { fieldErrors: localised } : {}) };
  }

  /** Replaces the answered question's message with its answered state, so its buttons go away. */
  private confirmAnswered(turn: Turn, run: FlowRun, step: AskStep, input: InputDef, value: AnswerValue, ctx: StepContext): void {
    if (!run.promptId || input.kind === 'text') return;
    const question = resolve(step.text, ctx);
    const summary = answerSummary(input, value, turn.t);
    turn.say({ text: `${turn.t(question.key, question.params)}\n✓ ${summary}`, replacesPromptId: run.promptId });
  }

  private async advanceFrom(turn: Turn, flow: FlowDefinition, start: FlowRun): Promise<FlowRun> {
    let run = start;
    for (let i = 0; i < MAX_STEPS_PER_TURN; i += 1) {
      const step = flow.steps[run.stepId];
      if (!step) throw new FlowError(`flow ${flow.id} has no step ${run.stepId}`);
      const ctx = this.context(turn, run);
      if (step.kind === 'ask') {
        const promptId = `p${turn.ids.next()}`;
        const text = resolve(step.text, ctx);
        const input = resolve(step.input, ctx);
        const spec = toPromptSpec(input, turn.t);
        turn.say({ text: turn.t(text.key, text.params), ...(spec.kind === 'text' ? {} : { prompt: { id: promptId, spec } }) });
        return turn.repos.flowRuns.save({ ...run, promptId });
      }
      if (step.kind === 'say') {
        const text = resolve(step.text, ctx);
        turn.say(text);
        run = { ...run, stepId: resolve(step.next, ctx) };
        continue;
      }
      const remembered: Record<string, AnswerValue> = {};
      let forget = false;
      const next = await step.run({ ...ctx, remember: (key, value) => { remembered[key] = value; }, forgetAnswers: () => { forget = true; } });
      run = { ...run, answers: forget ? {} : { ...run.answers, ...remembered } };
      if (next === null) return turn.repos.flowRuns.save({ ...run, status: 'completed', finishedAt: turn.clock.now() });
      run = { ...run, stepId: next };
    }
    throw new FlowError(`flow ${flow.id} ran ${MAX_STEPS_PER_TURN} steps without asking anything`);
  }

  private currentAsk(run: FlowRun): AskStep | null {
    const step = this.flows.get(run.flowId)?.steps[run.stepId];
    return step?.kind === 'ask' ? step : null;
  }

  private context(turn: Turn, run: FlowRun): StepContext {
    return {
      person: turn.person,
      run,
      answers: run.answers,
      repos: turn.repos,
      clock: turn.clock,
      ids: turn.ids,
      t: turn.t,
      say: (m) => turn.say(m),
      remember: () => {
        throw new FlowError('remember() is for act steps');
      },
      forgetAnswers: () => {
        throw new FlowError('forgetAnswers() is for act steps');
      },
      updatePerson: (patch) => turn.updatePerson(patch),
      notify: async (personId, build) => {
        await turn.tell(personId, (t) => build(t));
      },
      turn,
    };
  }

  private require(id: string): FlowDefinition {
    const flow = this.flows.get(id);
    if (!flow) throw new FlowError(`unknown flow ${id}`);
    return flow;
  }
}

/** What the answered question shows instead of its buttons: the person's own answer, readably. */
function answerSummary(input: InputDef, value: AnswerValue, t: (k: string) => string): string {
  const labels = (options: OptionDef[], v: AnswerValue | undefined) => {
    const chosen = Array.isArray(v) ? v : [String(v)];
    // A literal option (a programme's name) is someone's words: echoed without the bot's emphasis.
    const names = options.filter((o) => chosen.includes(o.value)).map((o) => (o.literal ? literal(o.label) : optionLabel(o, t)));
    return names.length ? names.join(', ') : t('engine.noneChosen');
  };
  if (input.kind === 'choice' || input.kind === 'multi') return labels(input.options, value);
  if (input.kind !== 'form' || !value || typeof value !== 'object' || Array.isArray(value)) return t('engine.formReceived');
  const lines = input.fields.flatMap((f) => {
    const v = value[f.name];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return [];
    const shown = f.kind === 'select' || f.kind === 'multiselect' ? labels(f.options, v) : literal(String(v));
    const label = t(f.label);
    // "When can you meet?: Weekends" reads badly; a question mark already separates.
    return [`${label}${label.endsWith('?') ? ' ' : ': '}${shown}`];
  });
  return lines.length ? lines.join('\n') : t('engine.formReceived');
}
