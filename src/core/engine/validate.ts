/**
 * Checks an answer against what the question asked. Nothing is stored unless the whole answer
 * is valid; errors come back as prompts/ keys (with params) so the person reads them in their
 * own language, per field for forms (Slack shows them under the field in a modal, the playground
 * next to it). Each field's error also carries the field's label in the person's language as
 * `field`, so a summary can say "Full name: …" — never the internal name (`fullName`).
 */
import type { AnswerValue } from '../domain.js';
import type { InboundEvent } from '../messages.js';
import type { FieldDef, InputDef, Msg, OptionDef } from './types.js';

export type Validation =
  | { ok: true; value: AnswerValue }
  | { ok: false; error: Msg; fieldErrors?: Record<string, Msg> };

const fail = (key: string, params?: Msg['params']): Validation => ({ ok: false, error: { key, ...(params ? { params } : {}) } });

/** Collapses runs of blanks and trims, so "  Oslo " and "Oslo" are the same answer. */
export function cleanText(text: string): string {
  return text.replace(/[^\S\n]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The field's own maxLength is its one limit: channels show it to the person (a counter, Slack's
 * max_length) and nothing else cuts lower. A message typed in chat meets MAX_TEXT_LENGTH first
 * (interactions/router.ts); the inbound schema's envelope is far above both.
 */
export function validateText(text: string, input: { maxLength: number; minLength?: number }): Validation {
  const value = cleanText(text);
  const max = input.maxLength;
  if (value.length < (input.minLength ?? 1)) return fail('errors.empty');
  if (value.length > max) return fail('errors.tooLong', { max, length: value.length });
  return { ok: true, value };
}

function pick(values: string[], options: OptionDef[]): string[] | null {
  const allowed = new Set(options.map((o) => o.value));
  const unique = [...new Set(values)];
  return unique.every((v) => allowed.has(v)) ? unique : null;
}

/** Is `s` a real calendar date written YYYY-MM-DD? */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Adds the field's label (already in the person's language) to its error. */
function labelled(error: Msg, field: string): Msg {
  return { key: error.key, params: { ...error.params, field } };
}

/**
 * A field's label in the person's language. The engine hands us the one translator it has, for
 * options; a field label is a prompts/ key just like a non-literal option's label.
 */
function fieldLabel(def: FieldDef, label: (o: OptionDef) => string): string {
  return label({ value: def.name, label: def.label });
}

function checkField(def: FieldDef, raw: string | string[] | undefined): { value: AnswerValue } | { error: Msg } {
  const list = Array.isArray(raw) ? raw : raw === undefined || raw.trim() === '' ? [] : [raw];
  if (list.length === 0) return def.required ? { error: { key: def.requiredMessage ?? 'errors.required' } } : { value: def.kind === 'multiselect' ? [] : null };
  if (def.kind === 'multiselect') {
    const chosen = pick(list, def.options);
    if (!chosen) return { error: { key: 'errors.notAnOption' } };
    if (chosen.length > def.max) return { error: { key: 'errors.tooMany', params: { max: def.max } } };
    return { value: chosen };
  }
  if (list.length > 1) return { error: { key: 'errors.notAnOption' } };
  const one = list[0] as string;
  switch (def.kind) {
    case 'text': {
      const r = validateText(one, def);
      return r.ok ? { value: r.value } : { error: r.error };
    }
    case 'number': {
      const n = Number(one.trim().replace(',', '.'));
      if (!/^\s*-?\d+([.,]\d+)?\s*$/.test(one) || !Number.isInteger(n)) return { error: { key: 'errors.notANumber' } };
      if (n < def.min || n > def.max) return { error: { key: 'errors.outOfRange', params: { min: def.min, max: def.max } } };
      return { value: n };
    }
    case 'date':
      return isIsoDate(one.trim()) ? { value: one.trim() } : { error: { key: 'errors.notADate' } };
    case 'select':
      return pick([one], def.options) ? { value: one } : { error: { key: 'errors.notAnOption' } };
  }
}

function validateForm(input: Extract<InputDef, { kind: 'form' }>, values: Record<string, string | string[]>, label: (o: OptionDef) => string): Validation {
  const labels = new Map(input.fields.map((f) => [f.name, fieldLabel(f, label)]));
  const out: Record<string, AnswerValue> = {};
  const fieldErrors: Record<string, Msg> = {};
  // Only a tampered request names a field the form lacks; what it sent is all there is to call it.
  for (const name of Object.keys(values)) if (!labels.has(name)) fieldErrors[name] = labelled({ key: 'errors.unknownField' }, name);
  for (const def of input.fields) {
    const r = checkField(def, values[def.name]);
    if ('error' in r) fieldErrors[def.name] = labelled(r.error, labels.get(def.name) as string);
    else out[def.name] = r.value;
  }
  if (Object.keys(fieldErrors).length === 0 && input.check) {
    for (const [name, key] of Object.entries(input.check(out) ?? {})) fieldErrors[name] = labelled({ key }, labels.get(name) ?? name);
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, error: { key: 'errors.formInvalid' }, fieldErrors };
  return { ok: true, value: out };
}

/** Finds the option whose label or value the person typed, so "Mentee" works as well as a click. */
function matchTyped(text: string, options: OptionDef[], label: (o: OptionDef) => string): string | null {
  const wanted = cleanText(text).toLocaleLowerCase();
  const hit = options.find((o) => label(o).toLocaleLowerCase() === wanted || o.value.toLocaleLowerCase() === wanted);
  return hit ? hit.value : null;
}

export function validateAnswer(input: InputDef, event: InboundEvent, label: (o: OptionDef) => string): Validation {
  if (event.kind === 'opened') return fail('errors.expectedAnswer');
  switch (input.kind) {
    case 'text':
      if (event.kind !== 'text') return fail('errors.expectedText');
      return validateText(event.text, input);
    case 'choice': {
      if (event.kind === 'text') {
        const typed = matchTyped(event.text, input.options, label);
        return typed ? { ok: true, value: typed } : fail('errors.chooseOne', { options: input.options.map(label).join(', ') });
      }
      if (event.kind !== 'choice' || event.values.length !== 1) return fail('errors.chooseOne', { options: input.options.map(label).join(', ') });
      const chosen = pick(event.values, input.options);
      return chosen ? { ok: true, value: chosen[0] as string } : fail('errors.notAnOption');
    }
    case 'multi': {
      if (event.kind !== 'choice') return fail('errors.useTheChoices');
      const chosen = pick(event.values, input.options);
      if (!chosen) return fail('errors.notAnOption');
      if (chosen.length < input.min) return fail('errors.tooFew', { min: input.min });
      if (chosen.length > input.max) return fail('errors.tooMany', { max: input.max });
      return { ok: true, value: chosen };
    }
    case 'form':
      if (event.kind !== 'form') return fail('errors.useTheForm');
      return validateForm(input, event.values, label);
  }
}
