/**
 * `cohort`: the coordinator's whole-cohort assignment from chat. With no draft she is offered one;
 * a draft is shown with its reasons and waitlist, and she approves it (now, or at a date and time
 * she types, in her own time zone), edits it (moves a mentee to another mentor or to the
 * waitlist), makes it again or discards it. An approved draft waiting for its moment can still be
 * revealed at once or discarded. Every change re-reads the draft's status first, so a stale click
 * or a second coordinator changes nothing.
 */
import type { FlowDefinition, OptionDef, StepContext } from '../../engine/types.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import { coordinatedProgramme, coordinatorSteps, tellOtherCoordinators } from '../programmes/coordinating.js';
import { candidateOf } from './candidates.js';
import { cohortState, createDraft, draftMatch, draftViewFor, placesLeft, waitingIn, withdrawPairs } from './cohort-draft.js';
import { approveDraft, parseTime, revealCohort, zonedMoment } from './cohort-reveal.js';
import type { CohortDraft } from './ports.js';
import { EXCLUSION_TEXT } from './reasons.js';
import { option, storedOptions } from './roster.js';
import { scorePair } from './score.js';

const WAITLIST = 'waitlist';
/** The buttons of the cohort's menus (written out, so the catalogue test sees every key). */
const ACTIONS = {
  create: 'cohort.actionCreate',
  approve: 'cohort.actionApprove',
  edit: 'cohort.actionEdit',
  remake: 'cohort.actionRemake',
  discard: 'cohort.actionDiscard',
  close: 'cohort.actionClose',
  revealNow: 'cohort.actionRevealNow',
  now: 'cohort.actionNow',
  later: 'cohort.actionLater',
} as const;
const STYLE: Partial<Record<keyof typeof ACTIONS, OptionDef['style']>> = { approve: 'primary', create: 'primary', discard: 'danger' };
const choice = (values: (keyof typeof ACTIONS)[]) => ({ kind: 'choice' as const, options: values.map((v): OptionDef => ({ value: v, label: ACTIONS[v], ...(STYLE[v] ? { style: STYLE[v] } : {}) })) });
/** How a draft stands, said when a click finds it has moved on. */
const DRAFT_IS: Record<CohortDraft['status'], string> = { draft: 'cohort.draftIsDraft', approved: 'cohort.draftIsApproved', revealed: 'cohort.draftIsRevealed', discarded: 'cohort.draftIsDiscarded' };

/** The run's draft if it is still in one of `statuses`; else says how it stands and gives null. */
async function draftIn(ctx: StepContext, statuses: CohortDraft['status'][]): Promise<CohortDraft | null> {
  const draft = await ctx.repos.cohortDrafts.get(ctx.person.organisationId, String(ctx.answers.draftId ?? ''));
  if (draft && statuses.includes(draft.status)) return draft;
  ctx.say({ key: draft ? DRAFT_IS[draft.status] : 'cohort.draftGone' });
  return null;
}

async function show(ctx: StepContext, draft: CohortDraft): Promise<string> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return 'stop';
  ctx.remember('draftId', draft.id);
  ctx.say(await draftViewFor(ctx.turn, ctx.t, ctx.person.locale, programme, draft));
  return draft.status === 'approved' ? 'approvedMenu' : 'draftMenu';
}

async function menu(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const draft = await ctx.repos.cohortDrafts.current(ctx.person.organisationId, programme.id);
  if (draft) return show(ctx, draft);
  const state = await cohortState(ctx.turn, programme.id);
  const mentors = state.mentors.filter((m) => (m.freePlaces ?? 0) > 0).length;
  if (state.mentees.length === 0 || mentors === 0) {
    ctx.say({ key: 'cohort.draftNobody', params: { programme: programme.name } });
    return null;
  }
  ctx.remember('counts', [String(state.mentees.length), String(mentors)]);
  return 'offerNew';
}

async function create(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  const current = await ctx.repos.cohortDrafts.current(org, programme.id);
  if (current?.status === 'approved') return show(ctx, current);
  // Making it again replaces the unapproved draft: its pairs were never told to anyone.
  if (current && (await ctx.repos.cohortDrafts.transition(org, current.id, ['draft'], 'discarded'))) await withdrawPairs(ctx.turn, current.id, programme.id);
  const draft = await createDraft(ctx.turn, programme, ctx.person.id);
  if (!draft) {
    ctx.say({ key: 'cohort.draftNobody', params: { programme: programme.name } });
    return null;
  }
  return show(ctx, draft);
}

