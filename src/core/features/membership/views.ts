/** Read-only answers about a person's memberships: which programmes, and their profile. */
import type { LanguageSkill, Membership, Profile, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import { literal } from '../../kernel/rich-text.js';
import { LANGUAGE_CODES } from '../../options.js';

export type Mine = { membership: Membership; programme: Programme }[];
type T = (key: string, params?: Record<string, string | number | Date>) => string;

/** The person's active memberships with their programmes (one read). */
export function membershipsWithProgrammes(turn: Turn): Promise<Mine> {
  return turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active');
}

/** "*Label:* value": the value is the person's words (or ours about them), never the bot's emphasis. */
const labelled = (t: T, key: string, value: string | number | null | undefined) => (value === null || value === undefined || value === '' ? null : `*${t(key)}:* ${literal(String(value))}`);

const LISTED = new Set<string>(LANGUAGE_CODES);

/** A language's name in the reader's language; one typed under "other" is shown as it was typed. */
export function languageName(t: T, code: string): string {
  return LISTED.has(code) || code === 'ku' ? t(`languages.${code}`) : literal(code);
}

const skill = (t: T, l: LanguageSkill) => `${languageName(t, l.code)} (${t(`levels.${l.level}`)})`;

/** The profile as labelled lines (what is empty is left out), for `profile` and for reuse when joining. */
export function profileLines(t: T, p: Profile): string[] {
  const lines = [
    labelled(t, 'profile.showName', p.fullName),
    labelled(t, 'profile.showLanguages', p.languages.map((l) => skill(t, l)).join(', ')),
    labelled(t, 'profile.showField', p.field ? t(`fields.${p.field}`) : null),
    labelled(t, 'profile.showProfession', p.profession),
    labelled(t, 'profile.showEducation', p.education),
    labelled(t, 'profile.showEmployer', p.employer),
    labelled(t, 'profile.showYears', p.yearsExperience),
    labelled(t, 'profile.showRegion', p.region),
    labelled(t, 'profile.showAvailability', p.availability ? t(`availability.${p.availability}`) : null),
    labelled(t, 'profile.showGoals', p.goals.length ? p.goals.map((g, i) => `\n  ${i + 1}. ${g}`).join('') : null),
    labelled(t, 'profile.showHelpWanted', p.helpWanted),
    labelled(t, 'profile.showOffer', p.offer),
    labelled(t, 'profile.showCapacity', p.capacity),
  ];
  return lines.filter((l): l is string => l !== null);
}

export async function showProfile(turn: Turn): Promise<void> {
  const { t } = turn;
  const all = await membershipsWithProgrammes(turn);
  const mine = all.filter((m) => m.membership.role !== 'coordinator');
  if (mine.length === 0) {
    // A coordinator keeps no profile: she is pointed to her programme, not told to ask a coordinator.
    const coordinated = all.map((m) => m.programme.name);
    turn.say(coordinated.length > 0 ? { key: 'profile.coordinatorOnly', params: { programmes: coordinated.join(', ') } } : { key: 'profile.none' });
    return;
  }
  for (const { membership, programme } of mine) {
    const lines = [t('profile.heading', { programme: programme.name, role: t(`roles.${membership.role}`) }), ...profileLines(t, membership.profile), '', t('profile.editHint')];
    turn.say({ text: lines.join('\n') });
  }
}
