/**
 * Typed commands ("help", "join ABC123", "profil"…). Features declare them (CommandDef); their
 * words come from prompts/<locale>/commands.json (key `<name>`, aliases separated by |), and
 * every locale's words work for everyone: a person set to Norwegian who types "help" gets help.
 */
import type { CommandDef } from '../kernel/feature.js';
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
      // Only commands that take an argument may be followed by more words.
      if (def.takesArgument && said.startsWith(`${words} `)) return { def, argument: said.slice(words.length + 1).trim() };
    }
    return null;
  }
}

/** Join codes are typed by people: forgive case, spaces and dashes. */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}
