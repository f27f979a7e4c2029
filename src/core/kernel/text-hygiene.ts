/**
 * What people type is cleaned once, at the edge (the inbound schema), before anything stores or
 * shows it. PostgreSQL refuses a NUL character in text and JSON, and a lone surrogate half is not
 * valid Unicode: either broke a whole turn (a 500, redelivered by Teams forever). Bidirectional
 * overrides let a name display reversed or disguised in a coordinator's list ("Trojan Source").
 * The two private-use characters that mark a literal span in the bot's texts (rich-text.ts) are
 * the bot's alone: typed, they could close a literal early and give a person's words its emphasis.
 */
import { withoutMarks } from './rich-text.js';

// C0 controls but tab, line feed and carriage return; DEL. (Matching control characters is this
// regular expression's whole purpose, hence the lint exception.)
// biome-ignore lint/suspicious/noControlCharactersInRegex: it exists to remove them
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Embeddings, overrides and isolates: they reorder what follows them. Not needed to write Arabic or Tigrinya.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
// Marks as well, for names: a name shows on its own, where a mark can only disguise it.
const BIDI_MARKS = /[\u200E\u200F\u061C]/g;

/** Free text: valid Unicode (a lone surrogate becomes U+FFFD), no control characters, NFC. */
export function cleanText(text: string): string {
  return withoutMarks(text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, '').replace(BIDI_CONTROLS, '')).normalize('NFC');
}

/** A name (of a person, a programme): clean text on one line, without bidirectional marks. */
export function cleanName(name: string): string {
  return cleanText(name).replace(BIDI_MARKS, '').replace(/\s+/g, ' ').trim();
}
