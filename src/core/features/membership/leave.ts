/**
 * Leaving a programme. What the person gave for it is erased (erasure.ts: profile, answers, the
 * bot's copies of messages, the name); only the fact that they took part stays, for the
 * programme's own numbers, as the privacy notice promises. The programme's last active
 * coordinator cannot leave: the programme would go on taking members with nobody to run it.
 */
import type { Membership } from '../../domain.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { yesNo } from '../../options.js';
import { endMatchesOnLeaving } from '../matching/leaving.js';
import { erasePersonFromProgramme } from './erasure.js';
import { programmeSteps } from './programme-steps.js';

/** Is she the programme's one active coordinator? Locks the coordinators' rows (see lockActiveCoordinators). */
async function isLastCoordinator(ctx: StepContext, membership: Pick<Membership, 'role' | 'programmeId'>): Promise<boolean> {
  if (membership.role !== 'coordinator') return false;
  const coordinators = await ctx.repos.memberships.lockActiveCoordinators(ctx.person.organisationId, membership.programmeId);
  return coordinators.every((id) => id === ctx.person.id);
}

export const leaveFlow: FlowDefinition = {
  id: 'leave',
  version: 1,
  title: 'flows.leave',
  start: 'route',
  steps: {
    ...programmeSteps('mayLeave'),
    // Asked before "Leave?", so she is not asked something she cannot do; checked again when leaving.
    mayLeave: {
      kind: 'act',
      run: async (ctx) => ((await isLastCoordinator(ctx, { role: ctx.answers.role as Membership['role'], programmeId: String(ctx.answers.programmeId) })) ? 'lastCoordinator' : 'confirm'),
    },
    lastCoordinator: { kind: 'say', text: (ctx) => ({ key: 'leave.lastCoordinator', params: { programme: String(ctx.answers.programmeName ?? '') } }), next: 'stop' },
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'leave.confirm', params: { programme: String(ctx.answers.programmeName ?? ''), role: ctx.t(`roles.${String(ctx.answers.role)}`) } }),
      input: { kind: 'choice', options: yesNo('leave.yes', 'leave.no') },
      next: (ctx) => (ctx.answers.confirm === 'yes' ? 'leave' : 'kept'),
    },
    kept: { kind: 'say', text: { key: 'leave.kept' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    leave: {
      kind: 'act',
      run: async (ctx) => {
        const org = ctx.person.organisationId;
        const membership = await ctx.repos.memberships.get(org, String(ctx.answers.membershipId));
        if (membership?.status !== 'active') {
          ctx.say({ key: 'profile.notAMember' });
          return null;
        }
        if (await isLastCoordinator(ctx, membership)) return 'lastCoordinator';
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'membership:left', subjectType: 'Membership', subjectId: membership.id });
        await erasePersonFromProgramme(ctx.turn, { membershipId: membership.id, actorPersonId: ctx.person.id, ownRunId: ctx.run.id });
        // After the erasure, so a rematch offered now never suggests the person leaving.
        if (membership.role !== 'coordinator') await endMatchesOnLeaving(ctx.turn, membership, String(ctx.answers.programmeName ?? ''));
        await tellCoordinators(ctx, membership);
        // This run held the profile too (`initial`, from loading the programme): it goes with the rest.
        ctx.forgetAnswers();
        ctx.say({ key: 'leave.done', params: { programme: String(ctx.answers.programmeName ?? '') } });
        return null;
      },
    },
  },
};

/**
 * The programme's other coordinators are told, as they are told when someone joins. Not by name:
 * the notice is a new message, and a copy of it naming her would outlive the erasure that the
 * privacy notice promises ("our copies of messages that name you"). Her role, the date she joined
 * and the neutral reference that replaces her name in the programme's lists say who it was to a
 * coordinator who saw her join (the platform keeps that "has joined" message in her own chat).
 */
async function tellCoordinators(ctx: StepContext, membership: Membership): Promise<void> {
  const org = ctx.person.organisationId;
  const coordinators = await ctx.repos.memberships.listForProgramme(org, membership.programmeId, { role: 'coordinator', status: 'active' });
  const ref = membership.personId.slice(-4).toUpperCase();
  for (const c of coordinators.filter((m) => m.personId !== membership.personId)) {
    await ctx.notify(c.personId, (t) => ({
      text: t('leave.coordinatorNotice', {
        who: t('leave.formerParticipant', { ref }),
        role: t(`roles.${membership.role}`),
        joined: membership.joinedAt,
        programme: String(ctx.answers.programmeName ?? ''),
      }),
    }));
  }
}
