/**
 * A refused form answer speaks the person's language: each field's error in words, with numbers
 * written their way, and summed up by the field's label — never its internal name (`endsOn`).
 * And one limit per field: a value the field allows is never refused earlier by the inbound schema.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { optionLabel } from '../../src/core/engine/prompt-spec.js';
import type { FieldDef, InputDef } from '../../src/core/engine/types.js';
import { validateAnswer } from '../../src/core/engine/validate.js';
import { inboundSchema, MAX_TEXT_LENGTH } from '../../src/core/messages.js';
import { ensureSetupCode } from '../../src/store/setup-code.js';
import { createIdSource } from '../../src/ids.js';
import { type Chat, type Harness, createHarness, texts } from '../support/harness.js';

/** Intl writes Norwegian thousands with a no-break space; tests spell it as a plain one. */
const plain = (s: string) => s.replace(/[\u00A0\u202F]/g, ' ');

const FIELDS: FieldDef[] = [
  { kind: 'text', name: 'name', label: 'programme.name', required: true, maxLength: 100 },
  { kind: 'text', name: 'purpose', label: 'programme.purpose', required: true, maxLength: 1000, multiline: true },
  { kind: 'date', name: 'endsOn', label: 'programme.endsOn', required: true },
  { kind: 'number', name: 'capacity', label: 'profile.capacity', required: true, min: 1, max: 5 },
];
const FORM: InputDef = { kind: 'form', title: 'programme.createTitle', fields: FIELDS, submitLabel: 'programme.createSubmit' };

function refuse(locale: string, values: Record<string, string>) {
  const t = (key: string, params?: Record<string, string | number | Date>) => texts.t(locale, key, params);
  const result = validateAnswer(FORM, { kind: 'form', promptId: 'p1', values }, (o) => optionLabel(o, t));
  if (result.ok) throw new Error('expected the answer to be refused');
  const errors = result.fieldErrors ?? {};
  return Object.fromEntries(Object.entries(errors).map(([name, msg]) => [name, { label: msg.params?.field, text: plain(t(msg.key, msg.params)) }]));
}

describe('validate.ts: field errors in words, by label', () => {
  it("says a field's own words when it has them for being left empty (the escalation's resolve note)", () => {
    const form: InputDef = { kind: 'form', title: 'escalations.resolveTitle', submitLabel: 'escalations.resolveSubmit', fields: [{ kind: 'text', name: 'note', label: 'escalations.noteLabel', required: true, requiredMessage: 'escalations.noteRequired', maxLength: 2000 }] };
    const t = (key: string, params?: Record<string, string | number | Date>) => texts.t('nb', key, params);
    for (const note of ['', '   ']) {
      const result = validateAnswer(form, { kind: 'form', promptId: 'p1', values: { note } }, (o) => optionLabel(o, t));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(t(result.fieldErrors?.note?.key ?? '')).toBe('Skriv et kort notat før du løser den.');
    }
  });

  const tooMuch = { name: '', purpose: 'x'.repeat(1000) + 'y'.repeat(1000), endsOn: '2027-02-30', capacity: '9' };

  it('in English', () => {
    expect(refuse('en', tooMuch)).toEqual({
      name: { label: 'Name', text: 'This is required.' },
      purpose: { label: 'Purpose', text: 'That is too long: at most 1,000 characters; you wrote 2,000.' },
      endsOn: { label: 'End date', text: 'Please give a date as year-month-day, like 2027-01-31.' },
      capacity: { label: 'How many mentees can you take?', text: 'Please give a number from 1 to 5.' },
    });
  });

  it('in Norwegian, with numbers written the Norwegian way', () => {
    expect(refuse('nb', tooMuch)).toEqual({
      name: { label: 'Navn', text: 'Du må fylle ut dette.' },
      purpose: { label: 'Formål', text: 'Teksten er for lang: høyst 1 000 tegn; du skrev 2 000.' },
      endsOn: { label: 'Sluttdato', text: 'Skriv datoen som år-måned-dag, for eksempel 2027-01-31.' },
      capacity: { label: 'Hvor mange mentees har du tid til?', text: 'Skriv et tall fra 1 til 5.' },
    });
  });

  it('a cross-field check is labelled too', () => {
    const check = () => ({ endsOn: 'errors.endBeforeStart' });
    const t = (key: string) => texts.t('nb', key);
    const result = validateAnswer({ ...FORM, check }, { kind: 'form', promptId: 'p1', values: { name: 'A', purpose: 'B', endsOn: '2027-01-01', capacity: '2' } }, (o) => optionLabel(o, t));
    expect(result.ok === false && result.fieldErrors?.endsOn).toEqual({ key: 'errors.endBeforeStart', params: { field: 'Sluttdato' } });
  });

  it('the inbound schema takes every value a field may hold: its envelope is above the free-text limit', () => {
    const event = { kind: 'form', promptId: 'p1', values: { purpose: 'x'.repeat(MAX_TEXT_LENGTH) } };
    const parsed = inboundSchema.shape.event.safeParse(event);
    expect(parsed.success).toBe(true);
  });
});

