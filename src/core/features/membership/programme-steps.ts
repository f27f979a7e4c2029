/**
 * Steps that settle which of the person's programmes a flow is about (kernel/which-programme.ts),
 * then load their membership in it: refused in words when they are no longer an active member.
 */
import type { Step } from '../../engine/types.js';
import { whichProgrammeSteps } from '../../kernel/which-programme.js';
import { answersFromProfile } from './profile-steps.js';

/** Steps `route`, `pick`, `load`, then `next` with answers programmeId, programmeName, role, initial. */
export function programmeSteps(next: string): Record<string, Step> {
  return whichProgrammeSteps({
    kind: 'act',
    run: async (ctx) => {
      const org = ctx.person.organisationId;
      const programmeId = String(ctx.answers.programmeId);
      const membership = await ctx.repos.memberships.find(org, programmeId, ctx.person.id);
      const programme = await ctx.repos.programmes.get(org, programmeId);
      if (membership?.status !== 'active' || !programme) {
        ctx.say({ key: 'profile.notAMember' });
        return null;
      }
      ctx.remember('programmeName', programme.name);
      ctx.remember('role', membership.role);
      ctx.remember('membershipId', membership.id);
      ctx.remember('initial', answersFromProfile(membership.profile).initial ?? null);
      return next;
    },
  });
}
