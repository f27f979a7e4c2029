/** Fixed option lists used by several flows. Labels are prompts/ keys. */
import type { OptionDef } from './engine/types.js';

const keyed = (prefix: string, values: readonly string[]): OptionDef[] => values.map((value) => ({ value, label: `${prefix}.${value}` }));

/** Languages offered in the profile: Norwegian first, then the languages newcomers most often bring. */
export const LANGUAGE_CODES = ['nb', 'en', 'ar', 'so', 'ti', 'am', 'uk', 'ru', 'prs', 'fa', 'ps', 'ku', 'tr', 'ur', 'pl', 'lt', 'fr', 'es', 'de'] as const;
export const LANGUAGE_OPTIONS = keyed('languages', LANGUAGE_CODES);

export const LEVELS = ['basic', 'intermediate', 'fluent', 'native'] as const;
export const LEVEL_OPTIONS = keyed('levels', LEVELS);
/** Norwegian is always asked about, so "none yet" is a real answer there. */
export const NORWEGIAN_LEVEL_OPTIONS = keyed('levels', ['none', ...LEVELS]);

export const FIELDS = [
  'health', 'it', 'finance', 'engineering', 'education', 'construction', 'hospitality', 'transport',
  'public', 'law', 'science', 'media', 'sales', 'industry', 'agriculture', 'other',
] as const;
export const FIELD_OPTIONS = keyed('fields', FIELDS);

export const AVAILABILITY = ['weekdayDay', 'weekdayEvening', 'weekend', 'flexible'] as const;
export const AVAILABILITY_OPTIONS = keyed('availability', AVAILABILITY);

export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export const FREQUENCY_OPTIONS = keyed('frequency', FREQUENCIES);

export const ROLE_OPTIONS: OptionDef[] = [
  { value: 'mentee', label: 'join.asMentee' },
  { value: 'mentor', label: 'join.asMentor' },
];

export const yesNo = (yes: string, no: string): OptionDef[] => [
  { value: 'yes', label: yes, style: 'primary' },
  { value: 'no', label: no },
];
