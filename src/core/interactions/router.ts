/**
 * Routes one inbound event: a click or form goes by its prompt id to an open question (any
 * number, in any order) or to the person's typed conversation; typed words are a command, an
 * answer to the conversation, or an answer to an open question that understands words ("3" for
 * a rating); anything else gets "I don't understand" — always a reply, never a silent drop.
 * Features plug in through the registry: nothing here names a command or a question kind.
 */
import type { FlowRun } from '../domain.js';
import type { AnswerOutcome } from '../engine/engine.js';
import type { Turn } from '../engine/turn.js';
import type { CommandContext } from '../kernel/feature.js';
import { answerFromText, answerQuestion, isQuestionId } from '../kernel/questions.js';
import type { Registry } from '../kernel/registry.js';
import { MAX_TEXT_LENGTH, type InboundEvent } from '../messages.js';
import type { Texts } from '../ports.js';
import { type Command, CommandParser } from './commands.js';

export class Router {
  private readonly commands: CommandParser;

  constructor(
    private readonly registry: Registry,
    texts: Texts,
  ) {
    this.commands = new CommandParser(texts, registry.commands.values());
  }

  /** `known` is the person's active run when the caller has read it (null: none); undefined: read here. */
  async handle(turn: Turn, event: InboundEvent, known?: FlowRun | null): Promise<AnswerOutcome | null> {
    // Read once per turn and handed on; a person created in this turn has no runs to read.
    const active = known !== undefined || turn.firstContact ? (known ?? null) : await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
    const engine = this.registry.engine;
    switch (event.kind) {
      case 'opened':
        turn.say({ key: 'help.welcome', params: { name: turn.person.displayName } });
        return this.runNamed(turn, 'help', '', active).then(() => null);
      case 'choice':
      case 'form':
        if (isQuestionId(event.promptId)) return answerQuestion(turn, event.promptId, event);
        if (!active || active.promptId !== event.promptId) return engine.stale(turn);
        return engine.answer(turn, active, event);
      case 'text':
        return this.text(turn, event.text, active);
    }
  }

  private async text(turn: Turn, text: string, active: FlowRun | null): Promise<AnswerOutcome | null> {
    if (text.length > MAX_TEXT_LENGTH) {
      turn.say({ key: 'errors.tooLong', params: { max: MAX_TEXT_LENGTH, length: text.length } });
      return { status: 'invalid' };
    }
    const engine = this.registry.engine;
    const command = this.commands.parse(text);
    const waitsForText = active !== null && engine.expectsText(turn, active);
    if (command && (!waitsForText || command.def.always)) return this.run(turn, command, active).then(() => null);
    if (active && waitsForText) return engine.answer(turn, active, { kind: 'text', text });
    // Not for the conversation: maybe it answers an open question ("3" for a rating).
    const answered = turn.firstContact ? null : await answerFromText(turn, text);
    if (answered) return answered;
    // Nor for a question: maybe the whole message is a command's argument ("DEMO2026" alone joins).
    for (const def of this.commands.bare(text)) if (await def.runBare(turn, text, this.context(turn, active))) return null;
    if (active) return engine.answer(turn, active, { kind: 'text', text });
    turn.say({ key: 'help.notUnderstood' });
    return null;
  }

  private context(turn: Turn, active: FlowRun | null): CommandContext {
    return { active, engine: this.registry.engine, run: (name, argument = '') => this.runNamed(turn, name, argument, active) };
  }

  private run(turn: Turn, command: Command, active: FlowRun | null): Promise<void> {
    return command.def.run(turn, command.argument, this.context(turn, active));
  }

  private async runNamed(turn: Turn, name: string, argument: string, active: FlowRun | null): Promise<void> {
    const def = this.registry.commands.get(name);
    if (def) await this.run(turn, { def, argument }, active);
  }
}
