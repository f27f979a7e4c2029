/**
 * Rich messages as Adaptive Cards, judged by Microsoft's own `adaptivecards` library: every part
 * in its element, emphasis only as TextRun weight/italic (the core's spans), the picture inline
 * as a data URI, the file as a signed link that verifies, and hostile text never markdown.
 */
import { describe, expect, it } from 'vitest';
import { cardParts, renderCard, toActivity } from '../../src/channels/teams/index.js';
import type { StoredFile } from '../../src/core/domain.js';
import type { FileReader } from '../../src/core/ports.js';
import { createFileLinks, FILE_LINK_TTL_MS } from '../../src/files/links.js';
import { cardProblems, parsedSummary } from '../support/teams/adaptive.js';
import { texts } from '../support/teams/app.js';
import { CSV_BYTES, everyPart, HOSTILE, hostileMessage, tinyPng } from '../support/rich-message.js';

type Json = Record<string, unknown>;
const en = (key: string, params?: Record<string, string | number>) => texts.t('en', key, params);
const ORG = 'org-1';
const ids = { imageId: 'img1', fileId: 'file1' };
const links = createFileLinks('a-secret-that-is-long-enough-123', 'https://mentor.example.test/');
const now = new Date('2026-11-02T10:00:00Z');

const stored = (id: string, mediaType: string, bytes: Buffer): StoredFile => ({ id, organisationId: ORG, personId: 'p1', name: id, mediaType, bytes, createdAt: now });
const reader: FileReader = {
  read: async (organisationId, id) => (organisationId !== ORG ? null : id === ids.imageId ? stored(id, 'image/png', tinyPng()) : id === ids.fileId ? stored(id, 'text/csv', CSV_BYTES) : null),
};

/** Every element of a card body, containers opened. */
function elements(body: Json[]): Json[] {
  return body.flatMap((e) => [e, ...elements(((e.columns as Json[]) ?? []).flatMap((c) => (c.items as Json[]) ?? [])), ...elements((e.items as Json[]) ?? [])]);
}
const runs = (card: Json) => elements(card.body as Json[]).flatMap((e) => (e.type === 'RichTextBlock' ? (e.inlines as Json[]) : []));

async function rendered(message = everyPart(ids), deps: Parameters<typeof cardParts>[1] = { files: reader, links, now: () => now }) {
  const parts = await cardParts({ organisationId: ORG, payload: message }, deps);
  return renderCard(message, en, parts);
}

