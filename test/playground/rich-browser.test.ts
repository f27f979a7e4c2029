/**
 * A message with every rich part, in real headless Chromium against the real playground, stream
 * and download route, with files in a real test database: each part is drawn as its element,
 * the picture loads and the file downloads through signed links, and text a person wrote stays
 * text. Saves test-output/playground-rich-desktop.png and -phone.png to look at.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbound, Outbound } from '../../src/core/messages.js';
import { byteSize } from '../../src/channels/playground/view.js';
import { PrismaFileReader } from '../../src/store/file-reader.js';
import { PrismaFileRepo } from '../../src/store/repos/files.js';
import { launchChromium, skipBrowser as skip } from '../e2e/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { ORG, type Playground, startPlayground } from './support.js';

const OUT = fileURLToPath(new URL('../../test-output/', import.meta.url));

const HOSTILE_HTML = '<img src=x onerror=alert(1)>';
const HOSTILE_LINK = '[Kari](https://evil.example)';
// About 2 kB, as a month's report would be.
const CSV = Buffer.from(['dato;mentor;mentee;minutter', ...Array.from({ length: 60 }, (_, i) => `2026-11-${String((i % 30) + 1).padStart(2, '0')};Ingrid Berg;Amina Yusuf;${30 + i}`)].join('\n'), 'utf8');

/** A small bar chart, 240×120, so the picture is real and visible in the screenshots. */
function chart(): Buffer {
  const png = new PNG({ width: 240, height: 120 });
  const bars = [40, 0, 90, 50];
  for (let y = 0; y < 120; y++) {
    for (let x = 0; x < 240; x++) {
      const bar = Math.floor(x / 60);
      const inBar = x % 60 >= 12 && x % 60 < 48 && 110 - y < (bars[bar] ?? 0) && y < 110;
      const i = (y * 240 + x) * 4;
      const [r, g, b] = inBar ? [31, 111, 139] : y === 110 ? [180, 190, 200] : [246, 248, 250];
      png.data.set([r, g, b, 255], i);
    }
  }
  return PNG.sync.write(png);
}

const message: Outbound = {
  title: 'Månedsrapport for *november*',
  text: 'Hei *Amina*! Her er _oppsummeringen_ din for måneden.',
  sections: [
    {
      heading: 'Møter',
      text: 'Dere har hatt *4 møter*, ett mer enn i oktober.',
      fields: [
        { label: 'Mentor', value: 'Ingrid Berg' },
        { label: 'Neste møte', value: 'Tirsdag 2. desember kl. 18' },
        // Text people wrote (a profile answer) lands in field values; it must stay text.
        { label: 'Ditt notat', value: HOSTILE_HTML },
        { label: 'Mentorens notat', value: HOSTILE_LINK },
      ],
      bullets: ['Første møte var _2. november_', 'Kortest møte: 35 minutter'],
    },
    {
      heading: 'Mål',
      text: 'Du har nådd *ett av tre* mål.',
      fields: [
        { label: 'Fagfelt', value: 'Helse' },
        { label: 'Språk', value: 'Somali, engelsk' },
      ],
      bullets: ['Skrive CV på norsk ✓', 'Søke to jobber', 'Besøke et sykehus'],
    },
  ],
  context: ['Laget 30. november 2026', 'Bare du ser denne meldingen'],
  image: { alt: 'Søylediagram: møter per uke i november', mediaType: 'image/png', fileId: 'f-chart', width: 240, height: 120 },
  file: { name: 'rapport-2026-11.csv', mediaType: 'text/csv', fileId: 'f-csv', size: CSV.length },
  prompt: { id: 'useful-1', spec: { kind: 'choice', options: [{ value: 'yes', label: 'Ja, nyttig', style: 'primary' }, { value: 'no', label: 'Ikke nå' }] } },
};

