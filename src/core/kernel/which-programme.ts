/**
 * How a flow settles which programme it is about, for every feature: people with one programme
 * are never asked; people with several choose, from options fixed when the flow started (stored
 * in the run), so the question they see is the one their click is checked against. Each feature
 * supplies its own `load` step (what it checks and remembers once the programme is known).
 */
import type { Answers, Programme } from '../domain.js';
import type { Step } from '../engine/types.js';

/** Separates id and name in a stored option ("id␟name"); neither can contain it. */
const OPTION_SEPARATOR = '\u001f';

/** The answers a flow starts with: the programme itself when there is one, else the choice to offer. */
export function programmeAnswers(programmes: readonly Pick<Programme, 'id' | 'name'>[]): Answers {
  const [only] = programmes;
  if (programmes.length === 1 && only) return { programmeId: only.id };
  return { choices: programmes.map((p) => `${p.id}${OPTION_SEPARATOR}${p.name}`) };
}

/** Steps `route` and `pick` (answer `programmeId`), both going on to `load`, which the caller gives. */
export function whichProgrammeSteps(load: Step): Record<string, Step> {
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
          // A programme's name is a coordinator's words: shown as written, never as a text key.
          return { value, label, literal: true };
        });
        return { kind: 'choice', options };
      },
      next: 'load',
    },
    load,
  };
}
