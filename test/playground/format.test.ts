/**
 * The page formats its own texts (public/format.js) from the ICU templates in prompts/; for every
 * text it is sent, in every language, it must give exactly what the bot's formatter gives (less
 * the marks the bot puts around parameters for its rich text: the page shows plain text).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageTexts, pickLocale } from '../../src/channels/playground/page-texts.js';
// @ts-expect-error: a plain browser module without types, exercised here as the page runs it.
import { format } from '../../src/channels/playground/public/format.js';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { loadCatalogues } from '../../src/i18n/texts.js';
import { TEXTS } from './support.js';

const catalogues = loadCatalogues(join(import.meta.dirname, '../../prompts'));
const SAMPLES = [0, 1, 2, 8, 1000, 2345].map((n) => ({ n, params: { name: 'Amina Yusuf', status: 503, count: n, min: 1, max: n, length: n + 1 } }));

describe('the page’s texts', () => {
  for (const locale of TEXTS.locales()) {
    it(`format as the server formats them, in ${locale}`, () => {
      const { texts } = pageTexts(catalogues, locale, 'nb');
      expect(Object.keys(texts)).toEqual(expect.arrayContaining(['playground.requiredNote', 'playground.unreachable', 'errors.tooLong']));
      for (const [key, template] of Object.entries(texts)) {
        for (const { params } of SAMPLES) expect(format(template, params, locale), `${locale} ${key}`).toBe(withoutMarks(TEXTS.t(locale, key, params)));
      }
    });
  }

  it('are in the language asked for, and Norwegian for "no" and "nn"', () => {
    expect(pickLocale(['nb-NO', 'en'], ['nb', 'en'])).toBe('nb');
    expect(pickLocale(['no'], ['nb', 'en'])).toBe('nb');
    expect(pickLocale(['de-DE', 'en-GB'], ['nb', 'en'])).toBe('en');
    expect(pickLocale(['de'], ['nb', 'en'])).toBe('nb');
  });
});
