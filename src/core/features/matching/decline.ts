/**
 * After declining a request, the mentor may say why, for the coordinators only (it helps them
 * suggest better; the mentee is never shown it). A flow rather than an open question: a
 * question keeps its answer in its row, where a person's words would outlive their leaving,
 * while the flow's answers are dropped as soon as the reason is stored on the match (which
 * erasure empties, MatchRepo.eraseDeclineReasons).
 */
import type { FlowDefinition } from '../../engine/types.js';

export const DECLINE_FLOW = 'matching-decline-reason';
const MAX_REASON = 1000;

export const declineReasonFlow: FlowDefinition = {
  id: DECLINE_FLOW,
  version: 1,
  title: 'matching.flowDecline',
  start: 'reason',
  steps: {
    reason: {
      kind: 'ask',
      key: 'reason',
      text: { key: 'matching.declineReasonAsk' },
      input: {
        kind: 'form',
        title: 'matching.declineReasonTitle',
        submitLabel: 'matching.declineReasonSubmit',
        fields: [{ kind: 'text', name: 'reason', label: 'matching.declineReasonLabel', required: false, multiline: true, maxLength: MAX_REASON }],
      },
      next: 'save',
    },
    save: {
      kind: 'act',
      run: async (ctx) => {
        const form = ctx.answers.reason;
        const reason = form && typeof form === 'object' && !Array.isArray(form) && typeof form.reason === 'string' ? form.reason.trim() : '';
        const matchId = String(ctx.answers.matchId ?? '');
        const org = ctx.person.organisationId;
        const match = reason ? await ctx.repos.matches.get(org, matchId) : null;
        // Only the mentor of a match they declined can add its reason.
        const mine = match ? await ctx.repos.memberships.get(org, match.mentorMembershipId) : null;
        if (match && mine?.personId === ctx.person.id) {
          await ctx.repos.matches.transition(org, matchId, ['declined'], 'declined', { declineReason: reason });
        }
        ctx.forgetAnswers();
        ctx.say({ key: reason ? 'matching.declineReasonThanks' : 'matching.declineReasonNone' });
        return null;
      },
    },
  },
};
