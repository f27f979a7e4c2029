/**
 * Texts from prompts/<locale>/<namespace>.json, in ICU MessageFormat through intl-messageformat
 * (plurals and word order differ between languages: Norwegian has two plural forms, Arabic six,
 * so no string concatenation). Dates and numbers are formatted with Intl in the person's locale
 * and the deployment's time zone. A missing key falls back to the default locale, then to the key
 * itself, so a gap in a translation shows as English, never as a crash.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Texts } from '../core/ports.js';

export type Catalogue = Map<string, string>;

/** Reads every locale folder under `dir` into flat `namespace.key` catalogues. */
export function loadCatalogues(dir: string): Map<string, Catalogue> {
  const out = new Map<string, Catalogue>();
  for (const locale of readdirSync(dir).sort()) {
    const folder = join(dir, locale);
    if (!statSync(folder).isDirectory() || !/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(locale)) continue;
    const catalogue: Catalogue = new Map();
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
      const namespace = file.slice(0, -'.json'.length);
      const data: unknown = JSON.parse(readFileSync(join(folder, file), 'utf8'));
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${locale}/${file}: expected an object of texts`);
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string') throw new Error(`${locale}/${file}: ${key} must be a string`);
        catalogue.set(`${namespace}.${key}`, value);
      }
    }
    out.set(locale, catalogue);
  }
  return out;
}

export class CatalogueTexts implements Texts {
  private readonly formats = new Map<string, IntlMessageFormat>();
  private readonly order: string[];

  constructor(
    private readonly catalogues: Map<string, Catalogue>,
    private readonly defaultLocale: string,
    private readonly timeZone: string,
  ) {
    if (!catalogues.has(defaultLocale)) throw new Error(`prompts/ has no folder for the default locale "${defaultLocale}"`);
    this.order = [defaultLocale, ...[...catalogues.keys()].filter((l) => l !== defaultLocale)];
  }

  locales(): readonly string[] {
    return this.order;
  }

  has(locale: string, key: string): boolean {
    return this.catalogues.get(locale)?.has(key) ?? false;
  }

  t(locale: string, key: string, params?: Record<string, string | number | Date>, timeZone = this.timeZone): string {
    const use = this.has(locale, key) ? locale : this.defaultLocale;
    const source = this.catalogues.get(use)?.get(key);
    if (source === undefined) return key;
    const cacheKey = `${use}\u0000${key}\u0000${timeZone}`;
    let format = this.formats.get(cacheKey);
    if (!format) {
      // intl-messageformat merges these into its own defaults, so they name components (not dateStyle).
      format = new IntlMessageFormat(source, use, {
        date: {
          short: { day: 'numeric', month: 'numeric', year: '2-digit', timeZone },
          medium: { day: 'numeric', month: 'short', year: 'numeric', timeZone },
          long: { day: 'numeric', month: 'long', year: 'numeric', timeZone },
          full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone },
        },
        time: { short: { hour: 'numeric', minute: 'numeric', timeZone }, medium: { hour: 'numeric', minute: 'numeric', second: 'numeric', timeZone } },
      });
      this.formats.set(cacheKey, format);
    }
    return String(format.format(params ?? {}));
  }
}
