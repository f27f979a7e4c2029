/**
 * Matching's score, its reasons as people read them (English and Norwegian, through the real
 * catalogues in prompts/), the hard rules, per-programme weights, and the top three with demand
 * spread over mentors.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE, type Profile } from '../../src/core/domain.js';
import { EXCLUSION_TEXT, reasonText } from '../../src/core/features/matching/reasons.js';
import { type Candidate, exclusions, NO_EXCLUSIONS, type PairScore, scoreOnly, scorePair, type Weights } from '../../src/core/features/matching/score.js';
import { mentorPool, suggestMentors } from '../../src/core/features/matching/suggest.js';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';

const texts = new CatalogueTexts(loadCatalogues(join(import.meta.dirname, '../../prompts')), 'nb', 'Europe/Oslo');

/** The reasons as the reader sees them. */
const read = (score: PairScore, locale: string) =>
  score.reasons.map((r) => withoutMarks(reasonText(r, (key, params) => texts.t(locale, key, params), locale)));

const person = (id: string, profile: Partial<Profile>, extra: Partial<Candidate> = {}): Candidate => ({ id, profile: { ...EMPTY_PROFILE, ...profile }, ...extra });
const ctx = (weights: Weights = {}, ex = NO_EXCLUSIONS) => ({ weights, exclusions: ex });

const amina = person('amina', {
  field: 'finance',
  profession: 'Accountant',
  languages: [
    { code: 'nb', level: 'A2' },
    { code: 'ar', level: 'native' },
    { code: 'en', level: 'fluent' },
  ],
  region: 'Bergen',
  availability: 'weekdayEvening',
  goals: ['Get my first job as an accountant in Norway', 'Understand Norwegian accounting rules'],
  helpWanted: 'CV, job interviews and a professional network',
});
const kari = person('kari', {
  field: 'finance',
  profession: 'Accountant',
  yearsExperience: 12,
  languages: [
    { code: 'nb', level: 'native' },
    { code: 'en', level: 'fluent' },
    { code: 'ar', level: 'intermediate' },
  ],
  region: 'Bergen',
  availability: 'flexible',
  offer: 'I can help with your CV, interview practice and my network in accounting firms',
  capacity: 2,
});
const yonas = person('yonas', {
  field: 'it',
  profession: 'Systemutvikler',
  languages: [
    { code: 'nb', level: 'B1' },
    { code: 'ti', level: 'native' },
    { code: 'en', level: 'intermediate' },
  ],
  region: 'Oslo',
  availability: 'weekend',
  goals: ['Få jobb som utvikler', 'Lære om norsk arbeidsliv'],
  helpWanted: 'Søknader og intervjuer',
});
const ola = person('ola', {
  field: 'health',
  profession: 'Sykepleier',
  yearsExperience: 8,
  languages: [
    { code: 'nb', level: 'native' },
    { code: 'en', level: 'fluent' },
  ],
  region: 'Oslo øst',
  availability: 'weekdayDay',
  offer: 'Hjelp med søknader, intervjutrening og norsk arbeidsliv',
  capacity: 1,
});

