/**
 * How well a mentor fits a mentee, from their profiles, and why: five criteria scored 0–1 each,
 * weighted per programme, and hard rules that exclude a pair whatever its score. The reasons are
 * texts (`matching.reason…`, rendered by `reasonText` in reasons.ts), never the number: people see
 * "You both speak Arabic and English", not 0.73.
 *
 * Pure and deterministic: no clock, no randomness, no I/O. The per-person work (folding words,
 * reading levels) is done once per Candidate object and kept (see `featuresOf`), so scoring many
 * pairs costs little; treat a Candidate as immutable once it has been scored.
 */
import type { Msg } from '../../engine/types.js';
import type { Profile } from '../../domain.js';
import { buildReasons } from './reasons.js';
import { employerKey, stems } from './words.js';

export const CRITERIA = ['field', 'goals', 'languages', 'region', 'availability'] as const;
export type Criterion = (typeof CRITERIA)[number];

/** Per programme; a criterion left out weighs 1, and 0 switches it off (no score, no reason). */
export type Weights = Partial<Record<Criterion, number>>;

/** A person as matching sees them: the profile, plus what the profile does not hold (yet). */
export interface Candidate {
  /** The id exclusions and demand use (the person's id, or the membership's: one kind throughout). */
  id: string;
  profile: Profile;
  /** Where they work; only compared when the programme excludes pairs from the same employer. */
  employer?: string | null;
  /** A mentor's places still free (capacity minus active matches; 0 when paused). Default: profile.capacity. */
  freePlaces?: number;
  /** A mentee's wish to practise Norwegian. Default: yes when their Norwegian is below B2. */
  wantsNorwegianPractice?: boolean;
}

export type ExclusionReason = 'samePerson' | 'doNotMatch' | 'endedBefore' | 'sameEmployer' | 'noCommonLanguage' | 'noCapacity';

/** Hard rules; build with `exclusions()`, which makes each pair count in both directions. */
export interface Exclusions {
  /** Person id → people they must not be suggested with (asked by either side). */
  readonly doNotMatch: ReadonlyMap<string, ReadonlySet<string>>;
  /** Person id → people they were matched with before, in a match that ended. */
  readonly endedBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** The programme keeps colleagues apart. */
  readonly sameEmployer: boolean;
}

type Pairs = Iterable<readonly [string, string]>;

export function exclusions(input: { doNotMatch?: Pairs; endedBefore?: Pairs; excludeSameEmployer?: boolean } = {}): Exclusions {
  const both = (pairs: Pairs | undefined) => {
    const out = new Map<string, Set<string>>();
    const add = (a: string, b: string) => (out.get(a) ?? out.set(a, new Set()).get(a)!).add(b);
    for (const [a, b] of pairs ?? []) {
      add(a, b);
      add(b, a);
    }
    return out;
  };
  return { doNotMatch: both(input.doNotMatch), endedBefore: both(input.endedBefore), sameEmployer: input.excludeSameEmployer ?? false };
}

export const NO_EXCLUSIONS: Exclusions = exclusions();

export interface ScoreContext {
  weights: Weights;
  exclusions: Exclusions;
}

export interface PairScore {
  excluded: ExclusionReason | null;
  /** Weighted mean of the parts, 0–1 (0 when excluded or every weight is 0). For ranking only. */
  total: number;
  parts: Record<Criterion, number>;
  /** Strongest first; empty when excluded. */
  reasons: Msg[];
}

/**
 * Levels on one scale, so "both speak it usefully" and "below B2" mean one thing for Norwegian
 * (CEFR) and for the plain steps of other languages (basic ≈ A2, intermediate ≈ B1, fluent ≈ C1).
 */
const LEVEL_RANK: Record<string, number> = { A1: 1, A2: 2, basic: 2, B1: 3, intermediate: 3, B2: 4, C1: 5, fluent: 5, C2: 5.5, native: 6 };
/** From B1 / intermediate up, two people can hold a mentoring conversation in a language. */
const USEFUL = 3;
/** Below B2 a mentee gains from practice; C1 and up (or mother tongue) a mentor gives good practice. */
const PRACTICE_BELOW = 4;
const PRACTICE_FROM = 5;
/** With A2 Norwegian a mentee can hold a simple conversation with a mentor whose Norwegian is good, and practise. */
const TALK_IN_NORWEGIAN_FROM = 2;

