/**
 * `prepare` and `reflect`: one flow for both. A reflection first asks the rating 1–5 unless the
 * person already gave it (the rating question of reflect-job.ts stores it and starts this flow),
 * then their questions in a form; where the pair's confirmed agreement says so, the mentee then
 * writes a summary that goes to her mentor. Saving overwrites the form's answer in the run with
 * null before the engine saves it (as guide-flow.ts does with a note): the words' only copy is the
 * Reflection row, theirs alone until they share it (share.ts). A run left at the form resumes
 * there: the engine keeps its step, and a new `reflect` finds the rating stored and goes
 * straight to the form.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { literal } from '../../kernel/rich-text.js';
import { bothSides } from '../journey/agreement-confirm.js';
import { currentPair, pairLabel, pairsOf } from '../journey/guide-pairs.js';
import { fromOption, option, storedOptions } from '../matching/roster.js';
import { FIELDS, formValues, questionsForm, summaryForm, wordsOf } from './forms.js';
import { goalProgressAfter } from './goals.js';
import { dateData, dateOf, lastHeld, meetingOf, nextPlanned } from './meeting.js';
import type { ReflectionKind } from './ports.js';
import { RATING_OPTIONS, storeRating, summaryAgreed } from './rating.js';
import { askShare } from './share.js';
import { newRow } from './rows.js';

export const REFLECTION_FLOW = 'reflection';
const mentorNames = new WeakMap<Turn, string>();

/** Starts a preparation or a reflection: straight to the pair with one, a choice with several. */
export async function startReflection(turn: Turn, kind: ReflectionKind, opts: { active?: FlowRun | null; matchId?: string; meetingId?: string } = {}): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  const wanted = opts.matchId ? pairs.filter((p) => p.match.id === opts.matchId) : pairs;
  if (wanted.length === 0) return turn.say({ key: opts.matchId ? 'reflections.pairGone' : 'reflections.noPair' });
  const choices = wanted.map((p) => option(p.match.id, pairLabel(turn.t, p)));
  const only = wanted.length === 1 ? fromOption(choices[0] as string).value : null;
  const answers = { kind, choices, meetingId: opts.meetingId ?? '', ...(only ? { matchId: only } : {}) };
  await turn.engine.start(turn, REFLECTION_FLOW, { programmeId: only ? wanted[0]?.match.programmeId : null, answers, ...(opts.active !== undefined ? { active: opts.active } : {}) });
}

const kindOf = (ctx: StepContext): ReflectionKind => (ctx.answers.kind === 'preparation' ? 'preparation' : 'reflection');
const roleOf = (ctx: StepContext) => (ctx.answers.role === 'mentor' ? 'mentor' : 'mentee');
const meetingIdOf = (ctx: StepContext) => (typeof ctx.answers.meetingId === 'string' && ctx.answers.meetingId !== '' ? ctx.answers.meetingId : null);

function finish(ctx: StepContext, key: string, params?: Record<string, string>): null {
  ctx.say({ key, ...(params ? { params } : {}) });
  ctx.forgetAnswers();
  return null;
}

async function load(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'reflections.pairGone');
  // The programme in the answers too, so leaving it empties this run (erasure.ts).
  ctx.remember('programmeId', pair.match.programmeId);
  ctx.remember('role', pair.role);
  const kind = kindOf(ctx);
  const named = await meetingOf(ctx.turn, pair.match.id, meetingIdOf(ctx));
  const meeting = named ?? (meetingIdOf(ctx) ? null : await (kind === 'reflection' ? lastHeld(ctx.turn, pair.match.id) : nextPlanned(ctx.turn, pair.match.id)));
  const meetingId = meeting?.id ?? meetingIdOf(ctx);
  if (kind === 'reflection' && !meetingId) return finish(ctx, 'reflections.noHeldMeeting', { name: pair.partnerName });
  ctx.remember('meetingId', meetingId ?? '');
  ctx.remember('date', dateData(meeting));
  if (kind === 'preparation') return 'form';
  const stored = await ctx.repos.reflections.find(ctx.person.organisationId, pair.mine.id, meetingId, 'reflection');
  return stored?.rating ? 'form' : 'rate';
}

