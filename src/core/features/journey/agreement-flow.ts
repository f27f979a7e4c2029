/**
 * `agreement`: the pair's agreement, made together. Each answers their own part and the shared
 * frame in two short forms, in their own time; each form is saved into the draft at once and
 * its words overwritten in the run (as guide-flow.ts does with a note), so stopping half-way
 * keeps what was saved and the next `agreement` goes on from there. When both parts are in, the
 * draft is proposed to both (agreement-confirm.ts). With an agreement, the command shows it.
 */
import type { AnswerValue, FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { fromOption, option, storedOptions } from '../matching/roster.js';
import { type Content, agreementCard, complete, frameForm, initialPart, partForm, readContent, withFrame, withPart } from './agreement-content.js';
import { AGREEMENT_FLOW, propose } from './agreement-confirm.js';
import { currentPair, type Pair, pairLabel, pairsOf } from './guide-pairs.js';
import type { Agreement } from './ports.js';

const prefill = new WeakMap<Turn, Record<string, string>>();

/** The command: straight to the pair with one, a choice with several, kindly nothing without. */
export async function agreementCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'agreement.noPair' });
  const choices = pairs.map((p) => option(p.match.id, pairLabel(turn.t, p)));
  const only = pairs.length === 1 ? fromOption(choices[0] as string).value : null;
  await turn.engine.start(turn, AGREEMENT_FLOW, { programmeId: only ? pairs[0]?.match.programmeId : null, answers: { choices, ...(only ? { matchId: only } : {}) }, active });
}

function gone(ctx: StepContext): null {
  ctx.say({ key: 'agreement.pairGone' });
  ctx.forgetAnswers();
  return null;
}

function finish(ctx: StepContext, key: string, params?: Record<string, string | number>): null {
  ctx.say({ key, ...(params ? { params } : {}) });
  ctx.forgetAnswers();
  return null;
}

const org = (ctx: StepContext) => ctx.person.organisationId;
const draftOf = async (ctx: StepContext, pair: Pair) => {
  const latest = await ctx.repos.agreements.latest(org(ctx), pair.match.id);
  return latest?.status === 'draft' ? latest : null;
};

/** The next form for this person in the draft, or the proposal once both parts are in. */
async function next(ctx: StepContext, pair: Pair, draft: Agreement | null): Promise<string | null> {
  const content = readContent(draft?.answers ?? {});
  if (draft && complete(content)) {
    await propose(ctx.turn, draft, ctx.person.id);
    return finish(ctx, 'agreement.proposed', { name: pair.partnerName });
  }
  if (!content.done.parts.includes(pair.role)) {
    const initial = initialPart(content, pair.role);
    if (initial) prefill.set(ctx.turn, initial);
    return 'part';
  }
  if (!content.done.frame.includes(pair.role)) {
    if (content.frame) prefill.set(ctx.turn, { ...content.frame });
    return 'frame';
  }
  return finish(ctx, 'agreement.waitingPartner', { name: pair.partnerName });
}

/** The prefill of the part or frame form again, from the draft, for a later turn showing it (a Slack modal). */
async function refill(ctx: StepContext, form: 'part' | 'frame'): Promise<void> {
  const pair = await currentPair(ctx);
  const draft = pair ? await draftOf(ctx, pair) : null;
  if (!pair || !draft) return;
  const content = readContent(draft.answers);
  const initial = form === 'part' ? initialPart(content, pair.role) : content.frame ? { ...content.frame } : undefined;
  if (initial) prefill.set(ctx.turn, initial);
}

async function load(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  if (!pair) return gone(ctx);
  // The programme in the answers too, so leaving it empties this run (erasure.ts).
  ctx.remember('programmeId', pair.match.programmeId);
  ctx.remember('role', pair.role);
  const draft = await draftOf(ctx, pair);
  if (draft) return next(ctx, pair, draft);
  const current = await ctx.repos.agreements.current(org(ctx), pair.match.id);
  if (!current) return next(ctx, pair, null);
  if (ctx.answers.intent === 'change') return startChange(ctx, pair, current);
  return 'show';
}

/** A new version to edit: the person's own part and the frame open again, the partner's kept. */
async function startChange(ctx: StepContext, pair: Pair, current: Agreement): Promise<string | null> {
  if (current.status === 'superseded' || current.status === 'draft') return finish(ctx, 'agreement.notCurrent');
  const content = readContent(current.answers);
  const other = pair.role === 'mentor' ? 'mentee' : 'mentor';
  const answers = { ...content, done: { parts: [other], frame: [other] } };
  const draft = await ctx.repos.agreements.create({
    id: ctx.ids.next(), organisationId: org(ctx), programmeId: current.programmeId, matchId: current.matchId, version: current.version + 1,
    answers, status: 'draft', proposedById: null, mentorConfirmedAt: null, menteeConfirmedAt: null, confirmedAt: null, createdAt: ctx.clock.now(),
  });
  ctx.remember('intent', null);
  return next(ctx, pair, draft);
}