/** What scoring needs of one person, worked out once. */
export interface Features {
  id: string;
  field: string | null;
  profession: Map<string, string>;
  /** A mentee's goals and wishes. */
  wants: Map<string, string>;
  /** A mentor's offer, profession and education. */
  offers: Map<string, string>;
  /** Languages spoken usefully, in the person's order. */
  useful: string[];
  norwegian: number;
  wantsPractice: boolean;
  region: Map<string, string>;
  availability: string | null;
  employer: string | null;
  freePlaces: number;
  candidate: Candidate;
}

const cache = new WeakMap<Candidate, Features>();

export function featuresOf(c: Candidate): Features {
  const known = cache.get(c);
  if (known) return known;
  const p = c.profile;
  const norwegian = LEVEL_RANK[p.languages.find((l) => l.code === 'nb')?.level ?? ''] ?? 0;
  const features: Features = {
    id: c.id,
    field: p.field && p.field !== 'other' ? p.field : null,
    profession: stems(p.profession),
    wants: stems(...p.goals, p.helpWanted),
    offers: stems(p.offer, p.profession, p.education),
    useful: p.languages.filter((l) => (LEVEL_RANK[l.level] ?? 0) >= USEFUL).map((l) => l.code),
    norwegian,
    wantsPractice: c.wantsNorwegianPractice ?? norwegian < PRACTICE_BELOW,
    // A region is a place name or two ("Oslo", "Bergen, Vestland"): any word in common counts.
    region: stems(p.region),
    availability: p.availability,
    employer: employerKey(c.employer),
    freePlaces: c.freePlaces ?? p.capacity ?? 0,
    candidate: c,
  };
  cache.set(c, features);
  return features;
}

/** The hard rules, permanent ones first, so a pair never shows as "no places" when it may never be one. */
export function exclusionOf(mentee: Features, mentor: Features, ex: Exclusions): ExclusionReason | null {
  if (mentee.id === mentor.id) return 'samePerson';
  // `exclusions()` lists every pair under both people, so the mentee's side is enough.
  if (ex.doNotMatch.get(mentee.id)?.has(mentor.id)) return 'doNotMatch';
  if (ex.endedBefore.get(mentee.id)?.has(mentor.id)) return 'endedBefore';
  if (ex.sameEmployer && mentee.employer !== null && mentee.employer === mentor.employer) return 'sameEmployer';
  if (!canTalk(mentee, mentor, mentee.useful.some((code) => mentor.useful.includes(code)) ? 1 : 0)) return 'noCommonLanguage';
  if (mentor.freePlaces <= 0) return 'noCapacity';
  return null;
}

/** What two profiles have in common, as counts: the one input of the parts. */
export interface Overlap {
  sameField: boolean;
  profession: number;
  goals: number;
  languages: number;
  practice: boolean;
  region: boolean;
  availability: boolean;
}

export function overlapOf(mentee: Features, mentor: Features): Overlap {
  const shared = (a: Map<string, string>, b: Map<string, string>) => {
    let n = 0;
    for (const k of a.keys()) if (b.has(k)) n++;
    return n;
  };
  return {
    sameField: mentee.field !== null && mentee.field === mentor.field,
    profession: shared(mentee.profession, mentor.profession),
    goals: shared(mentee.wants, mentor.offers),
    languages: mentee.useful.filter((code) => mentor.useful.includes(code)).length,
    practice: practiceFits(mentee, mentor),
    region: shared(mentee.region, mentor.region) > 0,
    availability: availabilityFits(mentee.availability, mentor.availability),
  };
}

/**
 * Whether the two can hold a mentoring conversation: a language both speak usefully (B1 up), or
 * enough Norwegian on her side (A2) to practise with a mentor who speaks it well. Without either,
 * a pair is not suggested however well the rest fits: a meeting needs a language.
 */
