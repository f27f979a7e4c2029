/**
 * What a person should see when they open the bot (Slack's App Home, a Teams welcome card, the
 * playground's first screen): their next step in each programme, and for coordinators how each
 * programme is doing and which messages to their people could not be delivered. Read-only:
 * building it changes nothing.
 */
import type { Membership, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import { matchingStep } from '../matching/next-step.js';
import { undeliveredLines } from './undelivered.js';

export interface HomeSection {
  /** Markdown-light text (*bold*, _italic_, line breaks), in the person's language. */
  text: string;
}

export interface HomeView {
  title: string;
  sections: HomeSection[];
  /** Commands worth a button, as the words to type (the channel sends them as text). */
  shortcuts: { label: string; command: string }[];
}

async function coordinatorSummary(turn: Turn, programme: Programme): Promise<string> {
  const org = turn.organisation.id;
  const members = await turn.repos.memberships.listForProgramme(org, programme.id, { status: 'active' });
  const count = (role: Membership['role']) => members.filter((m) => m.role === role).length;
  const unfinished = (await turn.repos.flowRuns.listByFlow(org, 'join', 'active')).filter((r) => r.programmeId === programme.id).length;
  return turn.t('home.coordinatorProgramme', { programme: programme.name, code: programme.joinCode, mentors: count('mentor'), mentees: count('mentee'), unfinished });
}

async function nextStep(turn: Turn, membership: Membership, programme: Programme): Promise<string> {
  const step = membership.profileDoneAt ? await matchingStep(turn, membership) : { key: 'home.nextProfile' };
  return turn.t('home.membership', { programme: programme.name, role: turn.t(`roles.${membership.role}`), next: turn.t(step.key, step.params) });
}

export async function buildHome(turn: Turn): Promise<HomeView> {
  const { t } = turn;
  const sections: HomeSection[] = [{ text: t('home.greeting', { name: turn.person.displayName }) }];
  const active = await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
  const flow = active ? turn.engine.get(active.flowId) : undefined;
  if (flow) sections.push({ text: t('home.unfinished', { flow: t(flow.title) }) });
  // The person's active memberships, and whether they are an organiser, in one read.
  const { mine, isOrganiser } = await turn.repos.memberships.overview(turn.organisation.id, turn.person.id);
  if (mine.length === 0) sections.push({ text: t('help.notInProgramme') });
  for (const { membership, programme } of mine) {
    sections.push({ text: membership.role === 'coordinator' ? await coordinatorSummary(turn, programme) : await nextStep(turn, membership, programme) });
  }
  const undelivered = await undeliveredLines(turn, { everyone: turn.isAdmin === true || isOrganiser, coordinates: mine.some((m) => m.membership.role === 'coordinator') });
  if (undelivered.length > 0) sections.push({ text: undelivered.join('\n') });
  const shortcuts = [{ label: t('home.shortcutHelp'), command: firstAlias(t('commands.help')) }];
  if (mine.some((m) => m.membership.role !== 'coordinator')) shortcuts.push({ label: t('home.shortcutProfile'), command: firstAlias(t('commands.profile')) });
  return { title: t('home.title'), sections, shortcuts };
}

const firstAlias = (aliases: string) => aliases.split('|')[0] ?? aliases;
