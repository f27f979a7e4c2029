/**
 * A mentor's places: how many mentees (0–5) and whether they take new ones now. Pausing keeps
 * the number for when they resume; the number never goes below the mentees they have now (an
 * active match is ended with the coordinator, not by lowering a number). More room offers
 * suggestions to the waitlist at once.
 */
import type { Membership } from '../../domain.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import type { CommandDef } from '../../kernel/feature.js';
import { programmeAnswers, whichProgrammeSteps } from '../../kernel/which-programme.js';
import { yesNo } from '../../options.js';
import { membershipsWithProgrammes } from '../membership/views.js';
import { offerToWaitlist } from './offer.js';

export const CAPACITY_FLOW = 'matching-capacity';
export const MAX_CAPACITY = 5;

async function mentorOf(ctx: StepContext): Promise<Membership | null> {
  const m = await ctx.repos.memberships.find(ctx.person.organisationId, String(ctx.answers.programmeId ?? ''), ctx.person.id);
  return m?.status === 'active' && m.role === 'mentor' ? m : null;
}

const activeCount = async (ctx: StepContext, m: Membership) => (await ctx.repos.matches.countByMentor(ctx.person.organisationId, m.programmeId, ['active'])).get(m.id) ?? 0;

export const capacityFlow: FlowDefinition = {
  id: CAPACITY_FLOW,
  version: 1,
  title: 'matching.flowCapacity',
  start: 'route',
  steps: {
    ...whichProgrammeSteps({
      kind: 'act',
      run: async (ctx) => {
        const m = await mentorOf(ctx);
        if (!m) {
          ctx.say({ key: 'matching.capacityNotMentor' });
          return null;
        }
        const accepting = (await ctx.repos.mentorAvailability.accepting(ctx.person.organisationId, [m.id])).get(m.id) ?? true;
        ctx.say({ key: accepting ? 'matching.capacityNow' : 'matching.capacityNowPaused', params: { capacity: m.profile.capacity ?? 0, active: await activeCount(ctx, m) } });
        ctx.remember('current', String(m.profile.capacity ?? 0));
        ctx.remember('wasAccepting', accepting ? 'yes' : 'no');
        return 'form';
      },
    }),
    form: {
      kind: 'ask',
      key: 'places',
      text: { key: 'matching.capacityAsk' },
      input: (ctx) => ({
        kind: 'form',
        title: 'matching.capacityTitle',
        submitLabel: 'matching.capacitySave',
        initial: { capacity: String(ctx.answers.current ?? '0'), accepting: String(ctx.answers.wasAccepting ?? 'yes') },
        fields: [
          { kind: 'number', name: 'capacity', label: 'matching.capacityLabel', required: true, min: 0, max: MAX_CAPACITY },
          { kind: 'select', name: 'accepting', label: 'matching.acceptingLabel', required: true, options: yesNo('matching.acceptingYes', 'matching.acceptingNo') },
        ],
      }),
      next: 'save',
    },
    save: { kind: 'act', run: save },
  },
};

async function save(ctx: StepContext): Promise<string | null> {
  const m = await mentorOf(ctx);
  if (!m) {
    ctx.say({ key: 'matching.capacityNotMentor' });
    return null;
  }
  const form = ctx.answers.places;
  const values = form && typeof form === 'object' && !Array.isArray(form) ? form : {};
  const capacity = Number(values.capacity);
  const accepting = values.accepting !== 'no';
  const active = await activeCount(ctx, m);
  if (!Number.isInteger(capacity) || capacity < active) {
    ctx.say({ key: 'matching.capacityBelowActive', params: { active } });
    return 'form';
  }
  const org = ctx.person.organisationId;
  const before = m.profile.capacity ?? 0;
  const wasAccepting = ctx.answers.wasAccepting !== 'no';
  await ctx.repos.memberships.update(org, m.id, { profile: { capacity } });
  await ctx.repos.mentorAvailability.setAccepting(org, m.id, accepting);
  ctx.say({ key: accepting ? 'matching.capacitySaved' : 'matching.capacityPaused', params: { capacity } });
  if (accepting && (capacity > before || !wasAccepting)) await offerToWaitlist(ctx.turn, m.programmeId);
  return null;
}

/** `capacity`: for mentors, about one of their programmes. */
export const capacityCommand: CommandDef = {
  name: 'capacity',
  run: async (turn, _argument, { active }) => {
    const mine = (await membershipsWithProgrammes(turn)).filter((x) => x.membership.role === 'mentor');
    if (mine.length === 0) {
      turn.say({ key: 'matching.capacityNotMentor' });
      return;
    }
    await turn.engine.start(turn, CAPACITY_FLOW, { answers: programmeAnswers(mine.map((x) => x.programme)), active });
  },
};
