/**
 * Membership: joining a programme (consent and profile), seeing and editing the profile, and
 * leaving. Owns the Membership rows (MembershipRepo).
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { Feature } from '../../kernel/feature.js';
import { normaliseJoinCode } from '../../interactions/commands.js';
import { editProfileFlow } from './edit-profile.js';
import { joinFlow } from './join.js';
import { leaveFlow } from './leave.js';
import { OPTION_SEPARATOR } from './programme-steps.js';
import { membershipsWithProgrammes, showProfile } from './views.js';

export const membershipFeature: Feature = {
  name: 'membership',
  flows: [joinFlow, editProfileFlow, leaveFlow],
  commands: [
    { name: 'join', takesArgument: true, run: (turn, argument, { active }) => join(turn, argument, active) },
    { name: 'profile', run: (turn) => showProfile(turn) },
    { name: 'editProfile', run: (turn, _argument, { active }) => startAboutProgramme(turn, 'edit-profile', false, active) },
    { name: 'leave', run: (turn, _argument, { active }) => startAboutProgramme(turn, 'leave', true, active) },
  ],
  help: (turn, { mine }) => [turn.t('help.cmdJoin'), ...(mine.length > 0 ? [turn.t('help.cmdProfile'), turn.t('help.cmdEditProfile'), turn.t('help.cmdLeave')] : [])],
};

async function join(turn: Turn, argument: string, active: FlowRun | null): Promise<void> {
  const code = normaliseJoinCode(argument);
  if (!code) return turn.say({ key: 'join.needCode' });
  const programme = /^[A-Z0-9]{4,16}$/.test(code) ? await turn.repos.programmes.findByJoinCode(turn.organisation.id, code) : null;
  if (!programme || programme.status === 'closed') return turn.say({ key: 'join.unknownCode', params: { code: code.slice(0, 20) } });
  const existing = await turn.repos.memberships.find(turn.organisation.id, programme.id, turn.person.id);
  if (existing?.status === 'active') {
    return turn.say({ key: 'join.alreadyMember', params: { programme: programme.name } });
  }
  turn.say({ key: 'join.welcome', params: { programme: programme.name, purpose: programme.purpose } });
  await turn.engine.start(turn, 'join', { programmeId: programme.id, answers: { programmeName: programme.name }, active });
}

/** Starts a flow about one of the person's programmes, asking which when there are several. */
async function startAboutProgramme(turn: Turn, flowId: string, coordinatorsToo: boolean, active: FlowRun | null): Promise<void> {
  const mine = (await membershipsWithProgrammes(turn)).filter((m) => coordinatorsToo || m.membership.role !== 'coordinator');
  if (mine.length === 0) return turn.say({ key: 'profile.none' });
  const answers: Record<string, string | string[]> =
    mine.length === 1 ? { programmeId: mine[0]?.programme.id ?? '' } : { choices: mine.map((m) => `${m.programme.id}${OPTION_SEPARATOR}${m.programme.name}`) };
  await turn.engine.start(turn, flowId, { answers, active });
}
