/**
 * The nudge itself: one open question listing what waits, with buttons that act at once. Each
 * button does what its command would (plan a meeting, open the agreement, continue training),
 * resends the waiting questions with live buttons ("Show what waits"), or quiets the reminders
 * (a week's snooze, or a pause until a date, asked in a form). Any answer marks the nudge as
 * answered, so it does not count as ignored. Its data holds item codes and ids, never words.
 */
import type { OpenQuestion } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { ChoiceOption } from '../../messages.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { renderOpen } from '../../kernel/questions.js';
import type { Translate } from '../../kernel/work.js';
import { agreementCommand } from '../journey/agreement-flow.js';
import { startPlanning } from '../meetings/plan-flow.js';
import { PLAN_FLOW } from '../meetings/respond.js';
import { trainingCommand } from '../training/take.js';
import { decodeItems, type Item, QUESTION_CODES, WAITING_KINDS } from './items.js';
import { PAUSE_FLOW } from './pause.js';
import { WEEK } from './time.js';

const FEATURE = 'nudges';
export const NUDGE_KIND = `${FEATURE}.nudge`;

const ITEM_KEYS: Record<Item['code'], string> = {
  proposeMeeting: 'nudges.itemProposeMeeting',
  followUp: 'nudges.itemFollowUp',
  agreement: 'nudges.itemAgreement',
  meeting: 'nudges.itemMeeting',
  rating: 'nudges.itemRating',
  reflection: 'nudges.itemReflection',
  training: 'nudges.itemTraining',
  request: 'nudges.itemRequest',
};

export function itemLine(t: Translate, item: Item): string {
  return t(ITEM_KEYS[item.code], { count: item.count, days: item.days ?? 0 });
}

/** The buttons that act on what is listed, then the two that quiet the reminders. */
export function buttons(t: Translate, items: Item[]): ChoiceOption[] {
  const has = (...codes: Item['code'][]) => items.some((i) => codes.includes(i.code));
  const options: ChoiceOption[] = [];
  if (has('proposeMeeting', 'followUp')) options.push({ value: 'plan', label: t('nudges.btnPlan'), style: 'primary' });
  if (items.some((i) => i.code === 'agreement' && i.count > 0) && !has('proposeMeeting', 'followUp')) options.push({ value: 'agreement', label: t('nudges.btnAgreement') });
  if (items.some((i) => QUESTION_CODES.includes(i.code))) options.push({ value: 'show', label: t('nudges.btnShow') });
  if (has('training')) options.push({ value: 'training', label: t('nudges.btnTraining') });
  options.push({ value: 'snooze', label: t('nudges.btnSnooze') }, { value: 'pause', label: t('nudges.btnPause') });
  return options;
}

export function renderNudge(t: Translate, q: OpenQuestion): ReturnType<QuestionKind['render']> {
  const items = decodeItems(q.data.items);
  const text = [t('nudges.intro', { count: items.length }), ...items.map((i) => `• ${itemLine(t, i)}`)].join('\n');
  return { text, context: [t('nudges.context')], prompt: { id: q.id, spec: { kind: 'choice', options: buttons(t, items) } } };
}

/** Sends each waiting question again, with its live buttons; says so when nothing waits. */
async function showWaiting(turn: Turn): Promise<void> {
  const open = await turn.repos.questions.listOpenFor(turn.organisation.id, turn.person.id, turn.clock.now());
  let shown = 0;
  for (const q of open.reverse()) {
    const kind = q.kind in WAITING_KINDS ? turn.registry.questions.get(q.kind) : undefined;
    if (!kind) continue;
    turn.say(renderOpen(kind, turn.t, q));
    shown += 1;
  }
  // A reflection begun and left waits in her one typed conversation: shown again where it stopped.
  const run = await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
  if (run?.flowId === 'reflection') {
    await turn.engine.repeatQuestion(turn, run);
    shown += 1;
  }
  if (shown === 0) turn.say({ key: 'nudges.nothingWaiting' });
}

export const nudgeKind: QuestionKind = {
  kind: NUDGE_KIND,
  render: renderNudge,
  summary: (t, q) => t('nudges.summary', { count: decodeItems(q.data.items).length }),
  async answer(turn, q, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    const now = turn.clock.now();
    const active = await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
    switch (value) {
      case 'plan':
        await startPlanning(turn, active, PLAN_FLOW);
        break;
      case 'agreement':
        await agreementCommand(turn, active);
        break;
      case 'show':
        await showWaiting(turn);
        break;
      case 'training':
        await trainingCommand(turn, active);
        break;
      case 'snooze': {
        const until = new Date(now.getTime() + WEEK);
        await turn.repos.nudges.setPause(turn.organisation.id, turn.person.id, { kind: 'snooze', until }, now);
        turn.say({ key: 'nudges.snoozed', params: { until } });
        break;
      }
      case 'pause':
        await turn.engine.start(turn, PAUSE_FLOW, { active });
        break;
      default:
        return { status: 'invalid' };
    }
    await turn.repos.nudges.markAnswered(turn.organisation.id, q.id, now);
    return { status: 'answered' };
  },
};
