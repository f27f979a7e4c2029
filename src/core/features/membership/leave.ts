/**
 * Leaving a programme. The profile given for it is erased (only the fact that the person took
 * part stays, for the programme's own numbers), as the privacy notice promises.
 */
import { EMPTY_PROFILE } from '../../domain.js';
import type { FlowDefinition } from '../../engine/types.js';
import { yesNo } from '../../options.js';
import { programmeSteps } from './programme-steps.js';

export const leaveFlow: FlowDefinition = {
  id: 'leave',
  version: 1,
  title: 'flows.leave',
  start: 'route',
  steps: {
    ...programmeSteps('confirm'),
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'leave.confirm', params: { programme: String(ctx.answers.programmeName ?? '') } }),
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
        await ctx.repos.memberships.update(org, membership.id, { status: 'left', leftAt: ctx.clock.now(), profile: EMPTY_PROFILE, profileDoneAt: null });
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'membership:left', subjectType: 'Membership', subjectId: membership.id });
        ctx.say({ key: 'leave.done', params: { programme: String(ctx.answers.programmeName ?? '') } });
        return null;
      },
    },
  },
};
