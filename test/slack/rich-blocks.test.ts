/**
 * Rich messages in Block Kit: every part of a message in its block, emphasis only where the core
 * marked it (spans), every limit kept, and what a person typed inert — no link, no mention, no
 * formatting — wherever it lands.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/channels/slack/blocks.js';
import { escapeSpan } from '../../src/channels/slack/mrkdwn.js';
import { literal } from '../../src/core/kernel/rich-text.js';
import type { Outbound } from '../../src/core/messages.js';
import { everyPart, HOSTILE, hostileMessage } from '../support/rich-message.js';

const ui = { fillIn: 'Fill in', chooseOne: 'Choose…', chooseMany: 'Choose one or more…' };
type Node = Record<string, unknown>;
type Text = { type: string; text: string; verbatim?: boolean };

/** Every text object in a block tree. */
function texts(node: unknown): Text[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== 'object') return [];
  const n = node as Node;
  const own = (n.type === 'mrkdwn' || n.type === 'plain_text') && typeof n.text === 'string' ? [n as unknown as Text] : [];
  return [...own, ...Object.values(n).flatMap(texts)];
}

const ids = { imageId: 'img1', fileId: 'file1' };

describe('rich messages in Block Kit', () => {
  it('renders every part: header, text, sections with fields and bullets, context, question', () => {
    const { blocks, text } = renderMessage(everyPart(ids), ui);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions']);
    const [header, intro, mentor, next, context] = blocks as Node[];
    expect(header).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Your match report', emoji: true } });
    expect(intro).toEqual({ type: 'section', text: { type: 'mrkdwn', text: 'Hello *Sara*, here is _your_ overview.', verbatim: true } });
    expect(mentor).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', verbatim: true, text: '*Mentor*\nKari works in *civil engineering*.\n• Meets every *other* week\n• Speaks _Tigrinya_' },
      fields: [
        { type: 'mrkdwn', verbatim: true, text: '*Field*\nEngineering' },
        { type: 'mrkdwn', verbatim: true, text: '*Languages*\nNorwegian, _English_' },
        { type: 'mrkdwn', verbatim: true, text: '*City*\nStavanger' },
      ],
    });
    expect(next).toMatchObject({ text: { text: '*Next steps*\nAgree on a first meeting.\n• Send a message\n• Book a room' }, fields: [{ text: '*Deadline*\n1 September' }] });
    expect(context).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Sent by Mentor Bridge', verbatim: true }, { type: 'mrkdwn', text: 'Only _you_ can see this', verbatim: true }] });
    expect((blocks[5] as { elements: Node[] }).elements.map((e) => e.value)).toEqual(['ok', 'later']);
    // The notification is plain words: no markers, nothing for Slack to format.
    expect(text).toBe('Hello Sara, here is your overview.');
  });

  it('keeps every text of a hostile message inert: entities for & < >, look-alikes for formatting characters', () => {
    const { blocks, text } = renderMessage(hostileMessage(ids), ui);
    const all = texts(blocks);
    const mrkdwn = all.filter((t) => t.type === 'mrkdwn');
    expect(mrkdwn).toHaveLength(9); // text, section, five fields, two context lines
    for (const t of mrkdwn) {
      expect(t.verbatim, t.text).toBe(true);
      // No control character survives: nothing can open a link, a mention or <!channel>.
      expect(t.text, t.text).not.toMatch(/[<>]/);
      expect(t.text).not.toContain('**');
    }
    const joined = mrkdwn.map((t) => t.text).join('\n');
    expect(joined).toContain('&lt;!channel&gt;');
    expect(joined).toContain('&lt;@U123&gt;');
    expect(joined).toContain('&lt;https://evil.example|click&gt;');
    // Slack has no [text](url) links; the words stay, the URL is not turned into a link (verbatim).
    expect(joined).toContain('[Kari, your session expired](https://evil.example/login)');
    expect(joined).toContain('\u2217\u2217bold\u2217\u2217');
    // plain_text (the header) is never parsed by Slack: the words are shown as typed.
    expect(all.find((t) => t.type === 'plain_text')?.text).toBe(`Profile of ${HOSTILE.link}`);
    expect(text).toBe('Hi &lt;@U123&gt;, &lt;!channel&gt; \u2217\u2217bold\u2217\u2217');
  });

  it('keeps the bot’s emphasis around a person’s interpolated words, and none of theirs, in blocks and notification text', () => {
    // What Texts makes of "*New:* {name} joined *{programme}*" with a hostile name (rich-text.ts).
    const message: Outbound = { title: `About ${literal('*Kari*')}`, text: `*New:* ${literal(`*Kari* ${HOSTILE.channel} ${HOSTILE.slackLink}`)} joined *${literal('_P_')}*` };
    const { blocks, text } = renderMessage(message, ui);
    expect(JSON.stringify({ blocks, text })).not.toMatch(/[\uE000\uE001]/);
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'About *Kari*', emoji: true } },
      { type: 'section', text: { type: 'mrkdwn', verbatim: true, text: '*New:* \u2217Kari\u2217 &lt;!channel&gt; &lt;https://evil.example|click&gt; joined *\u02cdP\u02cd*' } },
    ]);
    expect(text).toBe('New: \u2217Kari\u2217 &lt;!channel&gt; &lt;https://evil.example|click&gt; joined \u02cdP\u02cd');
  });

  it('escapes a span’s text and leaves formatting characters inside words alone', () => {
    expect(escapeSpan('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeSpan('snake_case 2*3 kari_n@example.org')).toBe('snake_case 2*3 kari_n@example.org');
    expect(escapeSpan('*x* _y_ ~z~ `c`')).toBe('\u2217x\u2217 \u02cdy\u02cd \u223cz\u223c \u02cbc\u02cb');
  });

  it('keeps huge sections within Block Kit limits: 10 fields a block, 2,000 characters a field, 50 blocks', () => {
    const long = 'Lorem ipsum & dolor <sit> amet. '.repeat(200);
    const section = { heading: 'H'.repeat(5000), text: long, fields: Array.from({ length: 25 }, (_, i) => ({ label: `L${i} ${long}`, value: long })), bullets: [long, long] };
    const message: Outbound = { title: 'T'.repeat(500), text: long, sections: Array.from({ length: 20 }, () => section), context: Array.from({ length: 30 }, () => long), prompt: { id: 'p', spec: { kind: 'choice', options: [{ value: 'a', label: 'A' }] } } };
    const { blocks, text } = renderMessage(message, ui);
    expect(blocks.length).toBe(50);
    expect(blocks[0]?.type).toBe('header');
    expect(blocks.at(-1)?.type).toBe('actions');
    expect(blocks.at(-2)?.type).toBe('context');
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(((blocks[0] as { text: Text }).text.text).length).toBeLessThanOrEqual(150);
    for (const block of blocks as Array<{ type: string; text?: Text; fields?: Text[]; elements?: Text[] }>) {
      if (block.type === 'section') {
        expect(block.text ?? block.fields).toBeDefined();
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
        expect(block.fields?.length ?? 0).toBeLessThanOrEqual(10);
        for (const f of block.fields ?? []) {
          expect(f.text.length).toBeLessThanOrEqual(2000);
          expect(f.text).not.toMatch(/&[a-z]{0,3}…$/); // never half an entity
        }
      }
      if (block.type === 'context') expect(block.elements?.length).toBeLessThanOrEqual(10);
    }
    const sections = blocks.filter((b) => b.type === 'section') as Array<{ text?: Text }>;
    expect(sections.at(-1)?.text?.text ?? '…').toMatch(/…$/);
  });

  it('sends something to notify with when a message is only a file', () => {
    const { blocks, text } = renderMessage({ text: '', file: { name: 'report.csv', mediaType: 'text/csv', fileId: 'f' } }, ui);
    expect(blocks).toEqual([]);
    expect(text).toBe('report.csv');
  });
});
