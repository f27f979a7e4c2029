/**
 * The top three mentors for a mentee, with their reasons, spreading demand so that a mentor with
 * one free place is not everyone's first choice at once.
 *
 * Scoring every mentor for every mentee must stay fast (2,000 × 2,000 well under a second), so a
 * `MentorPool` indexes the mentors once by the words, languages and places they have, and a
 * mentee's overlap with all of them is counted through the index instead of pair by pair. The
 * counts feed the same `partsOf` and `totalOf` that `scorePair` uses, so a suggestion's total is
 * exactly its pair's score; only the few suggested pairs get their reasons built.
 */
import type { Candidate, Exclusions, Features, PairScore, Weights } from './score.js';
import { availabilityFits, canTalk, combine, featuresOf, fieldPart, goalsPart, languagesPart, NO_EXCLUSIONS, practiceFits, scorePair, weightVector } from './score.js';

export interface MentorPool {
  readonly mentors: readonly Candidate[];
  readonly features: readonly Features[];
  readonly byOffer: ReadonlyMap<string, number[]>;
  readonly byProfession: ReadonlyMap<string, number[]>;
  readonly byLanguage: ReadonlyMap<string, number[]>;
  readonly byRegion: ReadonlyMap<string, number[]>;
}

/** Indexes mentors for many suggestions (build once per batch; profiles are read as they are now). */
export function mentorPool(mentors: readonly Candidate[]): MentorPool {
  const features = mentors.map(featuresOf);
  const index = (keys: (f: Features) => Iterable<string>) => {
    const out = new Map<string, number[]>();
    features.forEach((f, i) => {
      for (const k of new Set(keys(f))) (out.get(k) ?? out.set(k, []).get(k)!).push(i);
    });
    return out;
  };
  return {
    mentors,
    features,
    byOffer: index((f) => f.offers.keys()),
    byProfession: index((f) => f.profession.keys()),
    byLanguage: index((f) => f.useful),
    byRegion: index((f) => f.region.keys()),
  };
}

export interface SuggestOptions {
  weights?: Weights;
  exclusions?: Exclusions;
  /** Mentor id → requests and suggestions outstanding for them (open requests, suggestions shown and not yet answered). */
  demand?: ReadonlyMap<string, number>;
  count?: number;
}

export interface Suggestion {
  mentor: Candidate;
  score: PairScore;
  /** Outstanding demand already fills the mentor's free places (so the mentor was ranked down). */
  busy: boolean;
}

/** Adds 1 to `into` at every mentor listed under each of `keys`. */
function countInto(into: Int32Array, index: ReadonlyMap<string, number[]>, keys: Iterable<string>): void {
  for (const k of keys) {
    const hits = index.get(k);
    if (hits) for (const i of hits) into[i]! += 1;
  }
}

/** Every mentor's total for one mentee (-1: excluded). The hard rules as in `exclusionOf`, hoisted. */
function totals(mentee: Features, pool: MentorPool, weights: Weights, ex: Exclusions): Float64Array {
  const n = pool.features.length;
  const goals = new Int32Array(n);
  const profession = new Int32Array(n);
  const languages = new Int32Array(n);
  const region = new Int32Array(n);
  countInto(goals, pool.byOffer, mentee.wants.keys());
  countInto(profession, pool.byProfession, mentee.profession.keys());
  countInto(languages, pool.byLanguage, mentee.useful);
  countInto(region, pool.byRegion, mentee.region.keys());
  const v = weightVector(weights);
  const blocked = ex.doNotMatch.get(mentee.id);
  const ended = ex.endedBefore.get(mentee.id);
  const employer = ex.sameEmployer ? mentee.employer : null;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mentor = pool.features[i]!;
    const id = mentor.id;
    if (id === mentee.id || blocked?.has(id) || ended?.has(id) || (employer !== null && employer === mentor.employer) || !canTalk(mentee, mentor, languages[i]!) || mentor.freePlaces <= 0) {
      out[i] = -1;
      continue;
    }
    out[i] = combine(
      v,
      fieldPart(mentee.field !== null && mentee.field === mentor.field, profession[i]!),
      goalsPart(goals[i]!),
      languagesPart(languages[i]!, practiceFits(mentee, mentor)),
      region[i]! > 0 ? 1 : 0,
      availabilityFits(mentee.availability, mentor.availability) ? 1 : 0,
    );
  }
  return out;
}

/**
 * Spreading: a mentor whose outstanding demand (requests and suggestions not yet answered)
 * already reaches their free places is "busy", and ranks below every mentor with room, whatever
 * the scores: a mentee who asks a busy mentor most likely waits a week to hear the place went to
 * someone who asked first, so a good mentor with room is the kinder first choice. The rank is by
 * how many times over their places a mentor is already asked for (whole multiples: demand ÷ free
 * places, rounded down), then by score; so when demand exceeds every place, each mentor is still
 * shown about in proportion to their places, and the one with a single place is not at the top of
 * every list again. Busy mentors are never hidden: demand is not acceptance, and places free up.
 *
 * A mentor with nothing in common with the mentee (total 0) is not suggested at all: a
 * suggestion must have a reason to give, and an empty list tells the caller to waitlist her.
 * Equal scores are ordered by mentor id, so the same input always gives the same list.
 */
export function suggestMentors(mentee: Candidate, mentors: readonly Candidate[] | MentorPool, options: SuggestOptions = {}): Suggestion[] {
  const pool = 'features' in mentors ? mentors : mentorPool(mentors);
  const { weights = {}, exclusions = NO_EXCLUSIONS, demand, count = 3 } = options;
  if (count <= 0) return [];
  const me = featuresOf(mentee);
  const total = totals(me, pool, weights, exclusions);
  // 0: room left; 1: asked for as often as they have places; 2: twice as often…
  const load = new Float64Array(total.length);
  if (demand && demand.size > 0) {
    for (let i = 0; i < total.length; i++) {
      const outstanding = total[i]! > 0 ? demand.get(pool.features[i]!.id) : undefined;
      if (outstanding) load[i] = Math.floor(Math.max(0, outstanding) / pool.features[i]!.freePlaces);
    }
  }
  const ids = pool.features;
  // Negative: a before b.
  const order = (a: number, b: number) => load[a]! - load[b]! || total[b]! - total[a]! || (ids[a]!.id < ids[b]!.id ? -1 : ids[a]!.id > ids[b]!.id ? 1 : 0);
  const best: number[] = [];
  for (let i = 0; i < total.length; i++) {
    if (!(total[i]! > 0)) continue;
    if (best.length === count && order(i, best[count - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && order(i, best[at - 1]!) < 0) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  const ctx = { weights, exclusions };
  return best.map((i) => ({ mentor: pool.mentors[i]!, score: scorePair(mentee, pool.mentors[i]!, ctx), busy: load[i]! > 0 }));
}
