/**
 * Leaving a programme. What the person gave for it is erased (erasure.ts: profile, answers, the
 * bot's copies of messages, the name); only the fact that they took part stays, for the
 * programme's own numbers, as the privacy notice promises.
 */
import type { FlowDefinition } from '../../engine/types.js';
import { yesNo } from '../../options.js';
import { erasePersonFromProgramme } from './erasure.js';
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
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'membership:left', subjectType: 'Membership', subjectId: membership.id });
        await erasePersonFromProgramme(ctx.turn, { membershipId: membership.id, actorPersonId: ctx.person.id, ownRunId: ctx.run.id });
        // This run held the profile too (`initial`, from loading the programme): it goes with the rest.
        ctx.forgetAnswers();
        ctx.say({ key: 'leave.done', params: { programme: String(ctx.answers.programmeName ?? '') } });
        return null;
      },
    },
  },
};
