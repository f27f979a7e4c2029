/** Read-only answers: help for the state a person is in, and their profile. */
import type { FlowRun, Membership, Programme } from './domain.js';
import type { FlowEngine } from './engine/engine.js';
import type { Turn } from './engine/turn.js';

type Mine = { membership: Membership; programme: Programme }[];

/** The person's active memberships with their programmes (one read). */
export function membershipsWithProgrammes(turn: Turn): Promise<Mine> {
  return turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active');
}

/**
 * Who may start a programme: coordinators of any programme, and people the platform says
 * administer the organisation. When the platform does not say (`isAdmin` undefined), the first
 * person in an organisation with no programmes yet may; when it says "not an admin", nobody else.
 * `mine` and `organisationHasProgrammes` save reading again what the caller has read.
 */
export async function canCreateProgramme(turn: Turn, mine?: Mine, organisationHasProgrammes?: boolean): Promise<boolean> {
  if (turn.isAdmin === true) return true;
  const memberships = mine ?? (await membershipsWithProgrammes(turn));
  if (memberships.some((m) => m.membership.role === 'coordinator')) return true;
  if (turn.isAdmin === false) return false;
  // A membership's programme belongs to the organisation, so it has programmes: no need to count them.
  if (memberships.length > 0) return false;
  return !(organisationHasProgrammes ?? (await turn.repos.programmes.anyInOrganisation(turn.organisation.id)));
}

/** `known` is the person's active run when the caller has read it already (undefined: read it here). */
export async function showHelp(turn: Turn, engine: FlowEngine, known?: FlowRun | null): Promise<void> {
  const { t } = turn;
  const lines: string[] = [t('help.intro')];
  const active = known !== undefined ? known : await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
  const flow = active ? engine.get(active.flowId) : undefined;
  if (active && flow) lines.push('', t('help.inFlow', { flow: t(flow.title) }));
  // One read for both questions help asks of the store (a person created in this turn has no memberships).
  const { mine, organisationHasProgrammes } = turn.firstContact ? { mine: [], organisationHasProgrammes: undefined } : await turn.repos.memberships.overview(turn.organisation.id, turn.person.id);
  if (mine.length === 0) lines.push('', t('help.notInProgramme'));
  for (const { membership, programme } of mine) {
    const state = membership.role === 'coordinator' ? t('help.stateCoordinator', { code: programme.joinCode }) : membership.profileDoneAt ? t('help.stateReady') : t('help.stateProfileMissing');
    lines.push('', t('help.membership', { programme: programme.name, role: t(`roles.${membership.role}`), state }));
  }
  lines.push('', t('help.commandsTitle'), t('help.cmdJoin'));
  if (mine.length > 0) lines.push(t('help.cmdProfile'), t('help.cmdEditProfile'), t('help.cmdLeave'));
  if (await canCreateProgramme(turn, mine, organisationHasProgrammes)) lines.push(t('help.cmdNewProgramme'));
  lines.push(t('help.cmdLanguage'), t('help.cmdCancel'), t('help.cmdHelp'));
  turn.say({ text: lines.join('\n') });
  if (active) await engine.repeatQuestion(turn, active);
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