async function saveRating(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  const meetingId = meetingIdOf(ctx);
  if (!pair || !meetingId) return finish(ctx, 'reflections.pairGone');
  await storeRating(ctx.turn, pair, meetingId, Number(ctx.answers.rating));
  return 'form';
}

async function save(ctx: StepContext): Promise<string | null> {
  const kind = kindOf(ctx);
  const words = wordsOf(formValues(ctx.answers.form), FIELDS[kind][roleOf(ctx)]);
  // Overwritten before the run is saved: the words' only copy is the Reflection row.
  ctx.remember('form', null);
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'reflections.pairGone');
  const row = await ctx.repos.reflections.save(newRow(ctx.turn, pair, meetingIdOf(ctx), kind), { answers: words });
  ctx.remember('reflectionId', row.id);
  ctx.say({ key: `reflections.saved_${kind}` });
  if (kind === 'reflection' && pair.role === 'mentee' && (await summaryAgreed(ctx.turn, pair.match.id))) {
    mentorNames.set(ctx.turn, pair.partnerName);
    return 'summary';
  }
  return 'end';
}

async function sendSummary(ctx: StepContext): Promise<string | null> {
  const words = wordsOf(formValues(ctx.answers.summary), ['summary']).summary ?? '';
  // Meant for the mentor: it goes to him now, and the run keeps no copy.
  ctx.remember('summary', null);
  const pair = await currentPair(ctx);
  if (!pair) return finish(ctx, 'reflections.pairGone');
  const mentor = (await bothSides(ctx.turn, pair.match.id, pair.match.programmeId)).find((s) => s.pair.role === 'mentor');
  const date = dateOf(ctx.answers.date);
  const row = await ctx.repos.reflections.get(ctx.person.organisationId, pair.mine.id, String(ctx.answers.reflectionId ?? ''));
  // Kept with her reflection too: she sees it in `my reflections`, and it is erased when she leaves.
  if (row && words) await ctx.repos.reflections.save({ ...row, updatedAt: ctx.clock.now() }, { answers: { ...row.answers, summary: words } });
  if (mentor && words) {
    await ctx.turn.tell(mentor.personId, (t) => ({
      title: t('reflections.summaryFrom', { name: mentor.pair.partnerName }),
      text: date ? t('reflections.summaryOfMeeting', { date }) : t('reflections.summaryOfLastMeeting'),
      sections: [{ text: literal(words) }],
    }));
    ctx.say({ key: 'reflections.summarySent', params: { name: pair.partnerName } });
  }
  return 'end';
}

async function end(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  const id = typeof ctx.answers.reflectionId === 'string' ? ctx.answers.reflectionId : null;
  if (!pair || !id) return finish(ctx, 'reflections.pairGone');
  await askShare(ctx.turn, pair, id, kindOf(ctx));
  if (kindOf(ctx) === 'reflection' && pair.role === 'mentee') await goalProgressAfter(ctx.turn, pair.match.id, pair.mine.id);
  ctx.forgetAnswers();
  return null;
}

const dated = (ctx: StepContext, key: string) => {
  const date = dateOf(ctx.answers.date);
  return date ? { key, params: { date } } : { key: `${key}NoDate` };
};

export const reflectionFlow: FlowDefinition = {
  id: REFLECTION_FLOW,
  version: 1,
  title: 'reflections.flowTitle',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'load' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'reflections.pickPair' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'load' },
    load: { kind: 'act', run: load },
    rate: { kind: 'ask', key: 'rating', text: (ctx) => dated(ctx, 'reflections.rateAsk'), input: { kind: 'choice', options: RATING_OPTIONS }, next: 'saveRating' },
    saveRating: { kind: 'act', run: saveRating },
    form: { kind: 'ask', key: 'form', text: (ctx) => dated(ctx, `reflections.${kindOf(ctx)}Ask`), input: (ctx) => questionsForm(kindOf(ctx), roleOf(ctx)), next: 'save' },
    save: { kind: 'act', run: save },
    summary: {
      kind: 'ask',
      key: 'summary',
      text: (ctx) => {
        const name = mentorNames.get(ctx.turn);
        return name ? { key: 'reflections.summaryAsk', params: { name } } : { key: 'reflections.summaryAskNoName' };
      },
      input: summaryForm,
      next: 'sendSummary',
    },
    sendSummary: { kind: 'act', run: sendSummary },
    end: { kind: 'act', run: end },
  },
};
