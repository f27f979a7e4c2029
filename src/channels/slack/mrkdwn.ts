/**
 * Rich text (the core's spans, src/core/kernel/rich-text.ts) as Slack mrkdwn. The channel never
 * reads markup itself: it writes `*…*` and `_…_` only around spans the core marked, and escapes
 * every span's text so nothing a person typed becomes a link, a mention or formatting.
 *
 * Escaping has two parts. `&`, `<` and `>` are Slack's control characters (links, mentions,
 * <!channel>) and become entities, as Slack documents. Slack documents no escape at all for its
 * formatting characters (a backslash shows literally), so a `*`, `_`, `~` or backtick that could
 * open or close formatting — one at a word's edge — is replaced by a look-alike Slack never reads
 * as markup. One inside a word (snake_case, 2*3) cannot format in Slack and is left alone.
 */
import { parseRich, type RichLine, type Span } from '../../core/kernel/rich-text.js';
import { escapeMrkdwn, truncate } from './limits.js';

const LOOKALIKES: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };
const MARKER_AT_EDGE = /(?<![\p{L}\p{N}])[*_~`]|[*_~`](?![\p{L}\p{N}])/gu;

/** A span's text made inert for mrkdwn: no formatting, no link, no mention. */
export function escapeSpan(text: string): string {
  return escapeMrkdwn(text.replace(MARKER_AT_EDGE, (marker) => LOOKALIKES[marker] ?? marker));
}

function spanMrkdwn(span: Span): string {
  const text = escapeSpan(span.text);
  if (text === '') return '';
  if (span.bold && span.italic) return `*_${text}_*`;
  if (span.bold) return `*${text}*`;
  if (span.italic) return `_${text}_`;
  return text;
}

export function lineMrkdwn(line: RichLine): string {
  return line.map(spanMrkdwn).join('');
}

/** Rich text → mrkdwn, line breaks kept. */
export function richMrkdwn(text: string): string {
  return parseRich(text).map(lineMrkdwn).join('\n');
}

/** Rich text as one bold run per line (headings, field labels); italic spans stay italic inside. */
export function boldMrkdwn(text: string): string {
  return parseRich(text)
    .map((line) => line.map((s) => (s.italic ? `_${escapeSpan(s.text)}_` : escapeSpan(s.text))).join(''))
    .filter((line) => line.trim() !== '')
    .map((line) => `*${line}*`)
    .join('\n');
}

/**
 * Rich text without emphasis, escaped: the notification `text` (Slack reads it as mrkdwn where
 * blocks cannot be shown, so it is escaped like the blocks).
 */
export function plainMrkdwn(text: string): string {
  return parseRich(text)
    .map((line) => line.map((s) => escapeSpan(s.text)).join(''))
    .join('\n');
}

/** `truncate` for escaped text: a cut never leaves half an entity ("&am…"). */
export function truncateMrkdwn(text: string, max: number): string {
  const cut = truncate(text, max);
  if (cut === text) return text;
  return cut.replace(/&[a-z]{0,3}…$/, '…');
}
