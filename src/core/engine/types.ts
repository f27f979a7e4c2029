/**
 * Flows are data: a flow is a map of named steps. Each step says something, asks something
 * (free text, one choice, several choices, a short form), or acts (stores, branches). The
 * engine (engine.ts) persists which step a person is on and their answers in our own tables,
 * so a restart loses nothing and "who has not finished X" is a query.
 */
import type { AnswerValue, Answers, FlowRun, Person } from '../domain.js';
import type { Outbound } from '../messages.js';
import type { Clock, IdSource, Repos } from '../ports.js';
import type { Turn } from './turn.js';

/** A text from prompts/, resolved in the person's locale when the step runs. */
export interface Msg {
  key: string;
  params?: Record<string, string | number | Date>;
}

export interface OptionDef {
  value: string;
  /** prompts/ key of the label, or a literal label (names, programmes) when `literal` is set. */
  label: string;
  literal?: boolean;
  style?: 'primary' | 'danger';
}

/** What every form field has. */
interface FieldBase {
  name: string;
  label: string;
  required: boolean;
  hint?: string;
  /** prompts/ key said when a required field is left empty, when the general "This is required." says too little. */
  requiredMessage?: string;
}

export type FieldDef =
  | (FieldBase & { kind: 'text'; maxLength: number; multiline?: boolean })
  | (FieldBase & { kind: 'number'; min: number; max: number })
  | (FieldBase & { kind: 'date' })
  | (FieldBase & { kind: 'select'; options: OptionDef[] })
  | (FieldBase & { kind: 'multiselect'; options: OptionDef[]; max: number });

/** What a question accepts, and how its answer is checked. Labels are prompts/ keys. */
export type InputDef =
  | { kind: 'text'; maxLength: number; minLength?: number; multiline?: boolean }
  | { kind: 'choice'; options: OptionDef[] }
  | { kind: 'multi'; options: OptionDef[]; min: number; max: number; submitLabel: string }
  | {
      kind: 'form';
      title: string;
      fields: FieldDef[];
      submitLabel: string;
      /** Initial values (editing a profile shows what is stored). */
      initial?: Record<string, string | string[]>;
      /** Checks across fields; returns field name → prompts/ key of the error. */
      check?: (values: Record<string, AnswerValue>) => Record<string, string> | null;
    };

export interface StepContext {
  readonly person: Person;
  readonly run: FlowRun;
  readonly answers: Answers;
  readonly repos: Repos;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** The person's locale text for a key. */
  t(key: string, params?: Record<string, string | number | Date>): string;
  /** Queues a message to the person (in order with the engine's own messages). */
  say(message: Outbound | Msg): void;
  /** Keeps a value in the run's answers for the steps that follow (act steps use this). */
  remember(key: string, value: AnswerValue): void;
  /**
   * Drops every answer of this run when the act step ends (erasure: the run keeps its flow,
   * status and dates, not what the person wrote). Act steps only; later steps see no answers.
   */
  forgetAnswers(): void;
  /** Changes the person (their language, say) and speaks the new way from then on. */
  updatePerson(patch: Partial<Pick<Person, 'displayName' | 'locale' | 'timeZone'>>): Promise<void>;
  /** Queues a message to someone else in the same organisation (proactive). */
  notify(personId: string, message: (t: StepContext['t']) => Outbound): Promise<void>;
  /** The whole turn, for kernel helpers (opening a question, scheduling a job). */
  readonly turn: Turn;
}

type Dyn<T> = T | ((ctx: StepContext) => T);

export interface SayStep {
  kind: 'say';
  text: Dyn<Msg>;
  next: Dyn<string>;
}

export interface AskStep {
  kind: 'ask';
  /** Where the answer is kept in the run's answers. */
  key: string;
  text: Dyn<Msg>;
  input: Dyn<InputDef>;
  next: Dyn<string>;
  /**
   * Loads again what the turn that asked held in memory only (a form's prefill, kept out of the
   * run so it never holds a person's words), before the question is shown again from the stored
   * run in a later turn: a Slack modal opened from its button, a repeat after `help`.
   */
  prepare?: (ctx: StepContext) => Promise<void>;
}

export interface ActStep {
  kind: 'act';
  /** Does the work; returns the next step id, or null to finish the flow. */
  run: (ctx: StepContext) => Promise<string | null>;
}

export type Step = SayStep | AskStep | ActStep;

export interface FlowDefinition {
  id: string;
  /** Bump when steps change incompatibly; runs of an older version are restarted, not misread. */
  version: number;
  /** prompts/ key naming the flow in `help` ("your profile", "the new programme"…). */
  title: string;
  start: string;
  steps: Record<string, Step>;
}

export function resolve<T>(value: Dyn<T>, ctx: StepContext): T {
  return typeof value === 'function' ? (value as (c: StepContext) => T)(ctx) : value;
}
