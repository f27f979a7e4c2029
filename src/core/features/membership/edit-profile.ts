/** Editing one's profile in a programme: the profile questions again, filled in with what is stored. */
import type { FlowDefinition } from '../../engine/types.js';
import { programmeSteps } from './programme-steps.js';
import { profileFromAnswers, profileSteps, roleOf } from './profile-steps.js';

export const editProfileFlow: FlowDefinition = {
  id: 'edit-profile',
  version: 1,
  title: 'flows.editProfile',
  start: 'route',
  steps: {
    ...programmeSteps('checkRole'),
    // Coordinators keep no matching profile: there is nothing for them to edit here.
    checkRole: { kind: 'act', run: async (ctx) => (ctx.answers.role === 'coordinator' ? 'coordinatorNote' : 'about') },
    coordinatorNote: { kind: 'say', text: { key: 'profile.coordinatorHasNone' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    ...profileSteps('save'),
    save: {
      kind: 'act',
      run: async (ctx) => {
        const org = ctx.person.organisationId;
        const membership = await ctx.repos.memberships.get(org, String(ctx.answers.membershipId));
        if (membership?.status !== 'active') {
          ctx.say({ key: 'profile.notAMember' });
          return null;
        }
        const profile = profileFromAnswers(ctx.answers, roleOf(ctx));
        await ctx.repos.memberships.update(org, membership.id, { profile, profileDoneAt: ctx.clock.now() });
        if (profile.fullName) await ctx.repos.people.update(org, ctx.person.id, { displayName: profile.fullName });
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'profile:updated', subjectType: 'Membership', subjectId: membership.id });
        ctx.say({ key: 'profile.saved' });
        return null;
      },
    },
  },
};
