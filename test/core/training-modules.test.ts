/**
 * The training content holds together: every module's texts exist in every locale (read from the
 * real prompts/), screens are few and short enough for a phone in a second language, emphasis
 * is only the bot's own *bold*, used sparingly, each module ends with a question, mentors and
 * mentees both get the core modules plus a follow-up, and training.json has no orphan texts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRAINING_MODULES, trainingModulesFor } from '../../src/core/features/training/modules.js';
import { parseRich, plainText } from '../../src/core/kernel/rich-text.js';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';

const catalogues = loadCatalogues(join(import.meta.dirname, '../../prompts'));
const texts = new CatalogueTexts(catalogues, 'en', 'Europe/Oslo');
const LOCALES = [...catalogues.keys()];
const MAX_SCREEN = 600;
const MAX_TITLE = 60;

const keysOf = (m: (typeof TRAINING_MODULES)[number]) => [m.titleKey, ...m.screens, m.reflectionKey];
const allKeys = TRAINING_MODULES.flatMap(keysOf);

/** Modules everyone takes before matching, whatever their role. */
const SHARED_CORE = ['what-mentoring-is', 'roles', 'good-relationship', 'four-ways-of-helping', 'ethics', 'cultures'];

describe('training modules', () => {
  it('have unique, stable-looking ids and use each text once', () => {
    const ids = TRAINING_MODULES.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(new Set(allKeys).size).toBe(allKeys.length);
    for (const key of allKeys) expect(key).toMatch(/^training\.[a-zA-Z0-9]+$/);
  });

  it('have every text in both English and Norwegian', () => {
    expect(LOCALES).toEqual(expect.arrayContaining(['en', 'nb']));
    for (const locale of LOCALES) {
      const missing = allKeys.filter((key) => !texts.has(locale, key));
      expect(missing, locale).toEqual([]);
    }
  });

  it('leave no text in training.json unused', () => {
    for (const locale of LOCALES) {
      const inCatalogue = [...(catalogues.get(locale)?.keys() ?? [])].filter((k) => k.startsWith('training.'));
      expect(inCatalogue.length, locale).toBeGreaterThan(0);
      expect(inCatalogue.filter((k) => !allKeys.includes(k)), locale).toEqual([]);
    }
  });

  it('have 2 to 5 screens, each short, and a short title', () => {
    for (const m of TRAINING_MODULES) {
      expect(m.screens.length, m.id).toBeGreaterThanOrEqual(2);
      expect(m.screens.length, m.id).toBeLessThanOrEqual(5);
      for (const locale of LOCALES) {
        for (const key of [...m.screens, m.reflectionKey]) {
          expect(texts.t(locale, key).length, `${locale} ${key}`).toBeLessThan(MAX_SCREEN);
        }
        expect(texts.t(locale, m.titleKey).length, `${locale} ${m.titleKey}`).toBeLessThanOrEqual(MAX_TITLE);
      }
    }
  });

  it('use only the bot’s *bold*, at most twice a screen, and no other markup or placeholders', () => {
    for (const locale of LOCALES) {
      for (const key of allKeys) {
        const text = texts.t(locale, key);
        const label = `${locale} ${key}`;
        const spans = parseRich(text).flat();
        expect(spans.filter((s) => s.italic), label).toEqual([]);
        expect(spans.filter((s) => s.bold).length, label).toBeLessThanOrEqual(2);
        // Every marker was read as emphasis: none is left over to show as a stray character.
        expect(plainText(text), label).not.toMatch(/[*_]/);
        expect(text, label).not.toMatch(/[#`<>[\]{}~]|\*\*/);
      }
    }
  });

  it('end each module with one reflection question', () => {
    for (const m of TRAINING_MODULES) {
      for (const locale of LOCALES) {
        const question = texts.t(locale, m.reflectionKey);
        expect(question.trim().endsWith('?'), `${locale} ${m.reflectionKey}`).toBe(true);
        expect(question, `${locale} ${m.reflectionKey}`).not.toContain('\n');
      }
    }
  });

  it('give mentors and mentees the core modules before matching, and follow-ups for later', () => {
    const followUps = TRAINING_MODULES.filter((m) => m.followUp);
    expect(followUps.length).toBeGreaterThanOrEqual(1);
    expect(followUps.length).toBeLessThanOrEqual(2);
    const mentee = trainingModulesFor('mentee', false).map((m) => m.id);
    const mentor = trainingModulesFor('mentor', false).map((m) => m.id);
    expect(mentee).toEqual(expect.arrayContaining([...SHARED_CORE, 'using-your-mentor']));
    expect(mentor).toEqual(expect.arrayContaining([...SHARED_CORE, 'being-a-mentor']));
    expect(mentee).not.toContain('being-a-mentor');
    expect(mentor).not.toContain('using-your-mentor');
    for (const role of ['mentor', 'mentee'] as const) {
      const later = trainingModulesFor(role, true);
      expect(later.length, role).toBeGreaterThanOrEqual(1);
      expect(later.every((m) => m.followUp)).toBe(true);
    }
  });
});
