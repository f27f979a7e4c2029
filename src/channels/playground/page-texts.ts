/**
 * GET /playground/texts — the page's own words (prompts/<locale>/playground.json, and the few
 * errors the page checks itself before sending) as ICU templates, in the viewer's language: the
 * chosen person's (`?user=`), or before anyone is chosen the browser's (`?lang=nb-NO,en`). The
 * page formats them itself (public/format.js) because some take numbers only it knows, such as
 * how many characters were typed. Also the free-text limit the core applies to messages, so the
 * message box says it before anyone types.
 */
import { fileURLToPath } from 'node:url';
import type { RequestHandler } from 'express';
import { MAX_TEXT_LENGTH } from '../../core/messages.js';
import type { Texts } from '../../core/ports.js';
import { type Catalogue, loadCatalogues } from '../../i18n/texts.js';
import type { PlaygroundDirectory } from './directory.js';

/** The checks the page makes before sending use the core's own words for them. */
const CORE_KEYS = ['errors.tooLong', 'errors.required', 'errors.tooMany'] as const;

/** prompts/ beside the code, as the app reads it by default (PROMPTS_DIR=./prompts). */
export const DEFAULT_PROMPTS_DIR = fileURLToPath(new URL('../../../prompts/', import.meta.url));

export interface PageTextDeps {
  texts: Pick<Texts, 'locales'>;
  directory: Pick<PlaygroundDirectory, 'people'>;
  promptsDir: string;
}

export interface PageTexts {
  locale: string;
  texts: Record<string, string>;
  limits: { text: number };
}

export function pageTextsHandler(deps: PageTextDeps): RequestHandler {
  let catalogues: Map<string, Catalogue> | undefined;
  return async (req, res) => {
    catalogues ??= loadCatalogues(deps.promptsDir);
    const wanted = await wantedLocales(deps, req.query.user, req.query.lang);
    res.set('Cache-Control', 'no-store');
    const available = deps.texts.locales();
    res.json(pageTexts(catalogues, pickLocale(wanted, available), available[0] ?? 'en'));
  };
}

export function pageTexts(catalogues: ReadonlyMap<string, Catalogue>, locale: string, defaultLocale: string): PageTexts {
  const own = catalogues.get(locale);
  const fallback = catalogues.get(defaultLocale);
  const keys = new Set([...(fallback?.keys() ?? []), ...(own?.keys() ?? [])].filter((k) => k.startsWith('playground.')));
  for (const key of CORE_KEYS) keys.add(key);
  const texts: Record<string, string> = {};
  // A key missing in this language falls back as the bot's own texts do (src/i18n/texts.ts).
  for (const key of keys) texts[key] = own?.get(key) ?? fallback?.get(key) ?? key;
  return { locale, texts, limits: { text: MAX_TEXT_LENGTH } };
}

async function wantedLocales(deps: PageTextDeps, user: unknown, lang: unknown): Promise<string[]> {
  if (typeof user === 'string' && user !== '') {
    const person = (await deps.directory.people()).find((p) => p.externalId === user);
    if (person) return [person.locale];
  }
  return typeof lang === 'string' ? lang.split(',').map((l) => l.trim()).filter(Boolean).slice(0, 10) : [];
}

/** The first wanted language prompts/ has ("nb-NO" → nb; "no" and "nn" read Bokmål best); else the default. */
export function pickLocale(wanted: readonly string[], available: readonly string[]): string {
  for (const tag of wanted) {
    const lower = tag.toLowerCase();
    const primary = lower.split('-')[0] ?? lower;
    const hit = available.find((a) => a.toLowerCase() === lower) ?? available.find((a) => a.toLowerCase() === primary) ?? (primary === 'no' || primary === 'nn' ? available.find((a) => a === 'nb') : undefined);
    if (hit) return hit;
  }
  return available[0] ?? 'en';
}
