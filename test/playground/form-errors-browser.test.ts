/**
 * Issue 11, defects 4, 5 and 7, in headless Chromium against the real playground server and the
 * real validate.ts and prompts/ (a small stand-in core asks one generic form): a refused answer
 * shows by its field in the person's language and leaves the form usable; what was typed survives
 * a reload (sessionStorage only) until the server takes it; each text shows its limit before
 * anything is typed and over-long text is refused in words, never cut; and a Norwegian reader
 * sees no English. Saves test-output/playground-form-error-*.png to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandleResult } from '../../src/core/app.js';
import { optionLabel, toPromptSpec } from '../../src/core/engine/prompt-spec.js';
import type { InputDef } from '../../src/core/engine/types.js';
import { validateAnswer } from '../../src/core/engine/validate.js';
import { type Inbound, inboundSchema, type Outbound } from '../../src/core/messages.js';
import { launchChromium, openPage, skipBrowser, skipReason } from '../e2e/browser.js';
import { type Playground, PEOPLE, startPlayground, TEXTS } from './support.js';

if (skipBrowser) console.warn(`playground form browser tests skipped: ${skipReason}`);

const OUT = join(import.meta.dirname, '../../test-output');

/** Generic field definitions with real prompts/ labels; helpWanted allows 1,000 (the server once stopped at 500). */
const FORM: InputDef = {
  kind: 'form',
  title: 'profile.goalsTitle',
  submitLabel: 'programme.createSubmit',
  fields: [
    { kind: 'text', name: 'fullName', label: 'profile.fullName', required: true, maxLength: 100 },
    { kind: 'text', name: 'helpWanted', label: 'profile.helpWanted', required: true, maxLength: 1000, multiline: true },
    { kind: 'number', name: 'capacity', label: 'profile.capacity', required: true, min: 1, max: 5 },
    { kind: 'select', name: 'availability', label: 'profile.availability', required: true, options: ['weekend', 'flexible'].map((v) => ({ value: v, label: `availability.${v}` })) },
    { kind: 'multiselect', name: 'languages', label: 'profile.languagesLabel', required: false, max: 8, options: ['ar', 'so', 'ti'].map((v) => ({ value: v, label: `languages.${v}` })) },
  ],
};
const LANGUAGES: InputDef = { kind: 'multi', min: 0, max: 8, submitLabel: 'programme.createSubmit', options: ['ar', 'so', 'ti'].map((v) => ({ value: v, label: `languages.${v}` })) };

/** The engine's part, as small as it gets: ask the form, check answers with validate.ts, say so. */
function standInCore(pg: Playground) {
  const calls: Inbound[] = [];
  let asked = 0;
  async function handleInbound(raw: unknown): Promise<HandleResult> {
    const inbound = inboundSchema.parse(raw);
    calls.push(inbound);
    const person = PEOPLE.find((p) => p.externalId === inbound.user.externalId);
    if (!person) return { status: 'invalid', issues: 'unknown person' };
    const t = (key: string, params?: Record<string, string | number | Date>) => TEXTS.t(person.locale, key, params);
    const say = (message: Outbound) => pg.outbox.deliver(person.personId, message);
    const done = { status: 'handled', organisationId: 'org-demo', personId: person.personId } as const;
    const { event } = inbound;
    if (event.kind === 'opened') {
      asked += 1;
      await say({ text: t('profile.languagesQuestion'), prompt: { id: `langs-${asked}`, spec: toPromptSpec(LANGUAGES, t) } });
      await say({ text: t('profile.aboutIntro'), prompt: { id: `form-${asked}`, spec: toPromptSpec(FORM, t) } });
    } else if (event.kind === 'form') {
      const result = validateAnswer(FORM, event, (o) => optionLabel(o, t));
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([name, m]) => [name, t(m.key, m.params)]));
        await say({ text: t(result.error.key) });
        return { ...done, fieldErrors };
      }
      await say({ text: t('profile.saved'), replacesPromptId: event.promptId });
    }
    return done;
  }
  return { calls, handleInbound };
}

