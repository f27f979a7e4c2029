/** Read-only answers about a person's memberships: which programmes, and their profile. */
import type { Membership, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';

export type Mine = { membership: Membership; programme: Programme }[];

/** The person's active memberships with their programmes (one read). */
export function membershipsWithProgrammes(turn: Turn): Promise<Mine> {
  return turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active');
}

const labelled = (t: Turn['t'], key: string, value: string | number | null) => (value === null || value === '' ? null : `*${t(key)}:* ${value}`);

export async function showProfile(turn: Turn): Promise<void> {
  const { t } = turn;
  const mine = (await membershipsWithProgrammes(turn)).filter((m) => m.membership.role !== 'coordinator');
  if (mine.length === 0) {
    turn.say({ key: 'profile.none' });
    return;
  }
  for (const { membership, programme } of mine) {
    const p = membership.profile;
    const languages = p.languages.map((l) => `${t(`languages.${l.code}`)} (${t(`levels.${l.level}`)})`).join(', ');
    const lines = [
      t('profile.heading', { programme: programme.name, role: t(`roles.${membership.role}`) }),
      labelled(t, 'profile.showName', p.fullName),
      labelled(t, 'profile.showLanguages', languages),
      labelled(t, 'profile.showField', p.field ? t(`fields.${p.field}`) : null),
      labelled(t, 'profile.showProfession', p.profession),
      labelled(t, 'profile.showYears', p.yearsExperience),
      labelled(t, 'profile.showRegion', p.region),
      labelled(t, 'profile.showAvailability', p.availability ? t(`availability.${p.availability}`) : null),
      labelled(t, 'profile.showGoals', p.goals.length ? p.goals.map((g, i) => `\n  ${i + 1}. ${g}`).join('') : null),
      labelled(t, 'profile.showHelpWanted', p.helpWanted),
      labelled(t, 'profile.showOffer', p.offer),
      labelled(t, 'profile.showCapacity', p.capacity),
      '',
      t('profile.editHint'),
    ];
    turn.say({ text: lines.filter((l): l is string => l !== null).join('\n') });
  }
}