async function listEdit(ctx: StepContext): Promise<string | null> {
  const draft = await draftIn(ctx, ['draft']);
  if (!draft) return null;
  const state = await cohortState(ctx.turn, draft.programmeId, draft.id);
  const name = state.roster.name;
  const paired = state.pairs.map((p) => option(p.menteeMembershipId, withoutMarks(ctx.t('cohort.editPaired', { mentee: name(p.menteeMembershipId), mentor: name(p.mentorMembershipId) }))));
  const waiting = waitingIn(state).map((m) => option(m.id, withoutMarks(ctx.t('cohort.editWaiting', { mentee: name(m.id) }))));
  ctx.remember('editMentees', [...paired, ...waiting]);
  return 'editMentee';
}

async function listTargets(ctx: StepContext): Promise<string | null> {
  const draft = await draftIn(ctx, ['draft']);
  if (!draft) return null;
  const state = await cohortState(ctx.turn, draft.programmeId, draft.id);
  const menteeId = String(ctx.answers.editMenteeId ?? '');
  const current = state.pairs.find((p) => p.menteeMembershipId === menteeId);
  const targets = state.mentors
    .filter((m) => m.id !== current?.mentorMembershipId && placesLeft(state, m.id) > 0)
    .map((m) => option(m.id, withoutMarks(ctx.t('cohort.editMentorOption', { name: state.roster.name(m.id), count: placesLeft(state, m.id) }))))
    .sort((a, b) => a.localeCompare(b));
  const toWaitlist = current ? [option(WAITLIST, withoutMarks(ctx.t('cohort.editToWaitlist')))] : [];
  if (targets.length + toWaitlist.length === 0) {
    ctx.say({ key: 'cohort.editNoPlaces' });
    return show(ctx, draft);
  }
  ctx.remember('editTargets', [...targets, ...toWaitlist]);
  return 'editTarget';
}

async function applyEdit(ctx: StepContext): Promise<string | null> {
  const draft = await draftIn(ctx, ['draft']);
  if (!draft || !(await coordinatedProgramme(ctx))) return null;
  const org = ctx.person.organisationId;
  const state = await cohortState(ctx.turn, draft.programmeId, draft.id);
  const mentee = state.mentees.find((m) => m.id === ctx.answers.editMenteeId);
  const target = String(ctx.answers.editTarget ?? '');
  if (!mentee) {
    ctx.say({ key: 'cohort.editGone' });
    return show(ctx, draft);
  }
  const mentor = state.roster.byId.get(target);
  if (target !== WAITLIST) {
    const score = mentor ? scorePair(candidateOf(mentee), candidateOf(mentor, 1), { weights: state.settings.weights, exclusions: state.exclusions }) : null;
    if (!mentor || !score || placesLeft(state, mentor.id) <= 0 || score.excluded) {
      ctx.say({ text: ctx.t('cohort.editRefused', { why: ctx.t(score?.excluded ? EXCLUSION_TEXT[score.excluded] : 'cohort.editNoRoom') }) });
      return show(ctx, draft);
    }
    for (const p of state.pairs.filter((p) => p.menteeMembershipId === mentee.id)) await ctx.repos.matches.transition(org, p.id, ['draft'], 'withdrawn');
    await ctx.repos.matches.createMany([draftMatch(ctx.turn, draft, mentee.id, mentor.id, score.total)]);
  } else {
    for (const p of state.pairs.filter((p) => p.menteeMembershipId === mentee.id)) await ctx.repos.matches.transition(org, p.id, ['draft'], 'withdrawn');
  }
  ctx.say({ key: target === WAITLIST ? 'cohort.editMovedToWaitlist' : 'cohort.editMoved', params: { mentee: state.roster.name(mentee.id), mentor: mentor ? state.roster.name(mentor.id) : '' } });
  return show(ctx, draft);
}

async function approve(ctx: StepContext, when: 'now' | 'later'): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const now = ctx.clock.now();
  let revealAt = now;
  if (when === 'later') {
    const form = (ctx.answers.revealWhen ?? {}) as Record<string, string>;
    revealAt = zonedMoment(String(form.date), parseTime(String(form.time)) ?? '', ctx.person.timeZone);
    if (revealAt.getTime() <= now.getTime()) {
      ctx.say({ key: 'cohort.revealInPast' });
      return 'revealForm';
    }
  }
  const result = await approveDraft(ctx.turn, String(ctx.answers.draftId ?? ''), ctx.person.id, revealAt);
  if (result.status === 'changed') {
    ctx.say({ key: result.draft ? DRAFT_IS[result.draft.status] : 'cohort.draftGone' });
    return null;
  }
  ctx.say({ key: when === 'now' ? 'cohort.revealedNow' : 'cohort.approvedFor', params: { when: revealAt, programme: programme.name } });
  // Revealed now: every coordinator has just been told how the reveal went (revealCohort).
  if (when === 'later') await tellOtherCoordinators(ctx.turn, programme.id, (t) => t('cohort.approvedNotice', { name: ctx.person.displayName, programme: programme.name, when: revealAt }));
  return null;
}

