/**
 * The one rule for the bot's own emphasis. Texts in prompts/ mark `*bold*` and `_italic_`; this
 * turns a string into spans, and every channel renders spans its own way, escaping each span's
 * text for its platform. No channel parses markup: what a person typed can never turn into a
 * link, a mention or formatting on any platform.
 */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A line of spans; rich text is a list of lines (line breaks are kept, never markup). */
export type RichLine = Span[];

// A marker opens at the start or after a non-word character and closes before one; `a*b*c` and
// snake_case stay as they are, as people expect of chat tools.
const EMPHASIS = /(^|[^\p{L}\p{N}*_])(\*(?=\S)([^*\n]*?\S)\*|_(?=\S)([^_\n]*?\S)_)(?=$|[^\p{L}\p{N}*_])/gu;

/** Spans of one line; adjacent plain text is merged. */
export function parseLine(line: string): RichLine {
  const spans: Span[] = [];
  const push = (span: Span) => {
    if (span.text === '') return;
    const last = spans[spans.length - 1];
    if (last && !last.bold && !last.italic && !span.bold && !span.italic) last.text += span.text;
    else spans.push(span);
  };
  let at = 0;
  for (const m of line.matchAll(EMPHASIS)) {
    const start = (m.index ?? 0) + (m[1]?.length ?? 0);
    push({ text: line.slice(at, start) });
    if (m[3] !== undefined) push({ text: m[3], bold: true });
    else push({ text: m[4] ?? '', italic: true });
    at = start + (m[2]?.length ?? 0);
  }
  push({ text: line.slice(at) });
  return spans;
}

/** Rich text → lines of spans. */
export function parseRich(text: string): RichLine[] {
  return text.split('\n').map(parseLine);
}

/** The same text without emphasis markers (for notifications and plain-text fallbacks). */
export function plainText(text: string): string {
  return parseRich(text)
    .map((line) => line.map((s) => s.text).join(''))
    .join('\n');
}