describe('scorePair', () => {
  it('scores a close pair fully and says why, in English and Norwegian', () => {
    const score = scorePair(amina, kari, ctx());
    expect(score.excluded).toBeNull();
    expect(score.parts).toEqual({ field: 1, goals: 1, languages: 1, region: 1, availability: 1 });
    expect(score.total).toBe(1);
    expect(read(score, 'en')).toEqual([
      'Same field: Finance and accounting',
      'Same profession: Accountant, 12 years of experience',
      'Goals and offer have in common: accountant, CV, interviews, and network',
      'You both speak Arabic and English',
      'A chance to practise Norwegian: the mentor has Norwegian as mother tongue',
      'Both in Bergen',
      'Both can meet: Weekday evenings',
    ]);
    expect(read(score, 'nb')).toEqual([
      'Samme fagfelt: Økonomi og regnskap',
      'Samme yrke: Accountant, 12 års erfaring',
      'Mål og tilbud har til felles: accountant, CV, interviews og network',
      'Dere snakker begge arabisk og engelsk',
      'En sjanse til å øve på norsk: mentoren har norsk som morsmål',
      'Begge i Bergen',
      'Begge kan møtes: Hverdager, på kvelden',
    ]);
  });

  it('scores a partial pair: Norwegian words in common, a shared place word, no common field or time', () => {
    const score = scorePair(yonas, ola, ctx());
    expect(score.parts).toEqual({ field: 0, goals: 1, languages: 1, region: 1, availability: 0 });
    expect(score.total).toBeCloseTo(0.6, 10);
    expect(read(score, 'nb')).toEqual([
      'Mål og tilbud har til felles: norsk, arbeidsliv, søknader og intervjuer',
      'Dere snakker begge norsk og engelsk',
      'En sjanse til å øve på norsk: mentoren har norsk som morsmål',
      'Begge i Oslo',
    ]);
    expect(read(score, 'en')).toEqual([
      'Goals and offer have in common: norsk, arbeidsliv, søknader, and intervjuer',
      'You both speak Norwegian and English',
      'A chance to practise Norwegian: the mentor has Norwegian as mother tongue',
      'Both in Oslo',
    ]);
  });

  it('names a C-level mentor’s Norwegian, a typed language as written, and same-field experience', () => {
    const mentee = person('m', { field: 'health', profession: 'Lege', languages: [{ code: 'nb', level: 'A1' }, { code: 'Hausa', level: 'native' }] });
    const mentor = person('t', { field: 'health', profession: 'Sykepleier', yearsExperience: 1, languages: [{ code: 'nb', level: 'C1' }, { code: 'Hausa', level: 'fluent' }], capacity: 1 });
    expect(read(scorePair(mentee, mentor, ctx()), 'en')).toEqual([
      'You both speak Hausa',
      'A chance to practise Norwegian: the mentor speaks Norwegian at level C1',
      'Same field: Health and care',
      'Sykepleier, 1 year of experience',
    ]);
    expect(read(scorePair(mentee, mentor, ctx()), 'nb')).toContain('Sykepleier, 1 års erfaring');
  });

  it('offers Norwegian practice only below B2, and not to a mentee who does not want it', () => {
    const withLevel = (level: 'B2' | 'B1', wants?: boolean) =>
      person('m', { languages: [{ code: 'nb', level }] }, wants === undefined ? {} : { wantsNorwegianPractice: wants });
    const keys = (m: Candidate) => scorePair(m, kari, ctx()).reasons.map((r) => r.key);
    expect(keys(withLevel('B1'))).toContain('matching.reasonPractiseNative');
    expect(keys(withLevel('B2'))).not.toContain('matching.reasonPractiseNative');
    expect(keys(withLevel('B1', false))).not.toContain('matching.reasonPractiseNative');
    // Basic Arabic is no language to hold a mentoring conversation in.
    const basic = person('m', { languages: [{ code: 'ar', level: 'basic' }] }, { wantsNorwegianPractice: false });
    expect(scorePair(basic, kari, ctx()).parts.languages).toBe(0);
  });

  it('gives no reason a bare number', () => {
    for (const [a, b] of [[amina, kari], [yonas, ola], [amina, ola], [yonas, kari]] as const) {
      for (const locale of ['en', 'nb']) for (const line of read(scorePair(a, b, ctx()), locale)) expect(line).not.toMatch(/\d\.\d|%|^\d+$/);
    }
  });
});

