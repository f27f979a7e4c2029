/**
 * Text that PostgreSQL or a reader's screen would choke on is cleaned at the edge: a NUL or a
 * lone surrogate in what a person typed used to fail the whole turn (500, redelivered forever),
 * and bidirectional overrides could disguise a name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanName, cleanText } from '../../src/core/kernel/text-hygiene.js';
import { type Harness, createHarness } from '../support/harness.js';
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
});
