/**
 * Text that PostgreSQL or a reader's screen would choke on is cleaned at the edge: a NUL or a
 * lone surrogate in what a person typed used to fail the whole turn (500, redelivered forever),
 * and bidirectional overrides could disguise a name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRich } from '../../src/core/kernel/rich-text.js';
import { cleanName, cleanText } from '../../src/core/kernel/text-hygiene.js';
import { type Harness, createHarness, texts } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';

describe('cleaning what people type', () => {
  it('keeps ordinary text of every script as it is', () => {
    for (const text of ['Hei, jeg heter Åse 🙂', 'مرحبا، اسمي أمينة', 'ሰላም ስመይ ሰላም እዩ', 'line one\nline two\ttab']) expect(cleanText(text)).toBe(text.normalize('NFC'));
  });

  it('drops NUL and control characters, mends lone surrogates, and takes bidi overrides out of names', () => {
    expect(cleanText('a\u0000b\u0007c')).toBe('abc');
    expect(cleanText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    expect(cleanText('😀')).toBe('😀');
    expect(cleanName('Kari \u202Egnp.exe\u202C  Nordmann\u200F')).toBe('Kari gnp.exe Nordmann');
  });

  it('takes out the private-use marks of the bot’s literal spans, which only the bot may write', () => {
    expect(cleanText('a\uE001 *b* \uE000c')).toBe('a *b* c');
    expect(cleanName('\uE001*Boss*\uE000')).toBe('*Boss*');
    // Other private-use characters (icon fonts) are someone's text, and stay.
    expect(cleanText('\uE0A0 \uF8FF')).toBe('\uE0A0 \uF8FF');
  });
});

describe('at the edge of the core', () => {
  let h: Harness;
  let orgId: string;
  beforeEach(async () => {
    h = await createHarness();
    orgId = await h.organisation();
    await seedProgramme(h, orgId);
  });
  afterEach(() => h.close());

  it('a NUL in a message, a lone surrogate in a form and an override in a name are stored clean', async () => {
    const amina = h.chat('amina', { locale: 'en', displayName: 'Amina \u202Eanimo\u202C' });
    expect(await amina.say(`join ${JOIN_CODE}\u0000`)).toMatchObject({ status: 'handled' });
    await amina.click('mentee');
    await amina.click('yes');
    expect(await amina.submit({ fullName: 'Amina \uD800Yusuf', region: 'Oslo\u0000', availability: 'flexible' })).toMatchObject({ status: 'handled' });
    const person = await h.prisma.person.findFirstOrThrow({ where: { id: await amina.personId() } });
    expect(person.displayName).toBe('Amina animo');
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'join' } });
    expect(JSON.stringify(run.answers)).toContain('Amina \uFFFDYusuf');
    expect(JSON.stringify(run.answers)).toContain('"Oslo"');
  });

  it('a name typed with the literal marks cannot close the literal early and gain the bot’s emphasis', async () => {
    const amina = h.chat('amina', { locale: 'en', displayName: 'Amina\uE001 *boss* \uE000' });
    await amina.say(`join ${JOIN_CODE}`);
    const person = await h.prisma.person.findFirstOrThrow({ where: { id: await amina.personId() } });
    expect(person.displayName).toBe('Amina *boss*');
    // What Texts makes of it: one literal span, shown with its asterisks, nothing bold.
    const line = texts.t('en', 'join.coordinatorNotice', { name: person.displayName, programme: 'P', role: 'mentee' });
    expect(parseRich(line)).toEqual([[{ text: 'Amina *boss* has joined P as mentee.' }]]);
  });
});
