/**
 * Typed commands ("help", "join ABC123", "profil"…). Features declare them (CommandDef); their
 * words come from prompts/<locale>/commands.json (key `<name>`, aliases separated by |), and
 * every locale's words work for everyone: a person set to Norwegian who types "help" gets help.
 */
import type { Turn } from '../engine/turn.js';
import type { CommandContext, CommandDef } from '../kernel/feature.js';
import type { Texts } from '../ports.js';

export interface Command {
  def: CommandDef;
  /** Text after the command words (the join code). */
  argument: string;
}

const normalise = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

export class CommandParser {
  private readonly aliases: { words: string; def: CommandDef }[] = [];

  constructor(texts: Texts, commands: Iterable<CommandDef>) {
    for (const def of commands) {
      for (const locale of texts.locales()) {
        for (const alias of texts.t(locale, `commands.${def.name}`).split('|')) {
          const words = normalise(alias);
          if (words) this.aliases.push({ words, def });
        }
      }
    }
    // Longest first, so "edit profile" wins over "profile".
    this.aliases.sort((a, b) => b.words.length - a.words.length);
  }

  parse(text: string): Command | null {
    const said = normalise(text.replace(/^\//, ''));
    for (const { words, def } of this.aliases) {
      if (said === words) return { def, argument: '' };
      // Only commands that take an argument may be followed by more words ("join ABC", "join: ABC").
      if (def.takesArgument && said.startsWith(words) && /^[\s:]/.test(said.slice(words.length))) {
        return { def, argument: said.slice(words.length).replace(/^[\s:]+/, '').trim() };
      }
    }
    return null;
  }

  /** Commands that may take a whole message as their argument (a bare join code), when it looks like one. */
  bare(text: string): (CommandDef & BareArgument)[] {
    const said = text.trim();
    return [...new Set(this.aliases.map((a) => a.def))].filter((def): def is CommandDef & BareArgument => isBare(def) && def.bareArgument.test(said));
  }
}

/**
 * A command that also understands a message made only of its argument: "DEMO2026" alone joins
 * the programme with that code. Only a message of the argument's shape is offered, after
 * commands, the conversation and open questions have passed on it, so a command word stays the
 * command; `runBare` reads whether the argument means anything (a real programme's code) and says
 * false when it does not, and the words are then not understood as usual.
 */
export interface BareArgument {
  bareArgument: RegExp;
  runBare(turn: Turn, text: string, ctx: CommandContext): Promise<boolean>;
}

const isBare = (def: CommandDef): def is CommandDef & BareArgument => 'bareArgument' in def && 'runBare' in def;

/**
 * Join codes are typed by people: forgive case, spaces and dashes, and a label before a colon
 * ("code: ABCD2345", "kode: abcd-2345"), which is not part of the code.
 */
export function normaliseJoinCode(raw: string): string {
  return raw.replace(/^.*:/s, '').toUpperCase().replace(/[\s-]+/g, '');
}
