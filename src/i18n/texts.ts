/**
 * Texts from prompts/<locale>/<namespace>.json, in ICU MessageFormat through intl-messageformat
 * (plurals and word order differ between languages: Norwegian has two plural forms, Arabic six,
 * so no string concatenation). Dates and numbers are formatted with Intl in the person's locale
 * and the deployment's time zone. A missing key falls back to the default locale, then to the key
 * itself, so a gap in a translation shows as English, never as a crash.
 *
 * A string put into a text by `{name}` is someone's words (a name, a goal, a programme's name):
 * it goes in as a literal span (src/core/kernel/rich-text.ts), so its `*`, `_` or line breaks
 * never become the bot's emphasis. A text made here and passed on as another's parameter keeps
 * its own emphasis: it is recognised by the literal spans it already holds (people cannot type
 * the marks) or, having no parameters, by being exactly one of the catalogues' texts.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { LITERAL_OPEN, literal } from '../core/kernel/rich-text.js';
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
  private readonly formats = new Map<string, { format: IntlMessageFormat; simple: ReadonlySet<string> }>();
  private readonly order: string[];
  /** Every text without parameters, as formatted (built when first needed). */
  private argumentFree: Set<string> | null = null;

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
    let cached = this.formats.get(cacheKey);
    if (!cached) {
      // intl-messageformat merges these into its own defaults, so they name components (not dateStyle).
      const format = new IntlMessageFormat(source, use, {
        date: {
          short: { day: 'numeric', month: 'numeric', year: '2-digit', timeZone },
          medium: { day: 'numeric', month: 'short', year: 'numeric', timeZone },
          long: { day: 'numeric', month: 'long', year: 'numeric', timeZone },
          full: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone },
        },
        time: { short: { hour: 'numeric', minute: 'numeric', timeZone }, medium: { hour: 'numeric', minute: 'numeric', second: 'numeric', timeZone } },
      });
      cached = { format, simple: simpleArguments(format.getAst()) };
      this.formats.set(cacheKey, cached);
    }
    return String(cached.format.format(params ? this.literalParams(params, cached.simple) : {}));
  }

  /** Strings for plain `{name}` arguments become literal spans; a select's key, numbers and dates stay as given. */
  private literalParams(params: Record<string, string | number | Date>, simple: ReadonlySet<string>): Record<string, string | number | Date> {
    const out: Record<string, string | number | Date> = {};
    for (const [name, value] of Object.entries(params)) {
      out[name] = typeof value === 'string' && simple.has(name) && !this.madeHere(value) ? literal(value) : value;
    }
    return out;
  }

  private madeHere(value: string): boolean {
    if (value.includes(LITERAL_OPEN)) return true;
    if (!this.argumentFree) {
      this.argumentFree = new Set();
      for (const [locale, catalogue] of this.catalogues) {
        for (const source of catalogue.values()) {
          try {
            this.argumentFree.add(String(new IntlMessageFormat(source, locale).format()));
          } catch (error) {
            // A text with arguments cannot be formatted without them: it is not one of these.
            if (!(error instanceof Error)) throw error;
          }
        }
      }
    }
    return this.argumentFree.has(value);
  }
}

// icu-messageformat-parser's element types: 1 is a plain argument `{name}`.
const ARGUMENT = 1;

/** Names used as plain `{name}` arguments anywhere in the message (inside plurals and tags too). */
function simpleArguments(ast: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const element = node as { type?: unknown; value?: unknown; options?: Record<string, { value?: unknown }>; children?: unknown };
    if (element.type === ARGUMENT && typeof element.value === 'string') names.add(element.value);
    for (const option of Object.values(element.options ?? {})) walk(option.value);
    walk(element.children);
  };
  walk(ast);
  return names;
}