/** Saves a submitted form into the draft (made at the first save), and clears it from the run. */
async function save(ctx: StepContext, key: 'part' | 'frame', apply: (c: Content, p: Pair, v: Record<string, AnswerValue>) => Content): Promise<string | null> {
  const answer = ctx.answers[key];
  const values = answer && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, AnswerValue>) : {};
  // Overwritten before the run is saved: the words' only copy is the Agreement row.
  ctx.remember(key, null);
  const pair = await currentPair(ctx);
  if (!pair) return gone(ctx);
  // The other side may be saving this very moment: one at a time per pair, so neither part is lost.
  await ctx.repos.agreements.lockPair(org(ctx), pair.match.id);
  let draft = await draftOf(ctx, pair);
  if (!draft) {
    if (await ctx.repos.agreements.current(org(ctx), pair.match.id)) return finish(ctx, 'agreement.notCurrent');
    draft = await ctx.repos.agreements.create({
      id: ctx.ids.next(), organisationId: org(ctx), programmeId: pair.match.programmeId, matchId: pair.match.id, version: 1,
      answers: { done: { parts: [], frame: [] } }, status: 'draft', proposedById: null, mentorConfirmedAt: null, menteeConfirmedAt: null, confirmedAt: null, createdAt: ctx.clock.now(),
    });
  }
  const answers = apply(readContent(draft.answers), pair, values);
  await ctx.repos.agreements.saveDraft(org(ctx), draft.id, answers as unknown as Record<string, unknown>);
  ctx.say({ key: 'agreement.saved' });
  return next(ctx, pair, { ...draft, answers: answers as unknown as Record<string, unknown> });
}

/** The current version as a card, with who confirmed when. */
async function show(ctx: StepContext): Promise<string | null> {
  const pair = await currentPair(ctx);
  const current = pair ? await ctx.repos.agreements.current(org(ctx), pair.match.id) : null;
  if (!pair || !current) return gone(ctx);
  const card = agreementCard(ctx.t, readContent(current.answers), current.version, pair.partnerName);
  const at = (d: Date | null) => (d ? ctx.t('agreement.confirmedOn', { when: d }) : ctx.t('agreement.notYet'));
  const status = ctx.t('agreement.statusLine', { status: current.status, mentor: at(current.mentorConfirmedAt), mentee: at(current.menteeConfirmedAt) });
  ctx.say({ ...card, context: [status] });
  return 'view';
}

export const agreementFlow: FlowDefinition = {
  id: AGREEMENT_FLOW,
  version: 1,
  title: 'agreement.flowTitle',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'load' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'agreement.pickPair' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'load' },
    load: { kind: 'act', run: load },
    part: {
      kind: 'ask',
      key: 'part',
      text: { key: 'agreement.partAsk' },
      input: (ctx) => partForm(ctx.answers.role === 'mentor' ? 'mentor' : 'mentee', prefill.get(ctx.turn)),
      prepare: (ctx) => refill(ctx, 'part'),
      next: 'savePart',
    },
    savePart: { kind: 'act', run: (ctx) => save(ctx, 'part', (c, p, v) => withPart(c, p.role, v)) },
    frame: { kind: 'ask', key: 'frame', text: { key: 'agreement.frameAsk' }, input: (ctx) => frameForm(prefill.get(ctx.turn)), prepare: (ctx) => refill(ctx, 'frame'), next: 'saveFrame' },
    saveFrame: { kind: 'act', run: (ctx) => save(ctx, 'frame', (c, p, v) => withFrame(c, p.role, v)) },
    show: { kind: 'act', run: show },
    view: {
      kind: 'ask',
      key: 'click',
      text: { key: 'agreement.viewAsk' },
      input: { kind: 'choice', options: [{ value: 'change', label: 'agreement.proposeChange' }, { value: 'done', label: 'agreement.done' }] },
      next: (ctx) => (ctx.answers.click === 'change' ? 'change' : 'close'),
    },
    change: {
      kind: 'act',
      run: async (ctx) => {
        const pair = await currentPair(ctx);
        const current = pair ? await ctx.repos.agreements.current(org(ctx), pair.match.id) : null;
        if (!pair || !current) return gone(ctx);
        return startChange(ctx, pair, current);
      },
    },
    close: { kind: 'act', run: async (ctx) => finish(ctx, 'agreement.closed') },
  },
};