describe('rich messages in the playground, in Chromium', () => {
  let db: TestDatabase;
  let pg: Playground;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    if (skip) return;
    browser = await launchChromium(); // on CI without Chromium: fails here, before anything starts
    db = await createTestDatabase();
    await db.prisma.organisation.create({ data: { id: ORG, name: 'Demo', platform: 'playground', externalId: 'demo' } });
    // As the unit of work leaves them: bytes in StoredFile, only the id and size in the payload.
    const files = new PrismaFileRepo(db.prisma);
    const now = new Date();
    await files.save({ id: 'f-chart', organisationId: ORG, personId: 'p-amina', name: 'image.png', mediaType: 'image/png', bytes: chart(), createdAt: now });
    await files.save({ id: 'f-csv', organisationId: ORG, personId: 'p-amina', name: 'rapport-2026-11.csv', mediaType: 'text/csv', bytes: CSV, createdAt: now });
    pg = await startPlayground({ files: new PrismaFileReader(db.prisma) });
    pg.core.script = (inbound: Inbound) =>
      inbound.event.kind === 'choice' && inbound.event.promptId === 'useful-1' ? [{ text: 'Takk! Du svarte *Ja, nyttig*.', replacesPromptId: 'useful-1' }] : [];
    mkdirSync(OUT, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
    await db?.close();
  });

  async function openPage(width: number, height: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'nb-NO', acceptDownloads: true });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on('response', (res) => {
      if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
    });
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) problems.push(`console: ${msg.text()}`);
    });
    // ?as= picks the person without "opening" the bot, so only our message arrives.
    await page.goto(`${pg.url}/?as=amina`);
    await page.locator('#status.live').waitFor();
    return page;
  }

  /** Every part, as its element; run on the live message and again on the history after a reload. */
  async function expectAllParts(page: Page): Promise<void> {
    const msg = page.locator('.msg.bot').last();
    await expect.poll(() => msg.getByRole('heading', { level: 2 }).textContent()).toBe('Månedsrapport for november');
    expect(await msg.locator('h2 strong').textContent()).toBe('november');
    expect(await msg.locator('.bubble > .text strong').textContent()).toBe('Amina');
    expect(await msg.locator('.bubble > .text em').textContent()).toBe('oppsummeringen');

    const sections = msg.locator('section.section');
    expect(await sections.count()).toBe(2);
    expect(await msg.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Møter', 'Mål']);
    expect(await sections.nth(0).locator('.text strong').textContent()).toBe('4 møter');
    expect(await sections.nth(0).getByRole('term').allTextContents()).toEqual(['Mentor', 'Neste møte', 'Ditt notat', 'Mentorens notat']);
    expect(await sections.nth(0).getByRole('definition').allTextContents()).toEqual(['Ingrid Berg', 'Tirsdag 2. desember kl. 18', HOSTILE_HTML, HOSTILE_LINK]);
    expect(await sections.nth(1).getByRole('term').allTextContents()).toEqual(['Fagfelt', 'Språk']);
    expect(await sections.nth(0).getByRole('listitem').allTextContents()).toEqual(['Første møte var 2. november', 'Kortest møte: 35 minutter']);
    expect(await sections.nth(0).locator('li em').textContent()).toBe('2. november');
    expect(await sections.nth(1).getByRole('listitem').count()).toBe(3);
    expect(await msg.locator('.context p').allTextContents()).toEqual(['Laget 30. november 2026', 'Bare du ser denne meldingen']);

    // The picture loads through its signed link.
    const img = msg.getByRole('img', { name: 'Søylediagram: møter per uke i november' });
    expect(await img.getAttribute('src')).toMatch(/^\/files\/download\?o=org-demo&f=f-chart&e=\d+&s=/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(240);

    // The file: a download link with its name, size and the word in Amina's language.
    const link = msg.getByRole('link', { name: /rapport-2026-11\.csv/ });
    expect(await link.getAttribute('download')).toBe('rapport-2026-11.csv');
    expect((await link.textContent())?.replace(/\s+/g, ' ')).toBe(`CSVrapport-2026-11.csv (${byteSize(CSV.length, 'nb')}) Last ned`);
    expect(byteSize(CSV.length, 'nb')).toMatch(/^\d,\d kB$/);

    // What people wrote stayed text: the only link is the file's, the only picture the chart.
    expect(await msg.locator('a').count()).toBe(1);
    expect(await msg.locator('img').count()).toBe(1);
    expect(await page.locator('a[href*="evil"], img[src="x"]').count()).toBe(0);
    expect(await msg.getByRole('button', { name: 'Ja, nyttig' }).isEnabled()).toBe(true);
  }

  it.skipIf(skip)('draws every part, loads the picture and downloads the exact file', async () => {
    const page = await openPage(1100, 1300);
    await pg.outbox.deliver('p-amina', message);
    await expectAllParts(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /rapport-2026-11\.csv/ }).click()]);
    expect(download.suggestedFilename()).toBe('rapport-2026-11.csv');
    expect((await readFile(await download.path())).equals(CSV)).toBe(true);
    await page.mouse.move(0, 0); // no hover look on the file link in the picture
    await page.locator('.msg.bot').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}playground-rich-desktop.png` });

    // The history after a reload is drawn the same way, with freshly signed links.
    await page.reload();
    await page.locator('#status.live').waitFor();
    await expectAllParts(page);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it.skipIf(skip)('reads well on a phone, and the prompt still answers and is replaced', async () => {
    const page = await openPage(375, 740);
    await expectAllParts(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const bubble = await page.locator('.msg.bot .bubble').last().boundingBox();
    expect(bubble?.width).toBeLessThanOrEqual(375);
    await page.locator('.msg.bot h2').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}playground-rich-phone.png` });
    await page.locator('.msg.bot .choices').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}playground-rich-phone-end.png` });

    await page.getByRole('button', { name: 'Ja, nyttig' }).click();
    await page.getByText('Takk! Du svarte').waitFor();
    expect(await page.locator('.msg.bot').count()).toBe(1);
    expect(await page.locator('.msg.bot strong').textContent()).toBe('Ja, nyttig');
    expect(pg.core.calls.map((c) => (c as Inbound).event)).toContainEqual({ kind: 'choice', promptId: 'useful-1', values: ['yes'] });
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
