/**
 * Steps that settle which programme a flow is about. People in one programme are never asked;
 * people in several choose, from options fixed when the flow started (stored in the run), so
 * the question they see is the one their click is checked against.
 */
import type { Step } from '../../engine/types.js';
import { answersFromProfile } from './profile-steps.js';

/** Separates id and name in a stored option ("id␟name"); neither can contain it. */
export const OPTION_SEPARATOR = '\u001f';

/** Steps `route`, `pick`, `load`, then `next` with answers programmeId, programmeName, role, initial. */
export function programmeSteps(next: string): Record<string, Step> {
  return {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.programmeId === 'string' ? 'load' : 'pick') },
    pick: {
      kind: 'ask',
      key: 'programmeId',
      text: { key: 'common.whichProgramme' },
      input: (ctx) => {
        const list = Array.isArray(ctx.answers.choices) ? ctx.answers.choices : [];
        const options = list.map((c) => {
          const [value = '', label = ''] = c.split(OPTION_SEPARATOR);
          return { value, label, literal: true };
        });
        return { kind: 'choice', options };
      },
      next: 'load',
    },
    load: {
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
    },
  };
}