describe('a refused programme form, through the core', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness();
    await h.organisation();
  });
  afterEach(() => h.close());

  async function newProgramme(locale: string): Promise<Chat> {
    const kari = h.chat('kari', { locale });
    await kari.say(`setup ${await ensureSetupCode(h.prisma, createIdSource())}`);
    await kari.say(locale === 'nb' ? 'nytt program' : 'new programme');
    await kari.replies();
    return kari;
  }

  it('takes a purpose of 800 characters, which its field allows (the inbound schema once stopped at 500)', async () => {
    const kari = await newProgramme('en');
    const result = await kari.submit({ name: 'Jobbstart', purpose: 'p'.repeat(800), startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'monthly' });
    expect(result).toMatchObject({ status: 'handled' });
    expect(result).not.toHaveProperty('fieldErrors');
    expect((await h.prisma.programme.findFirstOrThrow()).purpose).toHaveLength(800);
  });

  it('says what is too long by the field’s label, in English', async () => {
    const kari = await newProgramme('en');
    const result = await kari.submit({ name: 'Jobbstart', purpose: 'p'.repeat(1001), startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'monthly' });
    expect(result).toMatchObject({ fieldErrors: { purpose: 'That is too long: at most 1,000 characters; you wrote 1,001.' } });
    const text = await kari.text();
    expect(text).toContain('• Purpose: That is too long: at most 1,000 characters; you wrote 1,001.');
    expect(text).not.toMatch(/\bpurpose\b/);
    expect(await h.prisma.programme.count()).toBe(0);
  });

  it('names the fields in Norwegian, never by their internal names', async () => {
    const kari = await newProgramme('nb');
    await kari.submit({ name: '', purpose: 'p'.repeat(1200), startsOn: '2027-05-01', endsOn: 'snart', meetingFrequency: 'monthly' });
    const text = plain(await kari.text());
    expect(text).toContain('• Navn: Du må fylle ut dette.');
    expect(text).toContain('• Formål: Teksten er for lang: høyst 1 000 tegn; du skrev 1 200.');
    expect(text).toContain('• Sluttdato: Skriv datoen som år-måned-dag');
    for (const internal of ['name:', 'purpose', 'endsOn', 'startsOn']) expect(text).not.toContain(internal);
  });

  it('labels a cross-field error too', async () => {
    const kari = await newProgramme('nb');
    await kari.submit({ name: 'X', purpose: 'Y', startsOn: '2027-05-01', endsOn: '2027-01-01', meetingFrequency: 'monthly' });
    const text = await kari.text();
    expect(text).toContain('• Sluttdato: Sluttdatoen må komme etter startdatoen.');
    expect(text).not.toContain('endsOn');
  });
});
