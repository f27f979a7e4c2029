/** Turns an InputDef (prompts/ keys) into the neutral PromptSpec (localised labels) channels render. */
import type { ChoiceOption, FormField, PromptSpec } from '../messages.js';
import type { FieldDef, InputDef, OptionDef } from './types.js';

type T = (key: string, params?: Record<string, string | number | Date>) => string;

export function optionLabel(option: OptionDef, t: T): string {
  return option.literal ? option.label : t(option.label);
}

function options(list: OptionDef[], t: T): ChoiceOption[] {
  return list.map((o) => ({ value: o.value, label: optionLabel(o, t), ...(o.style ? { style: o.style } : {}) }));
}

function field(def: FieldDef, t: T, initial: Record<string, string | string[]> | undefined): FormField {
  const base = { name: def.name, label: t(def.label), required: def.required, ...(def.hint ? { hint: t(def.hint) } : {}), ...(def.requiredMessage ? { requiredMessage: t(def.requiredMessage) } : {}) };
  const init = initial?.[def.name];
  const single = typeof init === 'string' && init !== '' ? { initial: init } : {};
  switch (def.kind) {
    case 'text':
      return { ...base, kind: 'text', maxLength: def.maxLength, ...(def.multiline ? { multiline: true } : {}), ...single };
    case 'number':
      return { ...base, kind: 'number', min: def.min, max: def.max, ...single };
    case 'date':
      return { ...base, kind: 'date', ...single };
    case 'select':
      return { ...base, kind: 'select', options: options(def.options, t), ...single };
    case 'multiselect':
      return { ...base, kind: 'multiselect', options: options(def.options, t), max: def.max, ...(Array.isArray(init) ? { initial: init } : {}) };
  }
}

export function toPromptSpec(input: InputDef, t: T): PromptSpec {
  switch (input.kind) {
    case 'text':
      return { kind: 'text', ...(input.multiline ? { multiline: true } : {}) };
    case 'choice':
      return { kind: 'choice', options: options(input.options, t) };
    case 'multi':
      return { kind: 'multi', options: options(input.options, t), min: input.min, max: input.max, submitLabel: t(input.submitLabel) };
    case 'form':
      return { kind: 'form', title: t(input.title), fields: input.fields.map((f) => field(f, t, input.initial)), submitLabel: t(input.submitLabel) };
  }
}
