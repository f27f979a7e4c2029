/**
 * Words for matching free text (a mentee's goals and wishes, a mentor's offer, professions,
 * regions, employers). This is a bag-of-words heuristic, nothing cleverer: lower case, accents
 * and Norwegian letters folded (ø → o, æ → ae, å → a), English and Norwegian stop words dropped,
 * and each word cut to its first six letters so that "intervju", "intervjuer" and "interview"
 * meet. It has no synonyms, no meaning and no spelling correction; "regnskap" and "accounting"
 * do not meet. It is used because a person can check it: the reason lists the words in common.
 */

/** Words that say nothing about what a person wants or offers, in English and Norwegian (folded). */
const STOP = new Set(
  (
    // English
    'a an the and or but if of to in on at by for from with without about into over under as is are was were be been being am ' +
    'i me my mine you your yours we us our they them their he him his she her it its this that these those there here ' +
    'what which who whom how when where why do does did doing done have has had having can could will would shall should may might must ' +
    'not no yes so very too also just more most some any all each other such only own same than then now up down out off again ' +
    'get got getting want wants wanted like would need needs help helping helped please thing things way ways lot lots ' +
    'mentor mentee mentoring norway ' +
    // Norwegian (Bokmål, folded: ø → o, æ → ae, å → a)
    'og eller men hvis av til i pa paa ved for fra med uten om over under som er var vaere vart blitt blir bli ' +
    'jeg meg min mitt mine du deg din ditt dine vi oss var vart vare de dem deres han ham hans hun henne hennes den det dette disse der her ' +
    'hva hvilken hvilke hvem hvordan nar hvor hvorfor gjor gjore gjorde har hadde ha kan kunne vil ville skal skulle ma bor burde ' +
    'ikke nei ja sa veldig ogsa bare mer mest noen noe alle alt hver annen andre slik samme enn da na opp ned ut inn igjen ' +
    'fa far fikk onsker onske onsket gjerne trenger trengte hjelp hjelpe hjelper ting mate mater mye ' +
    'en ei et seg sin sitt sine sig at etter mot hos mellom norge'
  ).split(' '),
);

/** Letters that do not decompose into a base letter and an accent. */
const FOLD: Record<string, string> = { ø: 'o', æ: 'ae', ß: 'ss', đ: 'd', ł: 'l', ı: 'i', œ: 'oe' };

/** Lower case, accents off, Norwegian letters folded: the form words are compared in. */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[øæßđłıœ]/g, (c) => FOLD[c] ?? c);
}

/** Words of a text in order, as shown back: lower case, accents kept, "CV" and "IT" as written. */
export function words(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => (w.length > 1 && w === w.toUpperCase() && w !== w.toLowerCase() ? w : w.toLowerCase()));
}

/** The six-letter stem a word is compared by. */
const STEM_LENGTH = 6;

/**
 * The stems of the meaningful words of some texts, each mapped to the first word (as written)
 * it came from, in order of appearance: the map's keys are compared, its values shown.
 */
export function stems(...texts: (string | null | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of texts) {
    if (!text) continue;
    for (const word of words(text)) {
      const folded = fold(word);
      // One letter says nothing; "it", "cv", "hr" do, so two letters stay.
      if (folded.length < 2 || STOP.has(folded) || /^\d+$/.test(folded)) continue;
      const stem = folded.slice(0, STEM_LENGTH);
      if (!out.has(stem)) out.set(stem, word);
    }
  }
  return out;
}

/** Company suffixes that do not tell two employers apart ("Equinor ASA" is "Equinor"). */
const COMPANY_SUFFIX = /\s+(as|asa|ab|ltd|limited|inc|gmbh|sa|ba|da|ans|kf|iks)$/;

/** An employer's name in the form two names are compared in, or null when none is given. */
export function employerKey(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(COMPANY_SUFFIX, '');
  return key.length > 0 ? key : null;
}
