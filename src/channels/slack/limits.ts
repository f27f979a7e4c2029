/**
 * Block Kit's documented limits, and the two helpers that keep text inside them. Slack rejects
 * a whole message (invalid_blocks) when one field is a character too long, so everything we
 * render passes through here.
 */
import { withoutMarks } from '../../core/kernel/rich-text.js';

export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  /** One of a section's `fields`, and how many a section may have. */
  sectionField: 2000,
  fieldsPerSection: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  /** chat.postMessage's top-level `text` (the notification); Slack truncates at 40k, we keep it readable. */
  fallbackText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  elementsPerActions: 25,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
  checkboxOptions: 10,
  modalTitle: 24,
  modalSubmit: 24,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  plainTextInputMax: 3000,
  privateMetadata: 3000,
} as const;

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 units (Slack counts those), ending in "…" when cut.
 * Never splits a surrogate pair, so an emoji is kept whole or dropped whole.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return text.slice(0, Math.max(0, cut)) + ELLIPSIS;
}

/**
 * Splits long text into pieces of at most `max`, preferring paragraph, then line, then word
 * breaks, so a long profile becomes several readable sections rather than one cut-off one.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (at < max / 2) at = window.lastIndexOf(' ');
    if (at < max / 2) at = safeCut(rest, max);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** A hard cut that splits neither a surrogate pair nor an escaped entity such as "&amp;". */
function safeCut(text: string, max: number): number {
  let at = max;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  const amp = text.lastIndexOf('&', at - 1);
  if (amp > at - 5 && !text.slice(amp, at).includes(';')) at = amp;
  return at;
}

/**
 * Slack's three control characters as entities, or "<@U123>" typed by a person would ping
 * someone. Rich text goes through mrkdwn.ts, which also keeps formatting characters inert.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A mrkdwn text object for escaped rich text (mrkdwn.ts). `verbatim` keeps Slack from turning
 * bare URLs, channel names and @-words into links and mentions on its own.
 */
export function mrkdwn(text: string): { type: 'mrkdwn'; text: string; verbatim: true } {
  return { type: 'mrkdwn', text, verbatim: true };
}

/** plain_text objects take no escaping; they only need to fit. */
export function plain(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  // Every plain text (labels, titles, hints) passes here: the core's literal marks end here too.
  const clean = withoutMarks(text);
  return { type: 'plain_text', text: truncate(clean.trim() === '' ? '-' : clean, max), emoji: true };
}
