/**
 * A person's holidays from reminders: `pause nudges until 24.12.` (or the "Pause nudges" button,
 * which asks for the date in a form) and `resume nudges`. A pause ends at the start of the
 * chosen day in the person's own time zone; the planner skips them until then.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { localTime, parseDay } from './time.js';

export const PAUSE_FLOW = 'nudges-pause';

/** Only mentors and mentees get reminders; a coordinator is told so. */
async function isParticipant(turn: Turn): Promise<boolean> {
  const mine = await turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active');
  return mine.some((m) => m.membership.role !== 'coordinator');
}

async function pauseUntil(turn: Pick<Turn, 'repos' | 'organisation' | 'person' | 'clock'>, until: Date): Promise<void> {
  await turn.repos.nudges.setPause(turn.organisation.id, turn.person.id, { kind: 'pause', until }, turn.clock.now());
}

/** `pause nudges [until] <date>`: at once with a date in the future, else the form. */
export async function pauseCommand(turn: Turn, argument: string, active: FlowRun | null): Promise<void> {
  if (!(await isParticipant(turn))) return turn.say({ key: 'nudges.notParticipant' });
  const until = argument ? parseDay(argument, turn.person.timeZone, turn.clock.now()) : null;
  if (until && until > turn.clock.now()) {
    await pauseUntil(turn, until);
    return turn.say({ key: 'nudges.paused', params: { until } });
  }
  await turn.engine.start(turn, PAUSE_FLOW, { active });
}

export async function resumeCommand(turn: Turn): Promise<void> {
  const ended = await turn.repos.nudges.resume(turn.organisation.id, turn.person.id);
  turn.say({ key: ended ? 'nudges.resumed' : 'nudges.notPaused' });
}

async function save(ctx: StepContext): Promise<string | null> {
  const values = (ctx.answers.pause ?? {}) as Record<string, unknown>;
  const now = ctx.clock.now();
  const until = parseDay(String(values.until ?? ''), ctx.person.timeZone, now);
  const tomorrow = localTime(now, ctx.person.timeZone).startOf('day').plus({ days: 1 }).toJSDate();
  if (!until || until < tomorrow) {
    ctx.say({ key: 'nudges.pauseBadDate' });
    return 'form';
  }
  await pauseUntil(ctx.turn, until);
  ctx.say({ key: 'nudges.paused', params: { until } });
  ctx.forgetAnswers();
  return null;
}

export const pauseFlow: FlowDefinition = {
  id: PAUSE_FLOW,
  version: 1,
  title: 'nudges.flowPause',
  start: 'form',
  steps: {
    form: {
      kind: 'ask',
      key: 'pause',
      text: { key: 'nudges.pauseAsk' },
      input: { kind: 'form', title: 'nudges.pauseTitle', submitLabel: 'nudges.pauseSubmit', fields: [{ kind: 'date', name: 'until', label: 'nudges.pauseDate', required: true, hint: 'nudges.pauseHint' }] },
      next: 'save',
    },
    save: { kind: 'act', run: save },
  },
};
