/**
 * `training`: a member's modules with what is done, then one module at a time. A module is a few
 * screens, each one short message with a "Next" button (the last "Finish"), then its reflection
 * question, answered in free text or skipped. Finishing records the completion (once: a double
 * click on "Finish" is a stale click, and the store keeps the first record anyway).
 *
 * The reflection is the member's own thinking, for them alone: it is never stored. The engine
 * keeps a text answer in the run's answers, but only in memory until the step after it (`after`,
 * an act step in the same turn) overwrites it with null before the run is saved; the answer is
 * never echoed (text answers are not), and logs carry no message text (app.ts, log.ts).
 */
import type { FlowRun, Membership } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, OptionDef, StepContext } from '../../engine/types.js';
import { programmeAnswers, whichProgrammeSteps } from '../../kernel/which-programme.js';
import type { TrainingModule } from './modules.js';
import { trainingCompleted } from './done.js';
import { closeOffers, followUpsOffered } from './offers.js';
import { available, isDone, moduleById, nextModule, type Progress, progressOf } from './progress.js';
import { modulesLeft } from './status.js';
import { overviewMessage } from './overview.js';

export const TRAINING_FLOW = 'training';
const LATER = 'later';

/** The `training` command: the person's programmes as mentor or mentee; coordinators are pointed to their own commands. */
export async function trainingCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const mine = await turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active');
  const taking = mine.filter((m) => m.membership.role !== 'coordinator');
  if (taking.length === 0) return turn.say({ key: mine.length > 0 ? 'course.coordinatorHint' : 'course.notMember' });
  const [only] = taking;
  await turn.engine.start(turn, TRAINING_FLOW, { programmeId: taking.length === 1 && only ? only.programme.id : null, answers: programmeAnswers(taking.map((m) => m.programme)), active });
}

/** The run's membership, if the person is still an active mentor or mentee of the run's programme. */
async function memberOf(ctx: StepContext): Promise<Membership | null> {
  const m = await ctx.repos.memberships.find(ctx.person.organisationId, String(ctx.answers.programmeId ?? ''), ctx.person.id);
  return m?.status === 'active' && m.role !== 'coordinator' ? m : null;
}

async function progressFor(ctx: StepContext, member: Membership): Promise<Progress | null> {
  const records = await ctx.repos.training.listForMembership(ctx.person.organisationId, member.id);
  return progressOf(member, records, await followUpsOffered(ctx.turn, member.id));
}

const current = (ctx: StepContext): TrainingModule => {
  const m = moduleById(String(ctx.answers.moduleId ?? ''));
  if (!m) throw new Error('training run without a module');
  return m;
};
const screenOf = (ctx: StepContext): number => Number(ctx.answers.screen ?? 0);
const onLast = (ctx: StepContext): boolean => screenOf(ctx) >= current(ctx).screens.length - 1;

/** The modules offered to choose from: done ones marked (a person may take one again). */
function moduleOptions(ctx: StepContext): OptionDef[] {
  const ids = Array.isArray(ctx.answers.offer) ? ctx.answers.offer : [];
  const done = new Set(Array.isArray(ctx.answers.done) ? ctx.answers.done : []);
  const next = ctx.answers.next;
  const options = ids.flatMap((id): OptionDef[] => {
    const m = moduleById(id);
    if (!m) return [];
    if (done.has(id)) return [{ value: id, label: ctx.t('course.doneOption', { title: ctx.t(m.titleKey) }), literal: true }];
    return [{ value: id, label: m.titleKey, ...(id === next ? { style: 'primary' as const } : {}) }];
  });
  return [...options, { value: LATER, label: 'course.notNow' }];
}

