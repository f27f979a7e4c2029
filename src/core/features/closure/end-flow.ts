/**
 * `end mentoring`: either side of a pair ends it early. A confirmation, then why (a select, so a
 * reader in her third language need not write, and an optional line that only the programme's
 * coordinators read). The ending itself is matching's endMatch, the one way a pair ends early
 * (capacity, waitlist and the rematch stay right); it records the closure through recordEnding.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition } from '../../engine/types.js';
import { yesNo } from '../../options.js';
import { currentPair, pairLabel, pairsOf } from '../journey/guide-pairs.js';
import { endMatch } from '../matching/end-match.js';
import { fromOption, option, storedOptions } from '../matching/roster.js';
import { reasonForm } from './forms.js';
import { REASON_CODES, type ReasonCode } from './ports.js';

export async function endMentoringCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'closure.endNone' });
  const choices = pairs.map((p) => option(p.match.id, pairLabel(turn.t, p)));
  const only = choices.length === 1 ? fromOption(choices[0] as string).value : null;
  await turn.engine.start(turn, 'closure-end', { answers: { choices, ...(only ? { matchId: only } : {}) }, active });
}

const chosen = (answers: Record<string, unknown>) => storedOptions(answers.choices).find((o) => o.value === answers.matchId)?.label ?? '';
const field = (answers: Record<string, unknown>, name: string) => {
  const why = answers.why;
  const value = why && typeof why === 'object' && !Array.isArray(why) ? (why as Record<string, unknown>)[name] : null;
  return typeof value === 'string' ? value : null;
};

export const endMentoringFlow: FlowDefinition = {
  id: 'closure-end',
  version: 1,
  title: 'closure.flowEnd',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'confirm' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'closure.endPick' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'confirm' },
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'closure.endConfirm', params: { pair: chosen(ctx.answers) } }),
      input: { kind: 'choice', options: yesNo('closure.endYes', 'closure.endNo').map((o) => (o.value === 'yes' ? { ...o, style: 'danger' as const } : o)) },
      next: (ctx) => (ctx.answers.confirm === 'yes' ? 'reason' : 'kept'),
    },
    kept: { kind: 'say', text: { key: 'closure.endKept' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    reason: { kind: 'ask', key: 'why', text: { key: 'closure.reasonAsk' }, input: reasonForm, next: 'end' },
    end: {
      kind: 'act',
      run: async (ctx) => {
        const pair = await currentPair(ctx);
        if (!pair) {
          ctx.forgetAnswers();
          ctx.say({ key: 'closure.endAlready' });
          return null;
        }
        const code = field(ctx.answers, 'reason');
        const reasonCode = REASON_CODES.includes(code as ReasonCode) ? (code as ReasonCode) : 'other';
        const ended = await endMatch(ctx.turn, pair.match, { personId: ctx.person.id, as: pair.role, reason: field(ctx.answers, 'note'), reasonCode });
        // The line went to the closure (coordinators' eyes only); the run keeps no copy of it.
        ctx.forgetAnswers();
        ctx.say({ key: ended ? 'closure.endDone' : 'closure.endAlready' });
        return null;
      },
    },
  },
};
