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
import { exclusions, type Candidate } from '../src/core/features/matching/score.js';
import { mentorPool, suggestMentors } from '../src/core/features/matching/suggest.js';
import { profileSource } from './support/profiles.js';

const MENTEES = Number(process.argv[2] ?? 2000);
const MENTORS = Number(process.argv[3] ?? 2000);
const SEED = Number(process.argv[4] ?? 1);

const { profile, pick } = profileSource(SEED);

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