async function revealNow(ctx: StepContext): Promise<null> {
  const draft = await draftIn(ctx, ['approved']);
  if (!draft || !(await coordinatedProgramme(ctx))) return null;
  if (await revealCohort(ctx.turn, draft.id)) ctx.say({ key: 'cohort.revealedNow' });
  return null;
}

async function discard(ctx: StepContext): Promise<null> {
  const programme = await coordinatedProgramme(ctx);
  const draft = programme ? await draftIn(ctx, ['draft', 'approved']) : null;
  if (!programme || !draft) return null;
  if (!(await ctx.repos.cohortDrafts.transition(ctx.person.organisationId, draft.id, ['draft', 'approved'], 'discarded'))) {
    ctx.say({ key: 'cohort.draftGone' });
    return null;
  }
  // An approved draft's reveal job finds it discarded and does nothing.
  await withdrawPairs(ctx.turn, draft.id, programme.id);
  ctx.say({ key: 'cohort.discarded' });
  if (draft.status === 'approved') await tellOtherCoordinators(ctx.turn, programme.id, (t) => t('cohort.discardedNotice', { name: ctx.person.displayName, programme: programme.name }));
  return null;
}

const counts = (ctx: StepContext) => (Array.isArray(ctx.answers.counts) ? ctx.answers.counts : []);

export const cohortFlow: FlowDefinition = {
  id: 'cohort',
  version: 1,
  title: 'cohort.flowCohort',
  start: 'route',
  steps: {
    ...coordinatorSteps('menu'),
    menu: { kind: 'act', run: menu },
    offerNew: {
      kind: 'ask',
      key: 'makeNew',
      text: (ctx) => ({ key: 'cohort.offerNew', params: { mentees: Number(counts(ctx)[0] ?? 0), mentors: Number(counts(ctx)[1] ?? 0) } }),
      input: choice(['create', 'close']),
      next: (ctx) => (ctx.answers.makeNew === 'create' ? 'create' : 'stop'),
    },
    create: { kind: 'act', run: create },
    draftMenu: {
      kind: 'ask',
      key: 'action',
      text: { key: 'cohort.draftMenu' },
      input: choice(['approve', 'edit', 'remake', 'discard', 'close']),
      next: (ctx) => ({ approve: 'approveWhen', edit: 'listEdit', remake: 'create', discard: 'discard' })[String(ctx.answers.action)] ?? 'stop',
    },
    approvedMenu: {
      kind: 'ask',
      key: 'action',
      text: { key: 'cohort.approvedMenu' },
      input: choice(['revealNow', 'discard', 'close']),
      next: (ctx) => ({ revealNow: 'revealNow', discard: 'discard' })[String(ctx.answers.action)] ?? 'stop',
    },
    listEdit: { kind: 'act', run: listEdit },
    editMentee: { kind: 'ask', key: 'editMenteeId', text: { key: 'cohort.editPick' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.editMentees) }), next: 'listTargets' },
    listTargets: { kind: 'act', run: listTargets },
    editTarget: { kind: 'ask', key: 'editTarget', text: { key: 'cohort.editWhere' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.editTargets) }), next: 'applyEdit' },
    applyEdit: { kind: 'act', run: applyEdit },
    approveWhen: { kind: 'ask', key: 'when', text: { key: 'cohort.approveWhen' }, input: choice(['now', 'later']), next: (ctx) => (ctx.answers.when === 'now' ? 'approveNow' : 'revealForm') },
    revealForm: {
      kind: 'ask',
      key: 'revealWhen',
      text: (ctx) => ({ key: 'cohort.revealAsk', params: { zone: ctx.person.timeZone } }),
      input: {
        kind: 'form',
        title: 'cohort.revealTitle',
        submitLabel: 'cohort.revealSubmit',
        fields: [
          { kind: 'date', name: 'date', label: 'cohort.revealDate', required: true },
          { kind: 'text', name: 'time', label: 'cohort.revealTime', required: true, maxLength: 5, hint: 'cohort.revealTimeHint' },
        ],
        check: (v) => (parseTime(String(v.time ?? '')) ? null : { time: 'cohort.revealTimeInvalid' }),
      },
      next: 'approveLater',
    },
    approveNow: { kind: 'act', run: (ctx) => approve(ctx, 'now') },
    approveLater: { kind: 'act', run: (ctx) => approve(ctx, 'later') },
    revealNow: { kind: 'act', run: revealNow },
    discard: { kind: 'act', run: discard },
    stop: { kind: 'act', run: async () => null },
  },
};
