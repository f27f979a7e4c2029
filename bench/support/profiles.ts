/**
 * Random profiles shaped like real ones (fields, professions, goals and offers in English and
 * Norwegian, Norwegian levels, home languages, regions, times to meet, capacities), from a seeded
 * generator, so every run of a benchmark sees the same people.
 */
import { EMPTY_PROFILE, type LanguageSkill, type Profile } from '../../src/core/domain.js';
import { AVAILABILITY, FIELDS } from '../../src/core/options.js';
import { prng } from '../../test/support/prng.js';

export interface ProfileSource {
  profile(mentor: boolean): Profile;
  pick<T>(items: readonly T[]): T;
}

export function profileSource(seed: number): ProfileSource {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const some = <T>(items: readonly T[], n: number): T[] => [...items].sort(() => random() - 0.5).slice(0, n);

  const PLACES = ['Oslo', 'Bergen', 'Trondheim', 'Stavanger', 'Kristiansand', 'Tromsø', 'Drammen', 'Fredrikstad', 'Lillestrøm', 'Bodø', 'Oslo øst', 'Bergen, Vestland', 'Ålesund', 'Hamar'];
  const PROFESSIONS = ['Accountant', 'Regnskapsfører', 'Sykepleier', 'Nurse', 'Lege', 'Systemutvikler', 'Software developer', 'Ingeniør', 'Lærer', 'Teacher', 'Elektriker', 'Kokk', 'Sjåfør', 'Jurist', 'Økonom', 'Barnehagelærer', 'Helsefagarbeider', 'Data analyst', 'Prosjektleder', 'Selger'];
  const GOALS = [
    'Get my first job as a nurse in Norway', 'Få jobb som sykepleier', 'Get my education approved', 'Få godkjent utdanningen min',
    'Learn how job interviews work here', 'Øve på jobbintervju', 'Build a professional network', 'Bygge nettverk i bransjen',
    'Improve my Norwegian at work', 'Bli bedre i norsk på jobb', 'Understand Norwegian working culture', 'Forstå norsk arbeidsliv',
    'Write a good CV and application', 'Skrive en god CV og søknad', 'Start my own business', 'Starte egen bedrift',
  ];
  const OFFERS = [
    'CV and application feedback', 'Tilbakemelding på CV og søknad', 'Interview practice', 'Intervjutrening', 'My network in the industry',
    'Nettverket mitt i bransjen', 'How Norwegian workplaces work', 'Hvordan norsk arbeidsliv fungerer', 'Practice speaking Norwegian',
    'Øve på norsk', 'Getting education approved', 'Godkjenning av utdanning', 'Starting a business', 'Starte bedrift', 'Leadership and career', 'Karriere og ledelse',
  ];
  const HOME_LANGUAGES = ['ar', 'so', 'ti', 'uk', 'prs', 'fa', 'ps', 'kmr', 'ru', 'am', 'pl', 'tr', 'ur'];
  const LEVELS = ['basic', 'intermediate', 'fluent', 'native'] as const;

  function languages(mentor: boolean): LanguageSkill[] {
    const nb = mentor ? pick(['native', 'native', 'native', 'C1', 'C2', 'B2'] as const) : pick(['A1', 'A2', 'B1', 'B1', 'B2', 'C1'] as const);
    const out: LanguageSkill[] = [{ code: 'nb', level: nb }, { code: 'en', level: pick(LEVELS) }];
    const home = some(HOME_LANGUAGES, mentor ? (random() < 0.3 ? 1 : 0) : 1 + Math.floor(random() * 2));
    for (const code of home) out.push({ code, level: mentor ? pick(LEVELS) : 'native' });
    return out;
  }

  function profile(mentor: boolean): Profile {
    const goals = some(GOALS, 1 + Math.floor(random() * 3));
    return {
      ...EMPTY_PROFILE,
      fullName: 'Bench Person',
      languages: languages(mentor),
      field: pick(FIELDS),
      profession: pick(PROFESSIONS),
      yearsExperience: mentor ? 1 + Math.floor(random() * 30) : Math.floor(random() * 10),
      region: pick(PLACES),
      availability: pick(AVAILABILITY),
      goals: mentor ? [] : goals,
      helpWanted: mentor ? null : some(GOALS, 2).join('. '),
      offer: mentor ? some(OFFERS, 2 + Math.floor(random() * 3)).join(', ') : null,
      capacity: mentor ? 1 + Math.floor(random() * 3) : null,
    };
  }

  return { profile, pick };
}
