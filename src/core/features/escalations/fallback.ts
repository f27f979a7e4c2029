/**
 * `escalation fallback`: an organisation's coordinators and organisers name the person an
 * unacknowledged escalation is also sent to (reescalate.ts), chosen among the organisation's
 * active coordinators, or nobody. One setting per organisation, audited (ids only).
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition } from '../../engine/types.js';
import { option, storedOptions } from '../matching/roster.js';
import { canCreateProgramme } from '../programmes/permissions.js';

export const FALLBACK_FLOW = 'escalation-fallback';
const NOBODY = 'none';

export async function fallbackCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  if (!(await canCreateProgramme(turn))) return turn.say({ key: 'escalations.fallbackNotAllowed' });
  const org = turn.organisation.id;
  const choices: string[] = [];
  for (const personId of await turn.repos.escalations.organisationCoordinators(org)) {
    const person = await turn.personById(personId);
    if (person) choices.push(option(person.id, person.displayName));
  }
  choices.push(option(NOBODY, turn.t('escalations.fallbackNobody')));
  const current = await turn.repos.escalations.fallback(org);
  const currentName = current ? ((await turn.personById(current))?.displayName ?? '?') : '';
  await turn.engine.start(turn, FALLBACK_FLOW, { answers: { choices, currentName }, active });
}

export const fallbackFlow: FlowDefinition = {
  id: FALLBACK_FLOW,
  version: 1,
  title: 'escalations.fallbackFlowTitle',
  start: 'pick',
  steps: {
    pick: {
      kind: 'ask',
      key: 'personId',
      text: (ctx) => (ctx.answers.currentName ? { key: 'escalations.fallbackAsk', params: { name: String(ctx.answers.currentName) } } : { key: 'escalations.fallbackAskNone' }),
      input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }),
      next: 'save',
    },
    save: {
      kind: 'act',
      run: async (ctx) => {
        const org = ctx.person.organisationId;
        const chosen = String(ctx.answers.personId ?? '');
        // Checked again: a click may come after she stopped coordinating, or after the chosen one did.
        if (!(await canCreateProgramme(ctx.turn))) {
          ctx.say({ key: 'escalations.fallbackNotAllowed' });
          return null;
        }
        const candidates = await ctx.repos.escalations.organisationCoordinators(org);
        if (chosen !== NOBODY && !candidates.includes(chosen)) {
          ctx.say({ key: 'escalations.fallbackGone' });
          return null;
        }
        const personId = chosen === NOBODY ? null : chosen;
        await ctx.repos.escalations.setFallback(org, personId, ctx.clock.now());
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'escalation:fallback-set', subjectType: 'Organisation', subjectId: org, data: { fallbackPersonId: personId } });
        const name = personId ? ((await ctx.turn.personById(personId))?.displayName ?? '?') : '';
        ctx.say(personId ? { key: 'escalations.fallbackSet', params: { name } } : { key: 'escalations.fallbackCleared' });
        return null;
      },
    },
  },
};
