/**
 * What a feature contributes. A feature is a folder under src/core/features/ that exports one
 * `Feature`; src/core/features/index.ts lists them all, and nothing else knows which exist: the
 * router finds commands and question handlers, the job runner finds job handlers, and the engine
 * finds flows through the registry built from that list (registry.ts).
 */
import type { FlowRun, Membership, OpenQuestion, Programme, ScheduledJob } from '../domain.js';
import type { FlowEngine } from '../engine/engine.js';
import type { Turn } from '../engine/turn.js';
import type { FlowDefinition } from '../engine/types.js';
import type { InboundEvent, Outbound, Section } from '../messages.js';
import type { Translate, Work } from './work.js';

/** What a command's handler gets besides the turn. */
export interface CommandContext {
  /** The person's typed conversation, read once at the start of the turn (null: none). */
  active: FlowRun | null;
  engine: FlowEngine;
  /** Runs another command (help after a greeting); unknown names do nothing. */
  run(name: string, argument?: string): Promise<void>;
}

export interface CommandDef {
  /** Its words are `commands.<name>` in every locale of prompts/ (aliases separated by |). */
  name: string;
  /** Takes the rest of the message as an argument ("join ABC123"). */
  takesArgument?: boolean;
  /** Stays a command even while a question waits for free text (help, cancel). */
  always?: boolean;
  run(turn: Turn, argument: string, ctx: CommandContext): Promise<void>;
}

/** An answer to an open question: a click, a submitted form, or typed words a kind understood. */
export type QuestionAnswer = Extract<InboundEvent, { kind: 'choice' | 'form' }>;

export interface QuestionOutcome {
  status: 'answered' | 'invalid';
  /** Per-field errors in the person's language (Slack modals show them beside the field). */
  fieldErrors?: Record<string, string>;
}

export interface QuestionKind {
  /** "<feature>.<name>", stored on the question. */
  kind: string;
  /** The question as one audience member sees it (their language); its prompt id is the question's id. */
  render(t: Translate, question: OpenQuestion): Outbound;
  /** One line for `help`'s list of what is waiting ("Rate your meeting of 3 March"). */
  summary(t: Translate, question: OpenQuestion): string;
  /**
   * Applies an answer. The router has already claimed the question for this person (nobody else
   * can answer it now); an `invalid` outcome puts it back, and nothing of this turn is kept but
   * the message saying what was wrong.
   */
  answer(turn: Turn, question: OpenQuestion, answer: QuestionAnswer): Promise<QuestionOutcome>;
  /** Typed words that answer it ("3" for a rating), or null when the words mean something else. */
  fromText?(text: string, question: OpenQuestion): QuestionAnswer | null;
  /**
   * Sections every answered copy keeps. For kinds whose copies were filled in at asking (names, a
   * pair: the stored question names nobody, so render() cannot give them); without them a second
   * coordinator could not tell which of several cards a colleague took.
   */
  answeredSections?(work: Work, question: OpenQuestion): Promise<(t: Translate) => Section[]>;
  /** Called once when it expires unanswered (the request goes back to the mentee…). */
  onExpired?(work: Work, question: OpenQuestion): Promise<void>;
}

export interface JobKind {
  /** "<feature>.<name>", stored on the job. */
  kind: string;
  /**
   * Does the job's work inside a unit of work; the job is marked done in the same transaction,
   * so its effects and its completion commit together. Throwing retries it later with back-off.
   */
  run(work: Work, job: ScheduledJob): Promise<void>;
}

export interface Feature {
  name: string;
  flows?: readonly FlowDefinition[];
  commands?: readonly CommandDef[];
  questions?: readonly QuestionKind[];
  jobs?: readonly JobKind[];
  /** Lines this feature adds to `help`'s list of commands, for what the person may do now. */
  help?(turn: Turn, facts: HelpFacts): Promise<string[]> | string[];
}

/** What help has read once for every feature (help must stay cheap: it is the most used command). */
export interface HelpFacts {
  /** The person's active memberships with their programmes, oldest first. */
  mine: { membership: Membership; programme: Programme }[];
  /** Whether the organisation has any programme (undefined: not read, the person is new). */
  organisationHasProgrammes: boolean | undefined;
  /** Whether the person may start programmes without coordinating one (an organiser). */
  isOrganiser: boolean;
}
