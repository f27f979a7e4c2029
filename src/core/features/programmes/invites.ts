/**
 * Co-coordinators. `invite coordinator` gives a coordinator a single-use code, valid 7 days, to
 * hand to a colleague; the colleague writes `join CODE` (membership's join command asks
 * `redeemCoordinatorInvite` first), confirms, and becomes a coordinator of the programme. Using
 * the code is one conditional update, so of two redemptions at once exactly one counts; a used
 * or expired code changes nothing and says why.
 */
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, Msg, StepContext } from '../../engine/types.js';
import { normaliseJoinCode } from '../../interactions/commands.js';
import { yesNo } from '../../options.js';
import { coordinatedProgramme, coordinatorMembership, coordinatorSteps, tellOtherCoordinators } from './coordinating.js';
import { seedDigest } from '../digest/jobs.js';
import type { CoordinatorInvite } from './ports.js';

export const INVITE_DAYS = 7;
/** Longer than join codes (8), so `join` tells them apart before reading anything. */
export const INVITE_CODE_LENGTH = 12;
const DAY_MS = 24 * 60 * 60 * 1000;

/** "ABCD-EFGH-JKMN": easier to read aloud and copy; dashes are ignored when typed back. */
const shown = (code: string) => code.match(/.{1,4}/g)?.join('-') ?? code;

export const inviteCoordinatorFlow: FlowDefinition = {
  id: 'invite-coordinator',
  version: 1,
  title: 'programme.flowInvite',
  start: 'route',
  steps: {
    ...coordinatorSteps('create'),
    create: {
      kind: 'act',
      run: async (ctx) => {
        const programme = await coordinatedProgramme(ctx);
        if (!programme) return null;
        if (programme.status === 'closed') {
          ctx.say({ key: 'programme.alreadyClosed', params: { programme: programme.name } });
          return null;
        }
        const now = ctx.clock.now();
        const org = ctx.person.organisationId;
        const code = `${ctx.ids.joinCode()}${ctx.ids.joinCode()}`.slice(0, INVITE_CODE_LENGTH);
        const invite = await ctx.repos.programmes.createInvite({
          id: ctx.ids.next(),
          organisationId: org,
          programmeId: programme.id,
          code,
          invitedById: ctx.person.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS),
          usedAt: null,
          usedById: null,
        });
        // Never the code itself: whoever reads the audit log must not be able to use it.
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'coordinator:invited', subjectType: 'Programme', subjectId: programme.id, data: { inviteId: invite.id } });
        ctx.say({ key: 'programme.inviteCreated', params: { programme: programme.name, code: shown(code), until: invite.expiresAt, days: INVITE_DAYS } });
        return null;
      },
    },
  },
};

/**
 * `join CODE` with a coordinator invite's code: true when it was one (and has been handled:
 * the confirmation asked, or why it cannot be used said), false when it is no invite code.
 */
export async function redeemCoordinatorInvite(turn: Turn, code: string): Promise<boolean> {
  const normalised = normaliseJoinCode(code);
  if (normalised.length !== INVITE_CODE_LENGTH) return false;
  const invite = await turn.repos.programmes.findInvite(turn.organisation.id, normalised);
  if (!invite) return false;
  const why = await whyUnusable(turn, invite, turn.person.id);
  if (why) {
    turn.say(why);
    return true;
  }
  const programme = await turn.repos.programmes.get(turn.organisation.id, invite.programmeId);
  const inviter = await turn.personById(invite.invitedById);
  await turn.engine.start(turn, 'accept-coordinator-invite', {
    programmeId: invite.programmeId,
    answers: { inviteCode: invite.code, programmeName: programme?.name ?? '', inviterName: inviter?.displayName ?? '' },
  });
  return true;
}

