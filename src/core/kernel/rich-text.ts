/**
 * The one rule for the bot's own emphasis. Texts in prompts/ mark `*bold*` and `_italic_`; this
 * turns a string into spans, and every channel renders spans its own way, escaping each span's
 * text for its platform. No channel parses markup: what a person typed can never turn into a
 * link, a mention or formatting on any platform.
 *
 * People's words are literal. Texts (src/i18n/texts.ts) puts every string it interpolates into a
 * `{name}` between two private-use characters, LITERAL_OPEN and LITERAL_CLOSE: "{name} joined"
 * with the name `*Kari*` becomes "⟦*Kari*⟧ joined". parseRich treats such a span as opaque:
 * emphasis markers are looked for only outside it (a template's `*{programme}*` still makes the
 * whole name bold: that is the bot's emphasis), its own `*`, `_` and line breaks stay the
 * characters they are, and the marks are dropped, so no span carries them. Renderers escape
 * every span as they always did. A text Texts made, passed on as another's parameter, goes in
 * as it is and keeps its own emphasis: Texts knows it by the literals it already holds, or (no
 * parameters) by being exactly a catalogue text.
 *
 * The marks must never reach a person. Spans are free of them; strings that leave another way
 * (a button label, a stored organisation name) go through `withoutMarks`, and each renderer
 * passes what it built through `withoutMarksIn` last. Nobody can type them: text-hygiene.ts
 * strips them from everything that comes in. Stored outbox copies keep them (renderers read
 * those), around the person's words and never inside, so erasure's search still finds the words.
 * Words the core joins into a text itself, not through Texts, are wrapped with `literal`.
 */
export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** A line of spans; rich text is a list of lines (line breaks are kept, never markup). */
export type RichLine = Span[];

/** Private use characters (U+E000, U+E001): no text of ours or of a person's contains them. */
export const LITERAL_OPEN = '\uE000';
export const LITERAL_CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;

/** A person's words as a literal span inside rich text (what Texts does to each parameter). */
export function literal(text: string): string {
  return `${LITERAL_OPEN}${text.replace(MARKS, '')}${LITERAL_CLOSE}`;
}

/** The text with the literal marks taken out and nothing else changed (labels, stored names). */
export function withoutMarks(text: string): string {
  return text.replace(MARKS, '');
}

/**
 * `withoutMarks` for every string in a rendered message (labels, titles, options): a renderer's
 * last step, so a label that was made with a parameter cannot carry the marks out either.
 */
export function withoutMarksIn<T>(value: T): T {
  if (typeof value === 'string') return withoutMarks(value) as T;
  if (Array.isArray(value)) return value.map(withoutMarksIn) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutMarksIn(v)])) as T;
  }
  return value;
}

// A marker opens at the start or after a non-word character and closes before one; `a*b*c` and
// snake_case stay as they are, as people expect of chat tools.
const EMPHASIS = /(^|[^\p{L}\p{N}*_])(\*(?=\S)([^*\n]*?\S)\*|_(?=\S)([^_\n]*?\S)_)(?=$|[^\p{L}\p{N}*_])/gu;

/**
 * Spans of one line without literal spans (parseRich finds those first); adjacent plain text is
 * merged. Each literal stands in the line as one LITERAL_OPEN, to be put back by parseRich.
 */
function parseLine(line: string): RichLine {
  const spans: Span[] = [];
  const push = (span: Span) => pushMerged(spans, span);
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

/**
 * The text with every literal replaced by one LITERAL_OPEN, and the literals in order. A literal
 * inside a literal is part of it; a close without an open is dropped; an open never closed runs
 * to the end (when in doubt, literal).
 */
function maskLiterals(text: string): { masked: string; literals: string[] } {
  const literals: string[] = [];
  let masked = '';
  let current = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === LITERAL_OPEN) {
      if (depth === 0) masked += LITERAL_OPEN;
      depth += 1;
    } else if (ch === LITERAL_CLOSE) {
      if (depth === 1) {
        literals.push(current);
        current = '';
      }
      depth = Math.max(0, depth - 1);
    } else if (depth > 0) current += ch;
    else masked += ch;
  }
  if (depth > 0) literals.push(current);
  return { masked, literals };
}

/** Rich text → lines of spans; a literal keeps its own line breaks, in the emphasis around it. */
export function parseRich(text: string): RichLine[] {
  if (!text.includes(LITERAL_OPEN) && !text.includes(LITERAL_CLOSE)) return text.split('\n').map(parseLine);
  const { masked, literals } = maskLiterals(text);
  let next = 0;
  const lines: RichLine[] = [];
  for (const line of masked.split('\n')) {
    let current: RichLine = [];
    lines.push(current);
    for (const span of parseLine(line)) {
      const pieces = span.text.replace(/\uE000/g, () => literals[next++] ?? '').split('\n');
      pieces.forEach((piece, i) => {
        if (i > 0) {
          current = [];
          lines.push(current);
        }
        pushMerged(current, { ...span, text: piece });
      });
    }
  }
  return lines;
}

function pushMerged(line: RichLine, span: Span): void {
  if (span.text === '') return;
  const last = line[line.length - 1];
  if (last && !last.bold && !last.italic && !span.bold && !span.italic) last.text += span.text;
  else line.push(span);
}

/** The same text without emphasis markers (for notifications and plain-text fallbacks). */
export function plainText(text: string): string {
  return parseRich(text)
    .map((line) => line.map((s) => s.text).join(''))
    .join('\n');
}
