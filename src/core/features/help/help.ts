/**
 * `help`: what the person can do now — the conversation they are in, their programmes, what is
 * waiting for them (open questions), for coordinators the messages to their people that could not
 * be delivered, and the commands the features offer them.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { HelpFacts } from '../../kernel/feature.js';
import { waitingLines } from '../../kernel/questions.js';
import { undeliveredLines } from './undelivered.js';

/** `active` is the person's typed conversation, read once at the start of the turn. */
export async function showHelp(turn: Turn, active: FlowRun | null): Promise<void> {
  const { t } = turn;
  const lines: string[] = [t('help.intro')];
  const flow = active ? turn.engine.get(active.flowId) : undefined;
  if (active && flow) lines.push('', t('help.inFlow', { flow: t(flow.title) }));
  // One read for what help asks of memberships (a person created in this turn has none, nor questions).
  const facts: HelpFacts = turn.firstContact ? { mine: [], organisationHasProgrammes: undefined, isOrganiser: false } : await turn.repos.memberships.overview(turn.organisation.id, turn.person.id);
  if (facts.mine.length === 0) lines.push('', t('help.notInProgramme'));
  for (const { membership, programme } of facts.mine) {
    const state = membership.role === 'coordinator' ? t('help.stateCoordinator', { code: programme.joinCode }) : membership.profileDoneAt ? t('help.stateReady') : t('help.stateProfileMissing');
    lines.push('', t('help.membership', { programme: programme.name, role: t(`roles.${membership.role}`), state }));
  }
  const waiting = turn.firstContact ? [] : await waitingLines(turn);
  if (waiting.length > 0) lines.push('', t('questions.waitingTitle', { count: waiting.length }), ...waiting);
  // Only coordinators and administrators pay for this read; everyone else skips it.
  const undelivered = await undeliveredLines(turn, { everyone: turn.isAdmin === true || facts.isOrganiser, coordinates: facts.mine.some((m) => m.membership.role === 'coordinator') });
  if (undelivered.length > 0) lines.push('', ...undelivered);
  lines.push('', t('help.commandsTitle'));
  for (const feature of turn.registry.features) if (feature.help) lines.push(...(await feature.help(turn, facts)));
  turn.say({ text: lines.join('\n') });
  if (active) await turn.engine.repeatQuestion(turn, active);
}