describe('hard rules', () => {
  const excluded = (mentee: Candidate, mentor: Candidate, ex = NO_EXCLUSIONS) => {
    const score = scorePair(mentee, mentor, ctx({}, ex));
    if (score.excluded) expect(score).toMatchObject({ total: 0, reasons: [] });
    expect(scoreOnly(mentee, mentor, ctx({}, ex))).toBe(score.excluded ? null : score.total);
    return score.excluded;
  };

  it('excludes a mentor without free places (paused, or full)', () => {
    expect(excluded(amina, kari)).toBeNull();
    expect(excluded(amina, { ...kari, freePlaces: 0 })).toBe('noCapacity');
    expect(excluded(amina, person('k', { ...kari.profile, capacity: null }))).toBe('noCapacity');
  });

  it('excludes a pair either side asked not to be matched, in both directions', () => {
    expect(excluded(amina, kari, exclusions({ doNotMatch: [['amina', 'kari']] }))).toBe('doNotMatch');
    expect(excluded(amina, kari, exclusions({ doNotMatch: [['kari', 'amina']] }))).toBe('doNotMatch');
    expect(excluded(amina, kari, exclusions({ doNotMatch: [['kari', 'ola']] }))).toBeNull();
  });

  it('excludes colleagues only where the programme says so', () => {
    const atWork = (c: Candidate, employer: string) => ({ ...c, employer });
    const same = exclusions({ excludeSameEmployer: true });
    expect(excluded(atWork(amina, 'Equinor ASA'), atWork(kari, 'equinor'), same)).toBe('sameEmployer');
    expect(excluded(atWork(amina, 'Equinor ASA'), atWork(kari, 'equinor'))).toBeNull();
    expect(excluded(atWork(amina, 'Equinor'), atWork(kari, 'DNB'), same)).toBeNull();
    expect(excluded(amina, kari, same)).toBeNull();
  });

  it('excludes a pair whose earlier match ended, and a person paired with themselves', () => {
    expect(excluded(amina, kari, exclusions({ endedBefore: [['amina', 'kari']] }))).toBe('endedBefore');
    expect(excluded(amina, { ...amina, freePlaces: 1 })).toBe('samePerson');
  });

  it('excludes a pair with no language to meet in, unless she has enough Norwegian to practise with a fluent mentor', () => {
    const tigrinyaOnly = person('selam', { languages: [{ code: 'ti', level: 'native' }], field: 'finance', region: 'Bergen', goals: ['Work as an accountant'] });
    const norwegianOnly = person('per', { languages: [{ code: 'nb', level: 'native' }], field: 'finance', region: 'Bergen', offer: 'Accounting work in Norway', capacity: 1 });
    expect(excluded(tigrinyaOnly, norwegianOnly)).toBe('noCommonLanguage');
    expect(suggestMentors(tigrinyaOnly, [norwegianOnly])).toEqual([]);
    expect(scoreOnly(tigrinyaOnly, norwegianOnly, ctx())).toBeNull();
    const someNorwegian = person('selam2', { ...tigrinyaOnly.profile, languages: [{ code: 'ti', level: 'native' }, { code: 'nb', level: 'A2' }] });
    expect(excluded(someNorwegian, norwegianOnly)).toBeNull();
    expect(suggestMentors(someNorwegian, [norwegianOnly]).map((s) => s.mentor.id)).toEqual(['per']);
    // A1 is not enough to hold a meeting in; a language both speak at B1 or better is.
    const a1 = person('selam3', { ...tigrinyaOnly.profile, languages: [{ code: 'ti', level: 'native' }, { code: 'nb', level: 'A1' }] });
    expect(excluded(a1, norwegianOnly)).toBe('noCommonLanguage');
    expect(excluded(tigrinyaOnly, person('tesfay', { ...norwegianOnly.profile, languages: [{ code: 'ti', level: 'intermediate' }] }))).toBeNull();
  });

  it('names each rule in both languages', () => {
    for (const key of Object.values(EXCLUSION_TEXT)) for (const locale of ['en', 'nb']) expect(texts.has(locale, key)).toBe(true);
  });
});

describe('weights', () => {
  it('switches a criterion off with 0: no share of the total and no reason', () => {
    const noLanguages = scorePair(yonas, ola, ctx({ languages: 0 }));
    expect(noLanguages.total).toBeCloseTo(2 / 4, 10);
    expect(noLanguages.reasons.map((r) => r.key)).not.toContain('matching.reasonLanguages');
    expect(noLanguages.reasons.map((r) => r.key)).not.toContain('matching.reasonPractiseNative');
    expect(scorePair(yonas, ola, ctx({ availability: 0 })).total).toBeCloseTo(3 / 4, 10);
    expect(scorePair(yonas, ola, ctx({ field: 0, goals: 0, languages: 0, region: 0, availability: 0 }))).toMatchObject({ total: 0, reasons: [] });
  });

  it('lets a heavier criterion count more and speak first', () => {
    const score = scorePair(yonas, ola, ctx({ region: 3 }));
    expect(score.total).toBeCloseTo((1 + 1 + 3) / 7, 10);
    expect(score.reasons[0]?.key).toBe('matching.reasonRegion');
  });
});

