/**
 * Typed commands ("help", "join ABC123", "profil"…). The words come from prompts/<locale>/
 * (key `commands.<name>`, aliases separated by |), and every locale's words work for everyone:
 * a person set to Norwegian who types "help" still gets help.
 */
import type { Texts } from './ports.js';

export const COMMANDS = ['help', 'join', 'profile', 'editProfile', 'leave', 'newProgramme', 'language', 'cancel'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface Command {
  name: CommandName;
  /** Text after the command words (the join code). */
  argument: string;
}

/** Commands that stay commands even while a question waits for free text. */
export const ALWAYS_COMMANDS: ReadonlySet<CommandName> = new Set(['help', 'cancel']);

const normalise = (s: string) => s.normalize('NFC').toLocaleLowerCase().replace(/\s+/g, ' ').trim();

export class CommandParser {
  private readonly aliases: { words: string; name: CommandName }[] = [];

  constructor(texts: Texts) {
    for (const locale of texts.locales()) {
      for (const name of COMMANDS) {
        for (const alias of texts.t(locale, `commands.${name}`).split('|')) {
          const words = normalise(alias);
          if (words) this.aliases.push({ words, name });
        }
      }
    }
    // Longest first, so "edit profile" wins over "profile".
    this.aliases.sort((a, b) => b.words.length - a.words.length);
  }

  parse(text: string): Command | null {
    const said = normalise(text.replace(/^\//, ''));
    for (const { words, name } of this.aliases) {
      if (said === words) return { name, argument: '' };
      // Only `join` takes an argument; other commands must be the whole message.
      if (name === 'join' && said.startsWith(`${words} `)) return { name, argument: said.slice(words.length + 1).trim() };
    }
    return null;
  }
}

/** Join codes are typed by people: forgive case, spaces and dashes. */
export function normaliseJoinCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}
