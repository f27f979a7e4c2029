/** Fixed option lists used by several flows. Labels are prompts/ keys. */
import type { OptionDef } from './engine/types.js';

const keyed = (prefix: string, values: readonly string[]): OptionDef[] => values.map((value) => ({ value, label: `${prefix}.${value}` }));

/**
 * Languages offered in the profile: Norwegian first, then the languages newcomers to Norway most
 * often bring (Tigrinya, Somali, Arabic, Dari, Persian, Pashto, Kurmanji and Sorani, Oromo,
 * Ukrainian…). Codes are ISO 639 (639-3 where 639-1 has none: prs, kmr, ckb). Anything else is
 * typed under "other" and stored by the name (or code) the person wrote.
 */
export const LANGUAGE_CODES = [
  'nb', 'en', 'ar', 'so', 'ti', 'am', 'om', 'uk', 'ru', 'prs', 'fa', 'ps', 'kmr', 'ckb', 'tr', 'ur', 'th', 'pl', 'lt', 'fr', 'es', 'de',
] as const;
export const OTHER_LANGUAGE = 'other';
export const LANGUAGE_OPTIONS = keyed('languages', [...LANGUAGE_CODES, OTHER_LANGUAGE]);

/** Plain levels for languages other than Norwegian. */
export const LEVELS = ['basic', 'intermediate', 'fluent', 'native'] as const;
export const LEVEL_OPTIONS = keyed('levels', LEVELS);
/**
 * Norwegian in the CEFR steps (A1–C2) that Norwegian courses and tests use, so newcomers can
 * answer with what they know about themselves; "native" for those who grew up with it, and "none
 * yet" is a real answer because Norwegian is always asked about.
 */
export const NORWEGIAN_LEVELS = ['none', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export const NORWEGIAN_LEVEL_OPTIONS = keyed('levels', NORWEGIAN_LEVELS);

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
