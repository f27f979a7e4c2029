/**
 * Every locale in prompts/ has the same keys and the same placeholders as every other, and each
 * message is valid ICU MessageFormat; and every key the code uses exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';

const PROMPTS = join(import.meta.dirname, '../../prompts');
const catalogues = loadCatalogues(PROMPTS);

/** Placeholder names and their kinds, e.g. "max:plural", "name:argument". */
function placeholders(message: string): string[] {
  const out = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if ('value' in el && typeof el.value === 'string' && el.type !== TYPE.literal) out.add(`${el.value}:${TYPE[el.type]}`);
      if ('options' in el) for (const opt of Object.values(el.options)) walk(opt.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(parse(message));
  return [...out].sort();
}

describe('prompts/', () => {
  it('has English and Norwegian Bokmål', () => {
    expect([...catalogues.keys()]).toEqual(expect.arrayContaining(['en', 'nb']));
  });

  const [first, ...rest] = [...catalogues.entries()];
  for (const [locale, catalogue] of rest) {
    it(`${locale} has the same keys as ${first?.[0]}`, () => {
      expect([...catalogue.keys()].sort()).toEqual([...(first?.[1].keys() ?? [])].sort());
    });
    it(`${locale} uses the same placeholders as ${first?.[0]}`, () => {
      const differ = [...catalogue.entries()]
        .filter(([key, msg]) => first?.[1].has(key) && placeholders(msg).join() !== placeholders(first[1].get(key) as string).join())
        .map(([key]) => key);
      expect(differ).toEqual([]);
    });
  }

  for (const [locale, catalogue] of catalogues) {
    it(`every ${locale} message parses and formats`, () => {
      for (const [key, msg] of catalogue) {
        expect(() => new IntlMessageFormat(msg, locale), `${locale} ${key}`).not.toThrow();
      }
    });
  }

  it('has every key the code asks for', () => {
    const src = join(import.meta.dirname, '../../src');
    const files = (function list(dir: string): string[] {
      return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? list(join(dir, n)) : n.endsWith('.ts') ? [join(dir, n)] : []));
    })(join(src, 'core'));
    const namespaces = new Set([...(first?.[1].keys() ?? [])].map((k) => k.split('.')[0]));
    const used = new Set<string>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`]([a-z]+)\.([a-zA-Z0-9]+)['"`]/g)) {
        if (namespaces.has(m[1] as string)) used.add(`${m[1]}.${m[2]}`);
      }
    }
    const missing = [...used].filter((k) => !first?.[1].has(k));
    expect(used.size).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });

  it('falls back to the default locale for a missing key, and formats plurals per locale', () => {
    const texts = new CatalogueTexts(new Map([['en', new Map([['a.b', '{n, plural, one {# goal} other {# goals}}']])], ['nb', new Map()]]), 'en', 'Europe/Oslo');
    expect(texts.t('nb', 'a.b', { n: 1 })).toBe('1 goal');
    expect(texts.t('en', 'a.b', { n: 3 })).toBe('3 goals');
    expect(texts.t('en', 'no.such')).toBe('no.such');
  });

  it('shows times in the person’s time zone and dates in their language', () => {
    const texts = new CatalogueTexts(new Map([['en', new Map([['m.at', 'Meet at {when, time, short} on {when, date, long}']])], ['nb', new Map([['m.at', 'Møt kl. {when, time, short} {when, date, long}']])]]), 'en', 'Europe/Oslo');
    const when = new Date('2027-01-15T17:30:00Z');
    expect(texts.t('en', 'm.at', { when })).toBe('Meet at 6:30 PM on January 15, 2027');
    expect(texts.t('nb', 'm.at', { when })).toBe('Møt kl. 18:30 15. januar 2027');
    expect(texts.t('en', 'm.at', { when }, 'America/New_York')).toBe('Meet at 12:30 PM on January 15, 2027');
  });
});