export const trainingFlow: FlowDefinition = {
  id: TRAINING_FLOW,
  version: 1,
  title: 'course.flowTitle',
  start: 'route',
  steps: {
    ...whichProgrammeSteps({
      kind: 'act',
      run: async (ctx) => {
        const member = await memberOf(ctx);
        if (!member) return refuse(ctx);
        const progress = await progressFor(ctx, member);
        if (!progress) return null;
        const next = nextModule(progress);
        // From an offer's "Start" button: straight into the next module (a follow-up offer's: the next follow-up).
        const first = ctx.answers.start === 'followUp' ? progress.followUps.find((m) => !isDone(progress, m)) : ctx.answers.start === 'next' ? next : null;
        if (first) {
          ctx.remember('moduleId', first.id);
          return 'begin';
        }
        const programme = await ctx.repos.programmes.get(ctx.person.organisationId, member.programmeId);
        ctx.say(overviewMessage(ctx.t, programme?.name ?? '', progress));
        ctx.remember('offer', available(progress).map((m) => m.id));
        ctx.remember('done', available(progress).filter((m) => isDone(progress, m)).map((m) => m.id));
        ctx.remember('next', next?.id ?? null);
        return 'choose';
      },
    }),
    choose: {
      kind: 'ask',
      key: 'moduleId',
      text: (ctx) => ({ key: ctx.answers.next ? 'course.choose' : 'course.chooseAgain' }),
      input: (ctx) => ({ kind: 'choice', options: moduleOptions(ctx) }),
      next: (ctx) => (ctx.answers.moduleId === LATER ? 'later' : 'begin'),
    },
    later: {
      kind: 'act',
      run: async (ctx) => {
        ctx.say({ key: 'course.later' });
        return null;
      },
    },
    begin: {
      kind: 'act',
      run: async (ctx) => {
        const m = current(ctx);
        ctx.remember('screen', 0);
        ctx.say({ key: 'course.moduleStart', params: { title: ctx.t(m.titleKey), screens: m.screens.length } });
        return 'show';
      },
    },
    show: {
      kind: 'ask',
      key: 'click',
      text: (ctx) => ({ key: current(ctx).screens[screenOf(ctx)] ?? current(ctx).titleKey }),
      input: (ctx) => ({ kind: 'choice', options: [onLast(ctx) ? { value: 'finish', label: 'course.finish', style: 'primary' } : { value: 'next', label: 'course.next', style: 'primary' }] }),
      next: (ctx) => (ctx.answers.click === 'finish' ? 'complete' : 'turn'),
    },
    turn: {
      kind: 'act',
      run: async (ctx) => {
        ctx.remember('screen', screenOf(ctx) + 1);
        return 'show';
      },
    },
    complete: {
      kind: 'act',
      run: async (ctx) => {
        const member = await memberOf(ctx);
        if (!member) return refuse(ctx);
        const m = current(ctx);
        const org = ctx.person.organisationId;
        const before = modulesLeft(member, await ctx.repos.training.listForMembership(org, member.id));
        const now = ctx.clock.now();
        const recorded = await ctx.repos.training.record({ id: ctx.ids.next(), organisationId: org, programmeId: member.programmeId, membershipId: member.id, moduleId: m.id, via: 'chat', recordedById: ctx.person.id, completedAt: now });
        // This completion made the initial training complete: announced after the reflection.
        ctx.remember('completesTraining', recorded && before.length > 0 && before.every((id) => id === m.id));
        return 'reflect';
      },
    },
    reflect: {
      kind: 'ask',
      key: 'reflection',
      text: (ctx) => ({ key: 'course.reflect', params: { question: ctx.t(current(ctx).reflectionKey) } }),
      input: { kind: 'text', maxLength: 2000, multiline: true },
      next: 'after',
    },
    after: { kind: 'act', run: afterReflection },
    more: {
      kind: 'ask',
      key: 'moduleId',
      text: (ctx) => ({ key: 'course.nextQuestion', params: { title: ctx.t(moduleById(String(ctx.answers.next ?? ''))?.titleKey ?? 'course.flowTitle') } }),
      input: (ctx) => ({ kind: 'choice', options: [{ value: String(ctx.answers.next ?? ''), label: 'course.startNext', style: 'primary' }, { value: LATER, label: 'course.notNow' }] }),
      next: (ctx) => (ctx.answers.moduleId === LATER ? 'later' : 'begin'),
    },
  },
};

/** After the reflection (or its skipping): the reflection is dropped, then what comes next. */
async function afterReflection(ctx: StepContext): Promise<string | null> {
  // Overwritten before the run is saved, so the member's words never reach the database.
  ctx.remember('reflection', null);
  const skipped = isSkip(ctx, String(ctx.answers.reflection ?? ''));
  const m = current(ctx);
  const member = await memberOf(ctx);
  const progress = member ? await progressFor(ctx, member) : null;
  if (!member || !progress) {
    ctx.forgetAnswers();
    return refuse(ctx);
  }
  // Counted against the modules before matching; a follow-up is not one of them.
  const key = m.followUp ? (skipped ? 'course.skippedFollowUp' : 'course.thanksFollowUp') : skipped ? 'course.skipped' : 'course.thanks';
  ctx.say({ key, params: { title: ctx.t(m.titleKey), done: progress.initialDone, total: progress.initial.length } });
  if (ctx.answers.completesTraining === true) {
    ctx.forgetAnswers();
    await trainingCompleted(ctx.turn, member, true);
    return null;
  }
  const next = nextModule(progress);
  if (!next) {
    ctx.forgetAnswers();
    await closeOffers(ctx.turn, member.id);
    ctx.say({ key: 'course.allDone' });
    return null;
  }
  ctx.remember('next', next.id);
  ctx.remember('completesTraining', false);
  return 'more';
}

function refuse(ctx: StepContext): null {
  ctx.say({ key: 'course.notMember' });
  return null;
}

/** "skip" (in any locale's words), so the reply fits; the words themselves are not kept either way. */
function isSkip(ctx: StepContext, said: string): boolean {
  const words = ctx.turn.texts.locales().flatMap((l) => ctx.turn.texts.t(l, 'course.skipWords').split('|'));
  const norm = (s: string) => s.trim().toLocaleLowerCase().replace(/[.!]+$/, '');
  return words.some((w) => norm(w) === norm(said));
}
