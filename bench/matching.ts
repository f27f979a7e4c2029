/**
 * How long matching's suggestions take: the top three for one mentee against 2,000 mentors, and
 * for all 2,000 mentees against the same 2,000 (one after another, each list's mentors counted as
 * demand for the next, as the bot would). Profiles are random but shaped like real ones (fields,
 * professions, goals and offers in English and Norwegian, Norwegian levels, places, times), from a
 * seeded generator, so every run scores the same pairs.
 *
 *   npx tsx bench/matching.ts [mentees=2000] [mentors=2000] [seed=1]
 *
 * Target: all of it under 1 s.
 */
import { performance } from 'node:perf_hooks';
import { EMPTY_PROFILE, type LanguageSkill, type Profile } from '../src/core/domain.js';
import { exclusions, type Candidate } from '../src/core/features/matching/score.js';
import { mentorPool, suggestMentors } from '../src/core/features/matching/suggest.js';
import { AVAILABILITY, FIELDS } from '../src/core/options.js';
import { prng } from '../test/support/prng.js';

const MENTEES = Number(process.argv[2] ?? 2000);
const MENTORS = Number(process.argv[3] ?? 2000);
const SEED = Number(process.argv[4] ?? 1);

const random = prng(SEED);
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

const mentees: Candidate[] = Array.from({ length: MENTEES }, (_, i) => ({ id: `mentee${String(i).padStart(5, '0')}`, profile: profile(false) }));
const mentors: Candidate[] = Array.from({ length: MENTORS }, (_, i) => ({ id: `mentor${String(i).padStart(5, '0')}`, profile: profile(true) }));
// A few hard rules in play, as a real programme has.
const rules = exclusions({
  doNotMatch: Array.from({ length: 50 }, () => [pick(mentees).id, pick(mentors).id] as const),
  endedBefore: Array.from({ length: 100 }, () => [pick(mentees).id, pick(mentors).id] as const),
});

const ms = (from: number) => `${(performance.now() - from).toFixed(1)} ms`;

// One mentee, cold: the mentor list is indexed as part of the call.
let t = performance.now();
const one = suggestMentors(mentees[0]!, mentors, { exclusions: rules });
console.log(`top three for one mentee against ${MENTORS} mentors (cold, indexing included): ${ms(t)}`);
t = performance.now();
suggestMentors(mentees[1]!, mentors, { exclusions: rules });
console.log(`top three for one mentee against ${MENTORS} mentors (again, indexing included): ${ms(t)}`);
const pool = mentorPool(mentors);
t = performance.now();
suggestMentors(mentees[2]!, pool, { exclusions: rules });
console.log(`top three for one mentee against an indexed pool: ${ms(t)}`);

// Everyone, with demand counted as the lists go out.
t = performance.now();
const all = mentorPool(mentors);
const demand = new Map<string, number>();
const firsts = new Map<string, number>();
let empty = 0;
for (const mentee of mentees) {
  const shown = suggestMentors(mentee, all, { exclusions: rules, demand });
  if (shown.length === 0) empty++;
  if (shown[0]) firsts.set(shown[0].mentor.id, (firsts.get(shown[0].mentor.id) ?? 0) + 1);
  for (const s of shown) demand.set(s.mentor.id, (demand.get(s.mentor.id) ?? 0) + 1);
}
console.log(`top three for all ${MENTEES} mentees against ${MENTORS} mentors (indexing included): ${ms(t)}`);
console.log(
  `  ${firsts.size} different first choices; most often first: ${Math.max(...firsts.values())} times; ${demand.size} mentors shown; ${empty} mentees with no suggestion`,
);
console.log(`  e.g. ${one[0]?.mentor.id}: ${one[0]?.score.reasons.map((r) => r.key.replace('matching.', '')).join(', ')}`);
