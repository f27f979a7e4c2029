/**
 * The cards people read when matching: a suggested mentor (for the mentee) and a mentee asking
 * (for the mentor). Only what each shared for matching is shown: name, field, languages, what a
 * mentor offers, a mentee's goals and the help she wants; never anything else of her profile.
 *
 * A question's `render` sees only its stored data, and that holds ids, never people's words (a
 * withdrawn question keeps its data, so words there would outlive the person's leaving). The
 * card's words are read from the profiles when it is asked, and put into the one copy `ask()` has
 * just queued (`fillCard`); answered or expired copies are replaced by `render`'s own words.
 */
import type { Membership, Person, Profile } from '../../domain.js';
import { literal } from '../../kernel/rich-text.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import { languageName } from '../membership/views.js';
import { reasonText } from './reasons.js';
import type { Suggestion } from './suggest.js';

/** The name a member shows others: the name their profile gives, else the platform's. */
export function shownName(member: Pick<Membership, 'profile'>, person: Pick<Person, 'displayName'> | null): string {
  return member.profile.fullName?.trim() || person?.displayName || '?';
}

/** Label/value pairs, the empty ones left out; values are people's words or names, kept literal. */
function fields(t: Translate, rows: [string, string | null | undefined][]): Section['fields'] {
  return rows.filter((r): r is [string, string] => !!r[1]).map(([label, value]) => ({ label: t(label), value }));
}

const languages = (t: Translate, p: Profile) => p.languages.map((l) => `${languageName(t, l.code)} (${t(`levels.${l.level}`)})`).join(', ');
const fieldName = (t: Translate, p: Profile) => (p.field ? t(`fields.${p.field}`) : null);
const words = (text: string | null | undefined) => (text?.trim() ? literal(text.trim()) : null);

/** One suggested mentor as the mentee reads it: who, field, languages, offer, and why. */
export function mentorSection(t: Translate, locale: string, name: string, suggestion: Suggestion): Section {
  const p = suggestion.mentor.profile;
  return {
    heading: literal(name),
    fields: fields(t, [
      ['matching.cardField', fieldName(t, p)],
      ['matching.cardProfession', words(p.profession)],
      ['matching.cardLanguages', languages(t, p)],
      ['matching.cardOffer', words(p.offer)],
    ]),
    bullets: suggestion.score.reasons.map((r) => reasonText(r, t, locale)),
  };
}

/** The mentee as the mentor reads her request: what she shared for matching, nothing more. */
export function menteeSection(t: Translate, name: string, p: Profile): Section {
  return {
    heading: literal(name),
    fields: fields(t, [
      ['matching.cardField', fieldName(t, p)],
      ['matching.cardLanguages', languages(t, p)],
      ['matching.cardGoals', p.goals.map(words).filter((g) => g !== null).join('\n')],
      ['matching.cardHelpWanted', words(p.helpWanted)],
    ]),
  };
}

/** Replaces the copy of question `questionId` that `ask()` queued for `personId` with `fill(copy)`. */
export function fillCard(work: Work, questionId: string, personId: string, fill: (copy: Outbound) => Outbound): void {
  const envelope = work.outbox.find((e) => e.personId === personId && e.message.prompt?.id === questionId);
  if (envelope) envelope.message = fill(envelope.message);
}