export const canTalk = (mentee: Features, mentor: Features, sharedUseful: number) =>
  sharedUseful > 0 || (mentee.norwegian >= TALK_IN_NORWEGIAN_FROM && mentor.norwegian >= PRACTICE_FROM);

export const practiceFits = (mentee: Features, mentor: Features) => mentee.wantsPractice && mentee.norwegian < PRACTICE_BELOW && mentor.norwegian >= PRACTICE_FROM;

/** Either side flexible fits anything; otherwise the same slot. Unknown fits nothing. */
export const availabilityFits = (a: string | null, b: string | null) => a !== null && b !== null && (a === b || a === 'flexible' || b === 'flexible');

/**
 * The parts, each 0–1. Field: same field 0.7, same profession word 0.3 more (a shared profession
 * across fields alone 0.5). Goals: three words in common is a full match (a short wish is a
 * handful of words; counting more would favour long offers). Languages: one useful language in
 * common 0.7, a second 0.1, Norwegian practice 0.3. Region and availability: fit or not.
 */
export function partsOf(o: Overlap): Record<Criterion, number> {
  return {
    field: fieldPart(o.sameField, o.profession),
    goals: goalsPart(o.goals),
    languages: languagesPart(o.languages, o.practice),
    region: o.region ? 1 : 0,
    availability: o.availability ? 1 : 0,
  };
}

export const fieldPart = (sameField: boolean, profession: number) => (sameField ? (profession > 0 ? 1 : 0.7) : profession > 0 ? 0.5 : 0);
export const goalsPart = (shared: number) => Math.min(1, shared / 3);
export const languagesPart = (shared: number, practice: boolean) => Math.min(1, (shared >= 1 ? 0.7 : 0) + (shared >= 2 ? 0.1 : 0) + (practice ? 0.3 : 0));

/** A weight as used: missing → 1, negative or not a number → 0. */
export const weightOf = (weights: Weights, c: Criterion) => {
  const w = weights[c] ?? 1;
  return Number.isFinite(w) && w > 0 ? w : 0;
};

/** The weights as used, in the order of CRITERIA, and their sum. */
export interface WeightVector {
  w: readonly [number, number, number, number, number];
  sum: number;
}

export function weightVector(weights: Weights): WeightVector {
  const w = CRITERIA.map((c) => weightOf(weights, c)) as unknown as WeightVector['w'];
  return { w, sum: w[0] + w[1] + w[2] + w[3] + w[4] };
}

/**
 * The weighted mean of the parts, in one fixed order of operations: the pool (suggest.ts) calls
 * it too, so a suggestion's total is bit for bit its pair's total.
 */
export function combine(v: WeightVector, field: number, goals: number, languages: number, region: number, availability: number): number {
  if (v.sum === 0) return 0;
  return (v.w[0] * field + v.w[1] * goals + v.w[2] * languages + v.w[3] * region + v.w[4] * availability) / v.sum;
}

export function totalOf(p: Record<Criterion, number>, weights: Weights): number {
  return combine(weightVector(weights), p.field, p.goals, p.languages, p.region, p.availability);
}

const NONE: Record<Criterion, number> = { field: 0, goals: 0, languages: 0, region: 0, availability: 0 };

/** The score of one pair with its reasons. */
export function scorePair(mentee: Candidate, mentor: Candidate, ctx: ScoreContext): PairScore {
  const a = featuresOf(mentee);
  const b = featuresOf(mentor);
  const excluded = exclusionOf(a, b, ctx.exclusions);
  if (excluded) return { excluded, total: 0, parts: { ...NONE }, reasons: [] };
  const parts = partsOf(overlapOf(a, b));
  return { excluded: null, total: totalOf(parts, ctx.weights), parts, reasons: buildReasons(a, b, parts, ctx.weights) };
}

/** The total alone, or null when excluded: for callers that score every pair (cohort assignment). */
export function scoreOnly(mentee: Candidate, mentor: Candidate, ctx: ScoreContext): number | null {
  const a = featuresOf(mentee);
  const b = featuresOf(mentor);
  return exclusionOf(a, b, ctx.exclusions) ? null : totalOf(partsOf(overlapOf(a, b)), ctx.weights);
}