/** Why `personId` cannot use this invite now, in words; null when they can. Changes nothing. */
async function whyUnusable(work: Pick<Turn, 'repos' | 'organisation' | 'clock' | 'personById'>, invite: CoordinatorInvite, personId: string): Promise<Msg | null> {
  const org = work.organisation.id;
  const programme = await work.repos.programmes.get(org, invite.programmeId);
  const name = programme?.name ?? '';
  if (!programme || programme.status === 'closed') return { key: 'programme.inviteProgrammeClosed', params: { programme: name } };
  const membership = await work.repos.memberships.find(org, programme.id, personId);
  if (membership?.status === 'active') {
    return membership.role === 'coordinator'
      ? { key: 'programme.alreadyCoordinator', params: { programme: name } }
      : { key: 'programme.inviteHasRole', params: { programme: name, role: membership.role } };
  }
  const inviter = (await work.personById(invite.invitedById))?.displayName ?? '';
  if (invite.usedAt) return { key: 'programme.inviteUsed', params: { programme: name, inviter } };
  if (invite.expiresAt <= work.clock.now()) return { key: 'programme.inviteExpired', params: { programme: name, inviter, expired: invite.expiresAt } };
  return null;
}

export const acceptCoordinatorInviteFlow: FlowDefinition = {
  id: 'accept-coordinator-invite',
  version: 1,
  title: 'programme.flowAcceptInvite',
  start: 'confirm',
  steps: {
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'programme.inviteConfirm', params: { programme: String(ctx.answers.programmeName ?? ''), inviter: String(ctx.answers.inviterName ?? '') } }),
      input: { kind: 'choice', options: yesNo('programme.inviteAccept', 'programme.inviteDecline') },
      next: (ctx) => (ctx.answers.confirm === 'yes' ? 'accept' : 'declined'),
    },
    declined: { kind: 'say', text: { key: 'programme.inviteDeclined' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    accept: { kind: 'act', run: (ctx) => accept(ctx) },
  },
};

async function accept(ctx: StepContext): Promise<null> {
  const turn = ctx.turn;
  const org = ctx.person.organisationId;
  const invite = await ctx.repos.programmes.findInvite(org, String(ctx.answers.inviteCode ?? ''));
  const programme = invite ? await ctx.repos.programmes.get(org, invite.programmeId) : null;
  if (!invite || !programme) {
    ctx.say({ key: 'programme.inviteGone' });
    return null;
  }
  const why = await whyUnusable(turn, invite, ctx.person.id);
  const now = ctx.clock.now();
  if (why) {
    ctx.say(why);
    return null;
  }
  // The claim is the decision: a redemption that loses the race reads the invite again and finds it used.
  if (!(await ctx.repos.programmes.claimInvite(org, invite.id, ctx.person.id, now))) {
    const fresh = await ctx.repos.programmes.findInvite(org, invite.code);
    ctx.say((fresh && (await whyUnusable(turn, fresh, ctx.person.id))) ?? { key: 'programme.inviteGone' });
    return null;
  }
  const existing = await ctx.repos.memberships.find(org, programme.id, ctx.person.id);
  const membership = existing
    ? // A row they left (its profile erased then): the same row again, as a coordinator.
      await ctx.repos.memberships.update(org, existing.id, { role: 'coordinator', status: 'active', leftAt: null, consentedAt: now, consentVersion: null, profileDoneAt: null, profile: { fullName: ctx.person.displayName } })
    : await ctx.repos.memberships.create(coordinatorMembership(ctx, programme.id, now));
  await seedDigest(turn, membership);
  await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'coordinator:joined', subjectType: 'Membership', subjectId: membership.id, data: { programmeId: programme.id, inviteId: invite.id, invitedById: invite.invitedById } });
  ctx.say({ key: 'programme.nowCoordinator', params: { programme: programme.name } });
  await tellOtherCoordinators(turn, programme.id, (t) => t('programme.coordinatorJoinedNotice', { name: ctx.person.displayName, programme: programme.name }));
  return null;
}
