/**
 * `meeting guide`: the MENTOR model on demand during a meeting. An overview of the six steps,
 * then one step at a time (Back, Next, Write a note, Done), for as long as the person likes.
 *
 * A note is its author's alone. It never stays in the run: the form's answer is overwritten
 * with null by the act step that saves it, in the same turn, before the engine saves the run (as
 * training/take.ts does with a reflection). The form is prefilled with the stored note through
 * `prefill`, held for the one turn that shows the form, so the run never holds a copy either;
 * a form shown again later (after `help`) is simply empty.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, OptionDef, StepContext } from '../../engine/types.js';
import { fromOption, option, storedOptions } from '../matching/roster.js';
import { GUIDE_CONTEXT, GUIDE_STEPS, overviewText, stepAt, stepCard } from './guide-steps.js';
import { currentPair, type Pair, pairLabel, pairsOf } from './guide-pairs.js';

export const GUIDE_FLOW = 'meeting-guide';
const NOTE_MAX = 2000;
const prefill = new WeakMap<Turn, string>();

/** Holds the person's stored note on this step as the form's prefill for this turn; false without a pair. */
async function loadNote(ctx: StepContext): Promise<boolean> {
  const pair = await currentPair(ctx);
  if (!pair) return false;
  const note = await ctx.repos.notes.find(ctx.person.organisationId, keyOf(pair, ctx));
  if (note) prefill.set(ctx.turn, note.text);
  return true;
}

/** The `meeting guide` command: straight to the guide with one pair, a choice with several. */
export async function meetingGuideCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'guide.noPair' });
  const choices = pairs.map((p) => option(p.match.id, pairLabel(turn.t, p)));
  const only = pairs.length === 1 ? fromOption(choices[0] as string).value : null;
  await turn.engine.start(turn, GUIDE_FLOW, { programmeId: only ? pairs[0]?.match.programmeId : null, answers: { choices, ...(only ? { matchId: only } : {}) }, active });
}

const index = (ctx: StepContext) => Number(ctx.answers.step ?? 0);
const noted = (ctx: StepContext) => (Array.isArray(ctx.answers.noted) ? ctx.answers.noted : []);
const role = (ctx: StepContext) => (ctx.answers.role === 'mentor' ? 'mentor' : 'mentee');
const keyOf = (pair: Pair, ctx: StepContext) => ({ matchId: pair.match.id, authorMembershipId: pair.mine.id, context: GUIDE_CONTEXT, step: stepAt(index(ctx)).id }) as const;

function buttons(ctx: StepContext): OptionDef[] {
  const i = index(ctx);
  const hasNote = noted(ctx).includes(stepAt(i).id);
  return [
    ...(i > 0 ? [{ value: 'back', label: 'guide.back' }] : []),
    ...(i < GUIDE_STEPS.length - 1 ? [{ value: 'next', label: 'guide.next', style: 'primary' as const }] : []),
    { value: 'note', label: hasNote ? 'guide.editNote' : 'guide.writeNote' },
    { value: 'done', label: 'guide.done' },
  ];
}

/** The pair has ended, or the person left: nothing more is shown or written. */
function gone(ctx: StepContext): null {
  ctx.say({ key: 'guide.pairGone' });
  ctx.forgetAnswers();
  return null;
}

export const guideFlow: FlowDefinition = {
  id: GUIDE_FLOW,
  version: 1,
  title: 'guide.flowTitle',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'load' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'guide.pickPair' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'load' },
    load: {
      kind: 'act',
      run: async (ctx) => {
        const pair = await currentPair(ctx);
        if (!pair) return gone(ctx);
        // The programme in the answers too, so leaving it empties this run (erasure.ts).
        ctx.remember('programmeId', pair.match.programmeId);
        ctx.remember('role', pair.role);
        ctx.remember('step', 0);
        ctx.say({ text: overviewText(ctx.t) });
        return 'view';
      },
    },
    view: {
      kind: 'act',
      run: async (ctx) => {
        const pair = await currentPair(ctx);
        if (!pair) return gone(ctx);
        // Which steps have the person's own note: step ids only, never the text.
        const notes = await ctx.repos.notes.listByAuthor(ctx.person.organisationId, pair.mine.id, pair.match.id, GUIDE_CONTEXT);
        ctx.remember('noted', notes.map((n) => n.step));
        return 'show';
      },
    },
    show: {
      kind: 'ask',
      key: 'click',
      text: (ctx) => stepCard(ctx.t, index(ctx), role(ctx), noted(ctx).includes(stepAt(index(ctx)).id)),
      input: (ctx) => ({ kind: 'choice', options: buttons(ctx) }),
      next: (ctx) => ({ back: 'move', next: 'move', note: 'open', done: 'finish' })[String(ctx.answers.click)] ?? 'show',
    },
    move: {
      kind: 'act',
      run: async (ctx) => {
        const to = index(ctx) + (ctx.answers.click === 'back' ? -1 : 1);
        ctx.remember('step', Math.min(Math.max(to, 0), GUIDE_STEPS.length - 1));
        return 'view';
      },
    },
    open: {
      kind: 'act',
      run: async (ctx) => ((await loadNote(ctx)) ? 'write' : gone(ctx)),
    },
    write: {
      kind: 'ask',
      key: 'note',
      text: (ctx) => ({ key: 'guide.writeAsk', params: { name: ctx.t(stepAt(index(ctx)).name) } }),
      input: (ctx) => {
        const text = prefill.get(ctx.turn);
        return {
          kind: 'form',
          title: 'guide.noteTitle',
          submitLabel: 'guide.noteSave',
          fields: [{ kind: 'text', name: 'text', label: 'guide.noteLabel', required: false, maxLength: NOTE_MAX, multiline: true, hint: 'guide.noteHint' }],
          ...(text ? { initial: { text } } : {}),
        };
      },
      // A Slack modal opened later from the form's button is another turn: the note is read again.
      prepare: async (ctx) => void (await loadNote(ctx)),
      next: 'save',
    },
    save: { kind: 'act', run: saveNote },
    finish: {
      kind: 'act',
      run: async (ctx) => {
        ctx.say({ key: 'guide.finished' });
        ctx.forgetAnswers();
        return null;
      },
    },
  },
};

/** Saves (or, emptied, deletes) the note for the current step, then shows the step again. */
async function saveNote(ctx: StepContext): Promise<string | null> {
  const answer = ctx.answers.note;
  const text = answer && typeof answer === 'object' && !Array.isArray(answer) ? String(answer.text ?? '').trim() : '';
  // Overwritten before the run is saved: the note's only copy is its PrivateNote row.
  ctx.remember('note', null);
  const pair = await currentPair(ctx);
  if (!pair) return gone(ctx);
  const org = ctx.person.organisationId;
  const key = keyOf(pair, ctx);
  const name = ctx.t(stepAt(index(ctx)).name);
  if (text === '') {
    const removed = await ctx.repos.notes.remove(org, key);
    ctx.say({ key: removed ? 'guide.noteRemoved' : 'guide.noteEmpty', params: { name } });
    return 'view';
  }
  const now = ctx.clock.now();
  await ctx.repos.notes.save({ id: ctx.ids.next(), organisationId: org, programmeId: pair.match.programmeId, ...key, text, createdAt: now, updatedAt: now });
  ctx.say({ key: 'guide.noteSaved', params: { name } });
  return 'view';
}
