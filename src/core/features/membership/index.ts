/**
 * Membership: joining a programme (consent and profile), seeing and editing the profile, and
 * leaving. Owns the Membership rows (MembershipRepo).
 */
import type { Answers, FlowRun, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { CommandDef, Feature } from '../../kernel/feature.js';
import { programmeAnswers } from '../../kernel/which-programme.js';
import { type BareArgument, normaliseJoinCode } from '../../interactions/commands.js';
import { redeemCoordinatorInvite } from '../programmes/invites.js';
import { acceptsMembers } from '../programmes/rules.js';
import { editProfileFlow } from './edit-profile.js';
import { joinFlow } from './join.js';
import { leaveFlow } from './leave.js';
import { answersFromProfile } from './profile-answers.js';
import { membershipsWithProgrammes, showProfile } from './views.js';

/** What a join code (or a coordinator's invite code) looks like once normalised. */
const CODE_SHAPE = /^[A-Z0-9]{4,16}$/;

/** "join CODE", or the code alone as the whole message ("DEMO2026", "abcd-2345"). */
const joinCommand: CommandDef & BareArgument = {
  name: 'join',
  takesArgument: true,
  run: async (turn, argument, { active }) => {
    await join(turn, argument, active, false);
  },
  // One word of 4–16 letters and digits, dashes allowed between them ("ABCD-EFGH-JKMN").
  bareArgument: /^[A-Za-z0-9](?:-?[A-Za-z0-9]){3,15}$/,
  runBare: (turn, text, { active }) => join(turn, text, active, true),
};

export const membershipFeature: Feature = {
  name: 'membership',
  flows: [joinFlow, editProfileFlow, leaveFlow],
  commands: [
    joinCommand,
    { name: 'profile', run: (turn) => showProfile(turn) },
    { name: 'editProfile', run: (turn, _argument, { active }) => startAboutProgramme(turn, 'edit-profile', false, active) },
    { name: 'leave', run: (turn, _argument, { active }) => startAboutProgramme(turn, 'leave', true, active) },
  ],
  help: (turn, { mine }) => [turn.t('help.cmdJoin'), ...(mine.length > 0 ? [turn.t('help.cmdProfile'), turn.t('help.cmdEditProfile'), turn.t('help.cmdLeave')] : [])],
};

/**
 * The code in what was written after "join": without a label before it ("code DEMO2026", "koden
 * er DEMO2026": the words are join.codeWords in every locale) or before a colon.
 */
function codeFrom(turn: Turn, argument: string): string {
  const said = argument.trim().toLocaleLowerCase();
  const labels = turn.texts.locales().flatMap((l) => turn.texts.t(l, 'join.codeWords').split('|')).map((w) => w.trim().toLocaleLowerCase());
  const label = labels.filter((w) => w && said.startsWith(w) && /^[\s:]/.test(said.slice(w.length))).sort((a, b) => b.length - a.length)[0];
  return normaliseJoinCode(label ? said.slice(label.length) : said);
}

/**
 * Joins the programme whose code was given. `bare`: the code was the whole message, so a code
 * that names nothing says nothing (returns false: the words were not a code after all).
 */
async function join(turn: Turn, argument: string, active: FlowRun | null, bare: boolean): Promise<boolean> {
  const code = codeFrom(turn, argument);
  if (!code) return say(turn, 'join.needCode');
  const programme = CODE_SHAPE.test(code) ? await turn.repos.programmes.findByJoinCode(turn.organisation.id, code) : null;
  if (!programme) {
    // Not a programme's code: maybe a coordinator's invite (the programmes feature handles it).
    if (CODE_SHAPE.test(code) && (await redeemCoordinatorInvite(turn, code))) return true;
    if (bare) return false;
    // The code is repeated only when it looks like one, so a typo shows; anything else is not echoed.
    return CODE_SHAPE.test(code) ? say(turn, 'join.unknownCode', { code }) : say(turn, 'join.notACode');
  }
  const existing = await turn.repos.memberships.find(turn.organisation.id, programme.id, turn.person.id);
  // Her own programme: a coordinator is pointed to where she runs it, not told she is "in" it.
  if (existing?.status === 'active') return say(turn, existing.role === 'coordinator' ? 'join.alreadyCoordinator' : 'join.alreadyMember', { programme: programme.name });
  // The one rule (programmes/rules.ts): a paused programme takes no new members for now, a closed or draft one not at all.
  if (!acceptsMembers(programme)) return say(turn, programme.status === 'paused' ? 'join.paused' : 'join.closed', { programme: programme.name });
  turn.say({ key: existing ? 'join.welcomeBack' : 'join.welcome', params: { programme: programme.name, purpose: programme.purpose } });
  await turn.engine.start(turn, 'join', { programmeId: programme.id, answers: { programmeName: programme.name, ...(await profileToOffer(turn, programme)) }, active });
  return true;
}

function say(turn: Turn, key: string, params?: Record<string, string>): true {
  turn.say({ key, ...(params ? { params } : {}) });
  return true;
}

/**
 * The profile given for another programme the person is active in (the latest), offered to
 * confirm or change. Only what is stored now can be offered: leaving a programme erased the
 * profile given for it (erasure.ts, as the privacy notice promises), so someone coming back to
 * a programme they left types it again unless another programme still holds one — nothing erased
 * is kept for this. `initialFrom` names that programme, so that leaving it also erases this run's
 * copy (ErasureRepo.runsAbout) while the join is unfinished.
 */
async function profileToOffer(turn: Turn, programme: Programme): Promise<Answers> {
  const mine = await membershipsWithProgrammes(turn);
  const given = mine.filter((m) => m.programme.id !== programme.id && m.membership.role !== 'coordinator' && m.membership.profileDoneAt !== null);
  const source = given.sort((a, b) => (b.membership.profileDoneAt?.getTime() ?? 0) - (a.membership.profileDoneAt?.getTime() ?? 0))[0];
  if (!source) return {};
  const initial = answersFromProfile(source.membership.profile).initial ?? null;
  return { initial, initialFrom: source.programme.id, reuseFromName: source.programme.name };
}

/** Starts a flow about one of the person's programmes, asking which when there are several. */
async function startAboutProgramme(turn: Turn, flowId: string, coordinatorsToo: boolean, active: FlowRun | null): Promise<void> {
  const mine = (await membershipsWithProgrammes(turn)).filter((m) => coordinatorsToo || m.membership.role !== 'coordinator');
  if (mine.length === 0) return turn.say({ key: 'profile.none' });
  await turn.engine.start(turn, flowId, { answers: programmeAnswers(mine.map((m) => m.programme)), active });
}