describe('suggestMentors', () => {
  const mentors = [kari, ola, person('nils', { ...kari.profile, region: 'Tromsø', offer: 'Nettverk', capacity: 1 }), { ...kari, id: 'full', freePlaces: 0 }];

  it('gives the best mentors first with their reasons, each score exactly the pair’s', () => {
    for (const mentee of [amina, yonas]) {
      const got = suggestMentors(mentee, mentors, { count: 10 });
      const expected = mentors
        .map((m) => ({ id: m.id, score: scorePair(mentee, m, ctx()) }))
        .filter((s) => !s.score.excluded && s.score.total > 0)
        .sort((a, b) => b.score.total - a.score.total || (a.id < b.id ? -1 : 1));
      expect(got.map((s) => [s.mentor.id, s.score])).toEqual(expected.map((s) => [s.id, s.score]));
      expect(got.map((s) => s.mentor.id)).not.toContain('full');
    }
    expect(suggestMentors(amina, mentors).map((s) => s.mentor.id)).toEqual(['kari', 'nils', 'ola']);
    expect(suggestMentors(amina, mentors, { count: 1 })).toHaveLength(1);
  });

  it('leaves out excluded mentors and mentors with nothing in common', () => {
    const ex = exclusions({ doNotMatch: [['kari', 'amina']] });
    expect(suggestMentors(amina, mentors, { exclusions: ex }).map((s) => s.mentor.id)).toEqual(['nils', 'ola']);
    const stranger = person('x', { field: 'law', region: 'Kirkenes', availability: 'weekend', goals: ['Bli dommer'] });
    const nothing = person('y', { field: 'media', region: 'Hamar', availability: 'weekdayDay', offer: 'Foto', capacity: 2 });
    expect(suggestMentors(stranger, [nothing])).toEqual([]);
  });

  it('orders equal scores by id, whatever order the mentors come in', () => {
    const twin = (id: string) => ({ ...kari, id });
    const ids = (list: Candidate[]) => suggestMentors(amina, list, { count: 3 }).map((s) => s.mentor.id);
    expect(ids([twin('c'), twin('a'), twin('d'), twin('b')])).toEqual(['a', 'b', 'c']);
    expect(ids([twin('b'), twin('d'), twin('a'), twin('c')])).toEqual(['a', 'b', 'c']);
  });

  /** Suggestions for each mentee in turn, each one shown counted as demand (or not). */
  const run = (mentees: Candidate[], pool: ReturnType<typeof mentorPool>, countDemand: boolean) => {
    const demand = new Map<string, number>();
    return mentees.map((mentee) => {
      const shown = suggestMentors(mentee, pool, { demand: countDemand ? demand : new Map() });
      for (const s of shown) demand.set(s.mentor.id, (demand.get(s.mentor.id) ?? 0) + 1);
      return shown;
    });
  };
  const star = person('star', { ...kari.profile, capacity: 1 });
  const mentees = Array.from({ length: 20 }, (_, i) => ({ ...amina, id: `mentee${i}` }));
  const firstIsStar = (lists: { mentor: Candidate }[][]) => lists.filter((shown) => shown[0]?.mentor.id === 'star').length;

  it('spreads demand: a mentor with one free place is first for one mentee of twenty, not all', () => {
    // Twelve mentors who fit a little less well, with five places each: room for every suggestion.
    const others = Array.from({ length: 12 }, (_, i) => person(`o${i}`, { ...kari.profile, region: 'Oslo', capacity: 5 }));
    const pool = mentorPool([...others, star]);
    // Without demand, the star is everyone's first choice: the problem spreading solves.
    expect(firstIsStar(run(mentees, pool, false))).toBe(20);
    const spread = run(mentees, pool, true);
    expect(firstIsStar(spread)).toBe(1);
    expect(spread.flat().filter((s) => s.mentor.id === 'star')).toHaveLength(1);
  });

  it('when demand exceeds every place, shows each mentor about in proportion to their places', () => {
    const others = Array.from({ length: 4 }, (_, i) => person(`o${i}`, { ...kari.profile, region: 'Oslo', capacity: 1 }));
    const spread = run(mentees, mentorPool([...others, star]), true);
    // Five single places, sixty suggestions: about twelve each, and first about one list in five.
    const shown = spread.flat().filter((s) => s.mentor.id === 'star').length;
    expect(shown).toBeGreaterThanOrEqual(11);
    expect(shown).toBeLessThanOrEqual(13);
    expect(firstIsStar(spread)).toBeLessThanOrEqual(5);
  });

  it('still shows a busy mentor when nobody with room fits, marked busy and ranked last', () => {
    const demand = new Map([['kari', 2]]);
    const got = suggestMentors(amina, [kari, ola], { demand });
    expect(got.map((s) => [s.mentor.id, s.busy])).toEqual([
      ['ola', false],
      ['kari', true],
    ]);
  });
});
