/**
 * The mentee's and mentor's part of matching (see index.ts): suggestions and the choice
 * (offer.ts, choose.ts), the request and the mentor's answer (request.ts, decline.ts), the
 * waitlist (waitlist.ts) and a mentor's places (capacity.ts).
 */
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition } from '../../engine/types.js';
import type { Feature } from '../../kernel/feature.js';
import { programmeAnswers, whichProgrammeSteps } from '../../kernel/which-programme.js';
import { membershipsWithProgrammes } from '../membership/views.js';
import { capacityCommand, capacityFlow } from './capacity.js';
import { chooseKind } from './choose.js';
import { declineReasonFlow } from './decline.js';
import { pairedMemberships } from './help-facts.js';
import { type OfferResult, offerSuggestions } from './offer.js';
import { remindJob, requestKind } from './request.js';

const FIND_FLOW = 'matching-find-mentor';

/** Runs the offer for one of her memberships; "already matched" is the one outcome it does not say itself. */
async function findFor(turn: Turn, membershipId: string): Promise<OfferResult> {
  const result = await offerSuggestions(turn, membershipId);
  if (result === 'alreadyMatched') turn.say({ key: 'matching.alreadyMatched' });
  return result;
}

/** Only for a mentee with several programmes: which one she wants a mentor in. */
const findMentorFlow: FlowDefinition = {
  id: FIND_FLOW,
  version: 1,
  title: 'matching.flowFindMentor',
  start: 'route',
  steps: whichProgrammeSteps({
    kind: 'act',
    run: async (ctx) => {
      const m = await ctx.repos.memberships.find(ctx.person.organisationId, String(ctx.answers.programmeId ?? ''), ctx.person.id);
      if (m?.status === 'active' && m.role === 'mentee') await findFor(ctx.turn, m.id);
      else ctx.say({ key: 'matching.notMentee' });
      return null;
    },
  }),
};

export const menteeSide: Omit<Feature, 'name'> = {
  flows: [findMentorFlow, declineReasonFlow, capacityFlow],
  commands: [
    {
      name: 'findMentor',
      run: async (turn, _argument, { active }) => {
        const mine = (await membershipsWithProgrammes(turn)).filter((x) => x.membership.role === 'mentee');
        const [only] = mine;
        if (!only) turn.say({ key: 'matching.notMentee' });
        // One programme needs no question, so whatever she is in the middle of stays.
        else if (mine.length === 1) await findFor(turn, only.membership.id);
        else await turn.engine.start(turn, FIND_FLOW, { answers: programmeAnswers(mine.map((x) => x.programme)), active });
      },
    },
    capacityCommand,
  ],
  questions: [chooseKind, requestKind],
  jobs: [remindJob],
  help: async (turn, facts) => {
    const mentees = facts.mine.filter((x) => x.membership.role === 'mentee');
    // "mentors" only while she has no mentor there: once paired, it would only say she has one.
    const paired = mentees.length > 0 ? await pairedMemberships(turn, facts) : new Set<string>();
    return [
      ...(mentees.some((x) => !paired.has(x.membership.id)) ? [turn.t('help.cmdFindMentor')] : []),
      ...(facts.mine.some((x) => x.membership.role === 'mentor') ? [turn.t('help.cmdCapacity')] : []),
    ];
  },
};