describe('rich messages as Adaptive Cards', () => {
  it('renders every part as elements Microsoft’s library reads without a problem', async () => {
    const card = await rendered();
    expect(cardProblems(card)).toEqual([]);
    const summary = parsedSummary(card);
    expect(summary.version).toBe('1.5');
    expect(summary.actions).toEqual(['Action.Execute', 'Action.Execute']);
    expect(new Set(summary.elements)).toEqual(new Set(['RichTextBlock', 'ColumnSet', 'Image', 'ActionSet']));
    // Words are never TextBlocks (markdown) and never FactSets (markdown values).
    expect(elements(card.body as Json[]).some((e) => e.type === 'TextBlock' || e.type === 'FactSet')).toBe(false);
    const [title, intro] = card.body as Json[];
    expect(title).toMatchObject({ type: 'RichTextBlock', inlines: [{ text: 'Your ', weight: 'bolder', size: 'large' }, { text: 'match', weight: 'bolder', size: 'large' }, { text: ' report', weight: 'bolder', size: 'large' }] });
    expect(intro).toMatchObject({ inlines: [{ text: 'Hello ' }, { text: 'Sara', weight: 'bolder' }, { text: ', here is ' }, { text: 'your', italic: true }, { text: ' overview.' }] });
    expect((intro as { inlines: Json[] }).inlines[0]).not.toHaveProperty('weight');
  });

  it('lays out sections: heading, text, fields two to a row, bullets; and the small print', async () => {
    const card = await rendered();
    const lines = elements(card.body as Json[])
      .filter((e) => e.type === 'RichTextBlock')
      .map((e) => (e.inlines as Json[]).map((i) => i.text).join(''));
    expect(lines).toEqual(expect.arrayContaining(['Mentor', 'Kari works in civil engineering.', 'Field', 'Engineering', '• Meets every other week', '• Speaks Tigrinya', 'Next steps', 'Sent by Mentor Bridge']));
    const rows = (card.body as Json[]).filter((e) => e.type === 'ColumnSet');
    expect(rows.map((r) => (r.columns as Json[]).length)).toEqual([2, 2, 2]); // 3 fields → 2 rows; 1 field → 1 row
    const small = runs(card).find((r) => r.text === 'Only ');
    expect(small).toMatchObject({ size: 'small', isSubtle: true });
    expect(runs(card).find((r) => r.text === 'you')).toMatchObject({ italic: true, size: 'small', isSubtle: true });
  });

  it('shows the picture from a data URI of its stored bytes, with its alt text', async () => {
    const image = elements((await rendered()).body as Json[]).find((e) => e.type === 'Image');
    expect(image).toMatchObject({ type: 'Image', altText: 'Meetings per month', url: `data:image/png;base64,${tinyPng().toString('base64')}` });
  });

  it('offers the file as an Action.OpenUrl to a signed link that verifies and expires', async () => {
    const set = elements((await rendered()).body as Json[]).find((e) => e.type === 'ActionSet') as { actions: Json[] };
    const [open] = set.actions;
    expect(open).toMatchObject({ type: 'Action.OpenUrl', title: en('teams.download') });
    const url = new URL(String(open?.url));
    expect(url.origin + url.pathname).toBe('https://mentor.example.test/files/download');
    const query = Object.fromEntries(url.searchParams);
    expect(links.verify(query, now)).toEqual({ organisationId: ORG, fileId: ids.fileId });
    expect(links.verify(query, new Date(now.getTime() + FILE_LINK_TTL_MS + 1000))).toBeNull();
    expect(links.verify({ ...query, f: 'another-file' }, now)).toBeNull();
  });

  it('says so in words when there is no link signer, and shows the alt text when the bytes are gone', async () => {
    const card = await rendered(everyPart({ imageId: 'gone', fileId: ids.fileId }), { files: reader });
    expect(cardProblems(card)).toEqual([]);
    const all = elements(card.body as Json[]);
    expect(all.some((e) => e.type === 'ActionSet' || e.type === 'Image')).toBe(false);
    const words = runs(card).map((r) => r.text);
    expect(words).toEqual(expect.arrayContaining(['📎 report-2026-11.csv', en('teams.fileNoLink'), 'Meetings per month']));
  });

  it('keeps hostile text inert: TextRuns only, never markdown, and the plain message escaped', async () => {
    const card = await rendered(hostileMessage(ids));
    expect(cardProblems(card)).toEqual([]);
    const body = elements(card.body as Json[]);
    expect(body.some((e) => e.type === 'TextBlock' || e.type === 'FactSet')).toBe(false);
    // The words are kept exactly as typed, as TextRun text, which Adaptive Cards never reads as markdown.
    const words = runs(card).map((r) => String(r.text));
    for (const value of Object.values(HOSTILE)) expect(words.some((w) => w.includes(value)), value).toBe(true);
    // Markdown's **bold** is not the core's rule: the text line is one plain run, as typed.
    expect((card.body as Json[])[1]).toMatchObject({ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `Hi ${HOSTILE.mention}, ${HOSTILE.channel} ${HOSTILE.markdownBold}` }] });
    expect(((card.body as Json[])[1] as { inlines: Json[] }).inlines[0]).not.toHaveProperty('weight');
    // The only link on the card is ours.
    const urls = JSON.stringify(card).match(/https?:\/\/[^"\s)|]+/g) ?? [];
    expect(urls.filter((u) => !u.startsWith('https://evil.example'))).toEqual(['http://adaptivecards.io/schemas/adaptive-card.json', expect.stringMatching(/^https:\/\/mentor\.example\.test\/files\/download\?/)]);
    expect(body.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Json[]).map((a) => a.url)).toEqual([expect.stringMatching(/^https:\/\/mentor\.example\.test\//)]);

    // A plain message is HTML with every typed character escaped; a card carries a plain summary.
    const plain = toActivity({ text: `Hi *Kari* ${Object.values(HOSTILE).join(' ')}` }, en);
    expect(plain).toEqual({
      type: 'message',
      textFormat: 'xml',
      text: 'Hi <strong>Kari</strong> [Kari, your session expired](https://evil.example/login) &lt;!channel&gt; &lt;https://evil.example|click&gt; &lt;@U123&gt; **bold**',
    });
    const activity = toActivity(hostileMessage(ids), en);
    expect(activity.summary).toBe(`Profile of ${HOSTILE.link}\nHi <@U123>, <!channel> **bold**`);
    expect(activity.text).toBeUndefined();
  });
});
