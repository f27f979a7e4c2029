/**
 * Rich text and the rich parts of an Outbound as Adaptive Card elements.
 *
 * Text is rendered as RichTextBlocks of TextRuns — never as TextBlocks or FactSets, whose text
 * Teams reads as markdown: a TextRun's text is shown as it is ("Markdown is not supported" in
 * the schema), so a name like `[Kari, your session expired](https://evil.example/login)` stays
 * words and cannot become a link. Emphasis comes only from the core's spans (parseRich), as the
 * TextRun's weight and italic. Each line is its own block: a line break inside a run is not
 * shown alike in every Teams client.
 */
import { parseRich, plainText, type Span } from '../../core/kernel/rich-text.js';
import type { Outbound, Section } from '../../core/messages.js';

export type Json = Record<string, unknown>;

export interface RunStyle {
  size?: 'small' | 'medium' | 'large';
  /** Every run bolder (headings, labels), whatever the spans say. */
  bold?: boolean;
  isSubtle?: boolean;
}

function textRun(span: Span, style: RunStyle): Json {
  return {
    type: 'TextRun',
    text: span.text,
    ...(span.bold || style.bold ? { weight: 'bolder' } : {}),
    ...(span.italic ? { italic: true } : {}),
    ...(style.size ? { size: style.size } : {}),
    ...(style.isSubtle ? { isSubtle: true } : {}),
  };
}

/**
 * One RichTextBlock per non-empty line; an empty line becomes extra space before the next.
 * `prefix` (a bullet) starts the first line.
 */
export function richBlocks(text: string, style: RunStyle = {}, prefix = ''): Json[] {
  const blocks: Json[] = [];
  let gap = false;
  for (const line of parseRich(text)) {
    const spans = line.filter((s) => s.text !== '');
    if (spans.every((s) => s.text.trim() === '')) {
      gap = blocks.length > 0;
      continue;
    }
    const lead = blocks.length === 0 && prefix ? [{ text: prefix }] : [];
    blocks.push({
      type: 'RichTextBlock',
      inlines: [...lead, ...spans].map((s) => textRun(s, style)),
      spacing: blocks.length === 0 ? 'default' : gap ? 'medium' : 'none',
    });
    gap = false;
  }
  return blocks;
}

export function titleBlocks(title: string | undefined): Json[] {
  return title ? richBlocks(title, { size: 'large', bold: true }) : [];
}

/** A section: heading, text, its label/value pairs two to a row (as Slack shows them), bullets. */
export function sectionBlocks(section: Section): Json[] {
  const blocks: Json[] = [];
  if (section.heading) blocks.push(...richBlocks(section.heading, { size: 'medium', bold: true }));
  if (section.text) blocks.push(...richBlocks(section.text));
  const fields = section.fields ?? [];
  for (let i = 0; i < fields.length; i += 2) {
    const pair = fields.slice(i, i + 2).map((f) => ({ type: 'Column', width: 'stretch', items: [...richBlocks(f.label, { bold: true }), ...richBlocks(f.value)] }));
    // An odd last field keeps the column width of the rows above it.
    if (pair.length === 1) pair.push({ type: 'Column', width: 'stretch', items: [] });
    blocks.push({ type: 'ColumnSet', columns: pair, spacing: 'small' });
  }
  for (const bullet of section.bullets ?? []) blocks.push(...richBlocks(bullet, {}, '• ').map((b) => ({ ...b, spacing: 'none' })));
  const [first] = blocks;
  if (first) blocks[0] = { ...first, separator: true, spacing: 'medium' };
  return blocks;
}

export function contextBlocks(context: Outbound['context']): Json[] {
  return (context ?? []).flatMap((line) => richBlocks(line, { size: 'small', isSubtle: true })).map((b, i) => (i === 0 ? { ...b, spacing: 'medium' } : b));
}

/** The picture as an Image with its bytes inline (a data URI); its words when the bytes are gone. */
export function imageBlocks(image: Outbound['image'], dataUri: string | undefined): Json[] {
  if (!image) return [];
  const alt = plainText(image.alt).trim();
  if (dataUri) return [{ type: 'Image', url: dataUri, ...(alt ? { altText: alt } : {}), spacing: 'medium' }];
  return alt ? richBlocks(image.alt, { isSubtle: true }) : [];
}

/** The file's name, and a button that opens its signed download link (or a note when there is none). */
export function fileBlocks(file: Outbound['file'], link: string | undefined, words: { download: string; noLink: string }): Json[] {
  if (!file) return [];
  const name = plainText(file.name).trim() || 'file';
  const label = [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `📎 ${name}`, weight: 'bolder' }], spacing: 'medium' }];
  if (!link) return [...label, { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: words.noLink, isSubtle: true }], spacing: 'none' }];
  return [...label, { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: words.download, url: link }], spacing: 'small' }];
}

/** Plain words for a notification or summary: no markers, no markup, one line per line. */
export function plainSummary(message: Outbound, max: number): string {
  const text = [message.title ?? '', message.text].map((t) => plainText(t).trim()).filter(Boolean).join('\n');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