/** Everything the page says itself or holds in attributes a person meets (labels, placeholders, options). */
function everythingShown(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point; textContent would include hidden text
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      parts.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    for (const el of document.querySelectorAll('option')) parts.push(el.textContent ?? '');
    for (const el of document.querySelectorAll('optgroup')) parts.push((el as HTMLOptGroupElement).label);
    return parts.join('\n');
  });
}

/** The page's own English words, as they were written into it before issue 11. */
const ENGLISH = [
  'Fields marked', 'required', 'Choose…', 'Choose up to', '(up to', 'Could not reach', 'Is it running', 'Write a message', 'You are', 'Connected as',
  'Not connected', 'Loading people', 'Pick who you are', 'Conversation', 'Message', 'Playground', 'New here', 'Mentors', 'Coordinator', 'characters',
  'Please', 'Answer', 'too long', 'Download',
];

const plain = (s: string | null) => (s ?? '').replace(/[\u00A0\u202F]/g, ' ');

interface Case {
  locale: 'en' | 'nb';
  user: string;
  /** The browser's own language: the other one, so only the person's language can explain what shows. */
  browserLocale: string;
  expected: { composerCount: string; helpCount: string; chatTooLong: string; helpTooLong: string; capacity: string; requiredNote: string; choose: string; upTo: string; unreachable: string; checkAnswers: string };
}

const CASES: Case[] = [
  {
    locale: 'en',
    user: 'sara',
    browserLocale: 'nb-NO',
    expected: {
      composerCount: '0 / 2,000',
      helpCount: '0 / 1,000',
      chatTooLong: 'That is too long: at most 2,000 characters; you wrote 2,345.',
      helpTooLong: 'That is too long: at most 1,000 characters; you wrote 1,001.',
      capacity: 'Please give a number from 1 to 5.',
      requiredNote: 'Fields marked * are required.',
      choose: 'Choose…',
      upTo: 'Choose up to 8 options.',
      unreachable: 'Could not reach the server. Is it running?',
      checkAnswers: 'Some answers need another look.',
    },
  },
  {
    locale: 'nb',
    user: 'amina',
    browserLocale: 'en-GB',
    expected: {
      composerCount: '0 / 2 000',
      helpCount: '0 / 1 000',
      chatTooLong: 'Teksten er for lang: høyst 2 000 tegn; du skrev 2 345.',
      helpTooLong: 'Teksten er for lang: høyst 1 000 tegn; du skrev 1 001.',
      capacity: 'Skriv et tall fra 1 til 5.',
      requiredNote: 'Felt merket med * må fylles ut.',
      choose: 'Velg …',
      upTo: 'Velg opptil 8 alternativer.',
      unreachable: 'Fikk ikke kontakt med serveren. Kjører den?',
      checkAnswers: 'Noen av svarene må du se på igjen.',
    },
  },
];

