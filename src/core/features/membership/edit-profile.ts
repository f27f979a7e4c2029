/**
 * Editing one's profile in a programme: first which part ("languages", "goals"… or everything),
 * then only that part's questions, each filled in with what is stored; the save merges the
 * answers over the stored profile, so what was not asked stays as it was.
 */
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { offerSuggestions, offerToWaitlist } from '../matching/offer.js';
import { mergedAnswers } from './profile-answers.js';
import { completeStep, firstStepOf, partQuestion, profileFromAnswers, profileSteps, roleOf } from './profile-steps.js';
import { programmeSteps } from './programme-steps.js';

export const editProfileFlow: FlowDefinition = {
  id: 'edit-profile',
  // 2: asks which part first; languages are a form (ticked ones stay ticked), with "other".
  version: 2,
  title: 'flows.editProfile',
  start: 'route',
  steps: {
    ...programmeSteps('checkRole'),
    // Coordinators keep no matching profile: there is nothing for them to edit here.
    checkRole: { kind: 'act', run: async (ctx) => (ctx.answers.role === 'coordinator' ? 'coordinatorNote' : 'part') },
    coordinatorNote: { kind: 'say', text: { key: 'profile.coordinatorHasNone' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    part: partQuestion('profile.whichPart', 'firstStep'),
    firstStep: { kind: 'act', run: async (ctx) => firstStepOf(ctx) },
    ...profileSteps('complete'),
    complete: completeStep('save'),
    save: {
      kind: 'act',
      run: async (ctx) => {
        const org = ctx.person.organisationId;
        const membership = await ctx.repos.memberships.get(org, String(ctx.answers.membershipId));
        if (membership?.status !== 'active') {
          ctx.say({ key: 'profile.notAMember' });
          return null;
        }
        const profile = profileFromAnswers(mergedAnswers(ctx.answers), roleOf(ctx));
        // Places are never fewer than the mentees a mentor has now (as the capacity command says).
        const active = membership.role === 'mentor' ? await activeMenteeCount(ctx, membership.id) : 0;
        if (membership.role === 'mentor' && (profile.capacity ?? 0) < active) {
          ctx.say({ key: 'matching.capacityBelowActive', params: { active } });
          return 'mentor';
        }
        await ctx.repos.memberships.update(org, membership.id, { profile, profileDoneAt: ctx.clock.now() });
        if (profile.fullName) await ctx.repos.people.update(org, ctx.person.id, { displayName: profile.fullName });
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'profile:updated', subjectType: 'Membership', subjectId: membership.id, data: { part: String(ctx.answers.part ?? 'all') } });
        ctx.say({ key: 'profile.saved' });
        // A changed profile may fit someone waiting now: more places, another language, another field.
        if (membership.role === 'mentor') await offerToWaitlist(ctx.turn, membership.programmeId);
        else if (await ctx.repos.waitlist.get(org, membership.id)) await offerSuggestions(ctx.turn, membership.id, { quiet: true });
        return null;
      },
    },
  },
};

async function activeMenteeCount(ctx: StepContext, mentorMembershipId: string): Promise<number> {
  const active = await ctx.repos.matches.listForMembership(ctx.person.organisationId, mentorMembershipId, ['active']);
  return active.filter((m) => m.mentorMembershipId === mentorMembershipId).length;
}
