/**
 * The rich parts of an Outbound as Block Kit: the title as a header, the text and each section
 * as mrkdwn sections (a section's label/value pairs as its `fields`, two columns in Slack), the
 * small print as a context block. Every string is rich text rendered by mrkdwn.ts; every size
 * is kept within limits.ts. Images and files are not blocks: the sender uploads them (uploads.ts).
 */
import { plainText } from '../../core/kernel/rich-text.js';
import type { Outbound, Section } from '../../core/messages.js';
import type { Block } from './blocks.js';
import { LIMITS, mrkdwn, plain, splitText, truncate } from './limits.js';
import { boldMrkdwn, richMrkdwn, truncateMrkdwn } from './mrkdwn.js';

/** mrkdwn cut into sections of at most 3,000 characters (a long profile becomes several). */
export function textSections(text: string): Block[] {
  if (text.trim() === '') return [];
  return splitText(richMrkdwn(text), LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

/** The first `room` blocks; when some had to go, the last kept text says "…" so the cut shows. */
export function keep(blocks: Block[], room: number): Block[] {
  if (blocks.length <= room) return blocks;
  const kept = blocks.slice(0, Math.max(0, room));
  const last = kept[kept.length - 1] as { type?: unknown; text?: { text?: unknown } } | undefined;
  if (last?.type === 'section' && typeof last.text?.text === 'string') {
    kept[kept.length - 1] = { ...last, text: mrkdwn(truncateMrkdwn(`${last.text.text}\n…`, LIMITS.sectionText)) };
  }
  return kept;
}

export function headerBlock(title: string | undefined): Block[] {
  const text = title ? plainText(title).replace(/\s+/g, ' ').trim() : '';
  return text ? [{ type: 'header', text: plain(text, LIMITS.headerText) }] : [];
}

/** One section: heading, text and bullets as mrkdwn, then its fields ten to a block. */
export function sectionBlocks(section: Section): Block[] {
  const lines: string[] = [];
  if (section.heading?.trim()) lines.push(boldMrkdwn(section.heading));
  if (section.text?.trim()) lines.push(richMrkdwn(section.text));
  for (const bullet of section.bullets ?? []) {
    if (bullet.trim() !== '') lines.push(`• ${richMrkdwn(bullet).replace(/\n/g, '\n   ')}`);
  }
  const body = lines.join('\n');
  const texts = body.trim() === '' ? [] : splitText(body, LIMITS.sectionText);
  const fields = (section.fields ?? []).map(field).filter((f): f is Block => f !== null);
  const groups: Block[][] = [];
  for (let i = 0; i < fields.length; i += LIMITS.fieldsPerSection) groups.push(fields.slice(i, i + LIMITS.fieldsPerSection));
  const blocks: Block[] = texts.map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
  const [first, ...rest] = groups;
  // The first fields share the block of the section's (last) text, as Slack lays them out under it.
  const last = blocks[blocks.length - 1];
  if (first && last) last.fields = first;
  else if (first) blocks.push({ type: 'section', fields: first });
  for (const group of rest) blocks.push({ type: 'section', fields: group });
  return blocks;
}

function field({ label, value }: { label: string; value: string }): Block | null {
  const text = [label.trim() ? boldMrkdwn(label) : '', value.trim() ? richMrkdwn(value) : ''].filter(Boolean).join('\n');
  return text ? mrkdwn(truncateMrkdwn(text, LIMITS.sectionField)) : null;
}

/** Small print: one context element per line (Slack shows at most ten). */
export function contextBlock(context: Outbound['context']): Block[] {
  const elements = (context ?? [])
    .filter((line) => line.trim() !== '')
    .slice(0, LIMITS.contextElements)
    .map((line) => mrkdwn(truncateMrkdwn(richMrkdwn(line), LIMITS.contextText)));
  return elements.length > 0 ? [{ type: 'context', elements }] : [];
}

/** The notification: the text, else the title, else what is attached; plain and escaped. */
export function notificationSource(message: Outbound): string {
  const first = [message.text, message.title ?? '', message.file?.name ?? '', message.image?.alt ?? ''].find((t) => t.trim() !== '');
  return truncate(first ?? '…', LIMITS.fallbackText * 2);
}