describe.skipIf(skipBrowser)('the playground’s forms and limits, in Chromium', () => {
  let pg: Playground;
  let browser: Browser;
  let core: ReturnType<typeof standInCore>;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    pg = await startPlayground();
    core = standInCore(pg);
    pg.core.handleInbound = core.handleInbound;
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await pg?.close();
  });

  for (const c of CASES) {
    it(`${c.locale}: errors by their fields, limits said before typing, drafts kept over a reload, no other language`, async () => {
      const { page, problems } = await openPage(browser, `${pg.url}/`, { locale: c.browserLocale, width: 1280, height: 900 });
      await page.locator(`#person option[value="${c.user}"]`).waitFor({ state: 'attached' });
      await page.selectOption('#person', c.user);
      const form = page.locator('form.prompt.form');
      await form.waitFor();
      const field = (name: string) => form.locator(`.field[data-name="${name}"]`);
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(c.locale);

      // Limits, said before anything is typed: the message box's and each text field's own.
      expect(plain(await page.locator('#text-count').textContent())).toBe(c.expected.composerCount);
      expect(plain(await field('helpWanted').locator('.counter').textContent())).toBe(c.expected.helpCount);
      expect(await page.locator('[maxlength]').count()).toBe(0);

      // The page's own words, in the person's language.
      expect(await form.locator('.hint').first().textContent()).toBe(c.expected.requiredNote);
      expect(plain(await field('availability').locator('option').first().textContent())).toBe(c.expected.choose);
      expect(await page.locator('form.prompt.multi legend').textContent()).toBe(c.expected.upTo);
      if (c.locale === 'nb') {
        const shown = await everythingShown(page);
        expect(ENGLISH.filter((word) => shown.includes(word))).toEqual([]);
      }

      // A paste over the message limit is kept whole, refused in words, and not sent.
      const mine = () => core.calls.filter((i) => i.user.externalId === c.user);
      const chatCalls = () => mine().filter((i) => i.event.kind === 'text').length;
      await page.locator('#text').fill('x'.repeat(2345));
      expect(await page.locator('#text').inputValue()).toHaveLength(2345);
      expect(plain(await page.locator('#text-error').textContent())).toBe(c.expected.chatTooLong);
      expect(await page.locator('#text-count').getAttribute('class')).toContain('over');
      await page.locator('#text').press('Enter');
      expect(chatCalls()).toBe(0);
      await page.locator('#text').fill('');

      // Over a field's own limit: refused by the field before sending.
      const formCalls = () => mine().filter((i) => i.event.kind === 'form').length;
      await field('fullName').locator('input').fill('Amina Yusuf');
      await field('helpWanted').locator('textarea').fill('h'.repeat(1001));
      await field('availability').locator('select').selectOption('weekend');
      await field('capacity').locator('input').fill('9');
      await form.locator('button[type=submit]').click();
      expect(plain(await field('helpWanted').locator('.field-error').textContent())).toBe(c.expected.helpTooLong);
      expect(formCalls()).toBe(0);

      // At the field's limit the server takes the length, and refuses the capacity by its field.
      await field('helpWanted').locator('textarea').fill('h'.repeat(1000));
      await form.locator('button[type=submit]').click();
      await expect.poll(() => field('capacity').locator('.field-error').textContent()).toBe(c.expected.capacity);
      expect(formCalls()).toBe(1);
      expect(await field('helpWanted').locator('.field-error').textContent()).toBe('');
      expect(await form.locator('> .error').textContent()).toContain(c.expected.checkAnswers);
      expect(await form.locator('input:disabled, textarea:disabled, select:disabled, button:disabled').count()).toBe(0);
      expect(await field('fullName').locator('input').inputValue()).toBe('Amina Yusuf');
      const inView = await field('capacity').locator('.field-error').evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
      });
      expect(inView).toBe(true);
      if (c.locale === 'nb') {
        await page.screenshot({ path: join(OUT, 'playground-form-error-nb-desktop.png') });
        await page.setViewportSize({ width: 390, height: 844 });
        await field('capacity').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(OUT, 'playground-form-error-nb-phone.png') });
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        const shown = await everythingShown(page);
        expect(ENGLISH.filter((word) => shown.includes(word))).toEqual([]);
      }

      // A reload keeps what was typed (this tab's sessionStorage, never localStorage).
      await page.reload();
      await form.waitFor();
      expect(await field('fullName').locator('input').inputValue()).toBe('Amina Yusuf');
      expect(await field('helpWanted').locator('textarea').inputValue()).toHaveLength(1000);
      expect(await field('capacity').locator('input').inputValue()).toBe('9');
      expect(await field('availability').locator('select').inputValue()).toBe('weekend');
      const stored = await page.evaluate(() => ({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }) }));
      expect(stored.session).toContain('Amina Yusuf');
      expect(stored.local).not.toContain('Amina Yusuf');

      // Put right and sent: taken, and the draft is gone.
      await field('capacity').locator('input').fill('3');
      await form.locator('button[type=submit]').click();
      await expect.poll(() => page.locator('form.prompt.form').count()).toBe(0);
      expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toContain('Amina Yusuf');

      // The server out of reach: said in the person's language, and the words stay in the box.
      await page.route('**/playground/inbound', (route) => route.abort());
      await page.locator('#text').fill('hei');
      await page.locator('#text').press('Enter');
      await expect.poll(() => page.locator('#notice').textContent(), { timeout: 10_000 }).toBe(c.expected.unreachable);
      expect(await page.locator('#text').inputValue()).toBe('hei');
      await page.unroute('**/playground/inbound');

      expect(problems.filter((p) => !p.startsWith('HTTP 422'))).toEqual([]);
      await page.close();
    }, 90_000);
  }
});
