/**
 * `talk to a coordinator` / `snakk med en koordinator`: a participant asks for a coordinator. A
 * short form asks what it is about (optional; the form says the coordinator will read it), then
 * the request is an 'asked-for-help' escalation with those words as shared. A person in several
 * programmes chooses which; a person in none is told so. The words' only copy goes to the
 * escalation's source (erased when the person leaves): the run's answer is emptied at once.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { programmeAnswers, whichProgrammeSteps } from '../../kernel/which-programme.js';
import { formValues } from '../reflections/forms.js';
import { raiseEscalation } from './raise.js';
import { detectConcerns } from './words.js';

export const HELP_FLOW = 'escalation-help';
const ABOUT_MAX = 1000;

export async function askHelpCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const mine = (await turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active')).filter((m) => m.membership.role !== 'coordinator');
  if (mine.length === 0) return turn.say({ key: 'escalations.helpNoProgramme' });
  await turn.engine.start(turn, HELP_FLOW, { answers: programmeAnswers(mine.map((m) => m.programme)), active });
}

/** The person's active participant membership in the run's programme, or null (left, or a coordinator there). */
async function membershipOf(ctx: StepContext) {
  const m = await ctx.repos.memberships.find(ctx.person.organisationId, String(ctx.answers.programmeId ?? ''), ctx.person.id);
  return m?.status === 'active' && m.role !== 'coordinator' ? m : null;
}

async function send(ctx: StepContext): Promise<string | null> {
  const about = formValues(ctx.answers.about).about;
  const words = typeof about === 'string' ? about.trim() : '';
  // The run keeps no copy: the words go to the escalation only.
  ctx.remember('about', null);
  const membership = await membershipOf(ctx);
  if (!membership) {
    ctx.say({ key: 'escalations.helpNoProgramme' });
    ctx.forgetAnswers();
    return null;
  }
  const org = ctx.person.organisationId;
  const side = membership.role === 'mentor' ? 'mentorMembershipId' : 'menteeMembershipId';
  const pairs = (await ctx.repos.matches.listForMembership(org, membership.id, ['active'])).filter((m) => m[side] === membership.id);
  await raiseEscalation(ctx.turn, {
    programmeId: membership.programmeId,
    matchId: pairs.length === 1 ? (pairs[0]?.id ?? null) : null,
    membershipId: membership.id,
    trigger: 'asked-for-help',
    // What the words signal (quitting, feeling unsafe…) shows on the card as for any shared words.
    concerns: words ? detectConcerns(words) : [],
    sharedWords: words || null,
    sourceKey: `help:${ctx.ids.next()}`,
  });
  ctx.forgetAnswers();
  return null;
}

export const askHelpFlow: FlowDefinition = {
  id: HELP_FLOW,
  version: 1,
  title: 'escalations.helpFlowTitle',
  start: 'route',
  steps: {
    ...whichProgrammeSteps({
      kind: 'act',
      run: async (ctx) => {
        if (!(await membershipOf(ctx))) {
          ctx.say({ key: 'escalations.helpNoProgramme' });
          return null;
        }
        ctx.remember('programmeName', (await ctx.repos.programmes.get(ctx.person.organisationId, String(ctx.answers.programmeId)))?.name ?? '');
        return 'about';
      },
    }),
    about: {
      kind: 'ask',
      key: 'about',
      text: (ctx) => ({ key: 'escalations.helpAsk', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: {
        kind: 'form',
        title: 'escalations.helpTitle',
        submitLabel: 'escalations.helpSubmit',
        fields: [{ kind: 'text', name: 'about', label: 'escalations.helpLabel', required: false, multiline: true, maxLength: ABOUT_MAX, hint: 'escalations.helpHint' }],
      },
      next: 'send',
    },
    send: { kind: 'act', run: send },
  },
};
