/**
 * The reasons behind a score, as texts a person can read in their own language. A reason is a
 * Msg whose params hold codes (a field, languages, a time to meet) and people's words (a
 * profession, a region, words in common), never the score; `reasonText` turns it into a sentence
 * for one reader, naming fields, languages and times in that reader's language.
 */
import type { Msg } from '../../engine/types.js';
import type { Criterion, ExclusionReason, Features, Weights } from './score.js';
import { availabilityFits, practiceFits, weightOf } from './score.js';
import { fold } from './words.js';

/** Separates the items of a list param; typed text cannot hold it (text-hygiene strips controls). */
const SEP = '\u001f';
/** A reason names at most this many words in common; more would read as a word list, not a reason. */
const MAX_WORDS = 4;

/** What each hard rule is called, for the coordinator's views and the waitlist's "why". */
export const EXCLUSION_TEXT: Record<ExclusionReason, string> = {
  samePerson: 'matching.excludedSamePerson',
  doNotMatch: 'matching.excludedDoNotMatch',
  endedBefore: 'matching.excludedEndedBefore',
  sameEmployer: 'matching.excludedSameEmployer',
  noCommonLanguage: 'matching.excludedNoCommonLanguage',
  noCapacity: 'matching.excludedNoCapacity',
};

/** Values of `a` whose keys `b` has, in `a`'s order. */
function common(a: Map<string, string>, b: Map<string, string>): string[] {
  return [...a].filter(([k]) => b.has(k)).map(([, word]) => word);
}

function fieldReasons(mentee: Features, mentor: Features): Msg[] {
  const out: Msg[] = [];
  const p = mentor.candidate.profile;
  if (mentee.field !== null && mentee.field === mentor.field) out.push({ key: 'matching.reasonField', params: { field: mentee.field } });
  const years = p.yearsExperience ?? 0;
  const profession = p.profession?.trim();
  if (!profession) return out;
  if (common(mentee.profession, mentor.profession).length > 0) {
    out.push(years > 0 ? { key: 'matching.reasonProfessionYears', params: { profession, years } } : { key: 'matching.reasonProfession', params: { profession } });
  } else if (out.length > 0 && years > 0) {
    out.push({ key: 'matching.reasonExperience', params: { profession, years } });
  }
  return out;
}

function languageReasons(mentee: Features, mentor: Features): Msg[] {
  const out: Msg[] = [];
  const shared = mentee.useful.filter((code) => mentor.useful.includes(code));
  if (shared.length > 0) out.push({ key: 'matching.reasonLanguages', params: { languages: shared.join(SEP) } });
  if (practiceFits(mentee, mentor)) {
    const level = mentor.candidate.profile.languages.find((l) => l.code === 'nb')?.level ?? 'native';
    // Records from before the CEFR steps say "fluent"; C1 is what the profile form shows for it.
    if (level === 'native') out.push({ key: 'matching.reasonPractiseNative' });
    else out.push({ key: 'matching.reasonPractiseLevel', params: { level: level === 'fluent' ? 'C1' : level } });
  }
  return out;
}

/** The place as the mentee wrote it when both wrote the same, else the words they share ("Oslo"). */
function regionReason(mentee: Features, mentor: Features): Msg[] {
  const mine = mentee.candidate.profile.region?.trim() ?? '';
  const theirs = mentor.candidate.profile.region?.trim() ?? '';
  if (fold(mine) === fold(theirs)) return [{ key: 'matching.reasonRegion', params: { region: mine } }];
  const shared = new Set(common(mentee.region, mentor.region).map(fold));
  // The shared words as the mentee wrote them, capitals included ("Oslo", not "oslo").
  const written = mine.split(/[^\p{L}\p{N}]+/u).filter((w) => shared.has(fold(w)));
  return written.length > 0 ? [{ key: 'matching.reasonRegion', params: { region: written.join(' ') } }] : [];
}

function availabilityReason(mentee: Features, mentor: Features): Msg[] {
  const a = mentee.availability;
  const b = mentor.availability;
  if (!availabilityFits(a, b)) return [];
  if (a === 'flexible' && b === 'flexible') return [{ key: 'matching.reasonFlexible' }];
  return [{ key: 'matching.reasonAvailability', params: { availability: a === 'flexible' ? (b as string) : (a as string) } }];
}

const BUILDERS: Record<Criterion, (mentee: Features, mentor: Features) => Msg[]> = {
  field: fieldReasons,
  goals: (mentee, mentor) => {
    const words = common(mentee.wants, mentor.offers).slice(0, MAX_WORDS);
    return words.length > 0 ? [{ key: 'matching.reasonGoals', params: { words: words.join(SEP) } }] : [];
  },
  languages: languageReasons,
  region: regionReason,
  availability: availabilityReason,
};

/** The reasons of every criterion that counts (weight above 0) and fits, the heaviest first. */
export function buildReasons(mentee: Features, mentor: Features, parts: Record<Criterion, number>, weights: Weights): Msg[] {
  const order = (Object.keys(BUILDERS) as Criterion[])
    .map((c, i) => ({ c, i, weight: weightOf(weights, c) * parts[c] }))
    .filter((x) => x.weight > 0)
    // Stable by the criteria's own order when two weigh the same, so the same pair reads the same.
    .sort((x, y) => y.weight - x.weight || x.i - y.i);
  return order.flatMap(({ c }) => BUILDERS[c](mentee, mentor));
}

type Translate = (key: string, params?: Msg['params']) => string;

/** A reason as one sentence in the reader's language (`t` and `locale` are the reader's). */
export function reasonText(reason: Msg, t: Translate, locale: string): string {
  if (!reason.params) return t(reason.key);
  const params: NonNullable<Msg['params']> = { ...reason.params };
  const list = (items: string[]) => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  const { field, availability, languages, words } = reason.params;
  if (typeof field === 'string') params.field = t(`fields.${field}`);
  if (typeof availability === 'string') params.availability = t(`availability.${availability}`);
  if (typeof words === 'string') params.words = list(words.split(SEP));
  if (typeof languages === 'string') {
    // Some languages write language names in lower case inside a sentence ("arabisk og engelsk").
    const lower = t('matching.namesInSentence') === 'lowercase';
    const names = languages.split(SEP).map((code) => {
      const key = `languages.${code}`;
      const name = t(key);
      // A language typed under "other" has no key: it is shown as the person wrote it.
      const shown = name === key ? code : name;
      return lower ? shown.toLocaleLowerCase(locale) : shown;
    });
    params.languages = list(names);
  }
  return t(reason.key, params);
}
