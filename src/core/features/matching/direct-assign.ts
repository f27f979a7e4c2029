/**
 * `assign`: a coordinator pairs a mentee with a mentor herself. She picks a mentee who has no
 * mentor and has not asked one (a mentee waiting for a mentor's answer made her own choice), then
 * a mentor from a list ranked by fit, with the reasons and the places each has free, and confirms.
 * The match is made through `activate` like every other, so a mentor is never over capacity; if
 * the last place went in the meantime, she is told and nothing changes.
 */
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { literal, withoutMarks } from '../../kernel/rich-text.js';
import type { Section } from '../../messages.js';
import { yesNo } from '../../options.js';
import { coordinatedProgramme, coordinatorSteps, tellOtherCoordinators } from '../programmes/coordinating.js';
import { candidateOf } from './candidates.js';
import { withdrawChoices } from './choose.js';
import { candidatesFor, exclusionsFor } from './offer.js';
import { pairReasons, tellPair } from './pair-notice.js';
import type { Match } from './ports.js';
import { EXCLUSION_TEXT, reasonText } from './reasons.js';
import { daysSince, option, rosterOf, storedOptions } from './roster.js';
import { scorePair } from './score.js';
import { startMatch } from './start.js';

/** Mentors described with their reasons before the choice; the rest are in the list by name. */
const DESCRIBED = 6;
/** A choice longer than this is no help to anyone (and some platforms show no more). */
const LISTED = 50;

async function listMentees(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  const roster = await rosterOf(ctx.turn, programme.id);
  const taken = new Set((await ctx.repos.matches.listForProgramme(org, programme.id, ['active', 'requested'])).map((m) => m.menteeMembershipId));
  const waiting = new Map((await ctx.repos.waitlist.list(org, programme.id)).map((w) => [w.membershipId, w]));
  const now = ctx.clock.now();
  const free = roster.mentees.filter((m) => !taken.has(m.id));
  if (free.length === 0) {
    ctx.say({ key: 'cohort.assignNoMentees', params: { programme: programme.name } });
    return null;
  }
  // Those waiting longest first: they are who a coordinator most often assigns by hand.
  const rank = (id: string) => waiting.get(id)?.since.getTime() ?? Number.POSITIVE_INFINITY;
  const options = free
    .sort((a, b) => rank(a.id) - rank(b.id))
    .slice(0, LISTED)
    .map((m) => {
      const w = waiting.get(m.id);
      const label = w ? ctx.t('cohort.assignMenteeWaiting', { name: roster.name(m.id), days: daysSince(w.since, now) }) : roster.name(m.id);
      return option(m.id, withoutMarks(label));
    });
  ctx.remember('mentees', options);
  return 'pickMentee';
}

async function rankMentors(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  const mentee = await ctx.repos.memberships.get(org, String(ctx.answers.menteeId ?? ''));
  if (!mentee || mentee.programmeId !== programme.id || mentee.status !== 'active') {
    ctx.say({ key: 'cohort.assignGone' });
    return null;
  }
  const settings = await ctx.repos.matchingSettings.get(org, programme.id);
  const [mentors, ex, roster] = await Promise.all([candidatesFor(ctx.turn, programme.id, { anyTraining: true }), exclusionsFor(ctx.turn, programme.id, settings), rosterOf(ctx.turn, programme.id)]);
  const me = candidateOf(mentee);
  const ranked = mentors
    .map((mentor) => ({ mentor, score: scorePair(me, mentor, { weights: settings.weights, exclusions: ex }), name: roster.name(mentor.id) }))
    .filter((r) => r.score.excluded === null)
    .sort((a, b) => b.score.total - a.score.total || a.name.localeCompare(b.name));
  const menteeName = roster.name(mentee.id);
  ctx.remember('menteeName', menteeName);
  if (ranked.length === 0) {
    ctx.say({ key: 'cohort.assignNoMentors', params: { name: menteeName } });
    return null;
  }
  const sections: Section[] = ranked.slice(0, DESCRIBED).map((r) => ({
    heading: literal(r.name),
    text: ctx.t('cohort.assignFree', { count: r.mentor.freePlaces ?? 0 }),
    bullets: r.score.reasons.length > 0 ? r.score.reasons.map((m) => reasonText(m, ctx.t, ctx.person.locale)) : [ctx.t('cohort.assignNothingInCommon')],
  }));
  ctx.say({ text: ctx.t('cohort.assignRanked', { name: menteeName, count: ranked.length }), sections });
  ctx.remember(
    'mentors',
    ranked.slice(0, LISTED).map((r) => option(r.mentor.id, withoutMarks(ctx.t('cohort.assignMentorOption', { name: r.name, count: r.mentor.freePlaces ?? 0 })))),
  );
  return 'pickMentor';
}

async function assign(ctx: StepContext): Promise<null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  const [mentee, mentor] = await Promise.all([ctx.repos.memberships.get(org, String(ctx.answers.menteeId ?? '')), ctx.repos.memberships.get(org, String(ctx.answers.mentorId ?? ''))]);
  if (!mentee || !mentor || mentee.status !== 'active' || mentor.status !== 'active' || mentee.programmeId !== programme.id || mentor.programmeId !== programme.id) {
    ctx.say({ key: 'cohort.assignGone' });
    return null;
  }
  const roster = await rosterOf(ctx.turn, programme.id);
  const names = { mentee: roster.name(mentee.id), mentor: roster.name(mentor.id) };
  const open = (await ctx.repos.matches.listForMembership(org, mentee.id, ['active', 'requested'])).filter((m) => m.menteeMembershipId === mentee.id);
  if (open.length > 0) {
    ctx.say({ key: 'cohort.assignTaken', params: { name: names.mentee } });
    return null;
  }
  // A rule may have been added since the list was made (kept apart): checked again, places aside.
  const settings = await ctx.repos.matchingSettings.get(org, programme.id);
  const score = scorePair(candidateOf(mentee), candidateOf(mentor, 1), { weights: settings.weights, exclusions: await exclusionsFor(ctx.turn, programme.id, settings) });
  if (score.excluded) {
    ctx.say({ text: ctx.t('cohort.assignExcluded', { ...names, why: ctx.t(EXCLUSION_TEXT[score.excluded]) }) });
    return null;
  }
  const now = ctx.clock.now();
  const match: Match = {
    id: ctx.ids.next(), organisationId: org, programmeId: programme.id, mentorMembershipId: mentor.id, menteeMembershipId: mentee.id,
    status: 'draft', score: score.total, origin: 'direct', cohortDraftId: null, questionId: null, requestedAt: null, respondedAt: null,
    declineReason: null, startedAt: null, endedAt: null, endedById: null, createdAt: now,
  };
  await ctx.repos.matches.createMany([match]);
  const result = await startMatch(ctx.turn, match.id, ['draft']);
  if (result.status !== 'activated') {
    await ctx.repos.matches.transition(org, match.id, ['draft'], 'withdrawn');
    ctx.say({ key: result.status === 'full' ? 'cohort.assignFull' : 'cohort.assignGone', params: { ...names, capacity: mentor.profile.capacity ?? 0 } });
    return null;
  }
  // Her suggestions and any place in a cohort draft are over: she has her mentor.
  await withdrawChoices(ctx.turn, mentee);
  await ctx.repos.matches.transitionAllForMentee(org, mentee.id, ['draft'], 'withdrawn');
  await ctx.repos.waitlist.remove(org, mentee.id);
  await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'match:assigned', subjectType: 'Match', subjectId: match.id, data: { programmeId: programme.id } });
  await tellPair(ctx.turn, { mentee, mentor, roster, programme: programme.name, reasons: pairReasons(mentee, mentor, settings.weights) });
  ctx.say({ key: 'cohort.assignDone', params: names });
  await tellOtherCoordinators(ctx.turn, programme.id, (t) => t('cohort.assignNotice', { ...names, name: ctx.person.displayName, programme: programme.name }));
  return null;
}

export const assignFlow: FlowDefinition = {
  id: 'assign-match',
  version: 1,
  title: 'cohort.flowAssign',
  start: 'route',
  steps: {
    ...coordinatorSteps('listMentees'),
    listMentees: { kind: 'act', run: listMentees },
    pickMentee: { kind: 'ask', key: 'menteeId', text: { key: 'cohort.assignPickMentee' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.mentees) }), next: 'rankMentors' },
    rankMentors: { kind: 'act', run: rankMentors },
    pickMentor: {
      kind: 'ask',
      key: 'mentorId',
      text: (ctx) => ({ key: 'cohort.assignPickMentor', params: { name: String(ctx.answers.menteeName ?? '') } }),
      input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.mentors) }),
      next: 'confirm',
    },
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'cohort.assignConfirm', params: { mentee: String(ctx.answers.menteeName ?? ''), mentor: storedOptions(ctx.answers.mentors).find((o) => o.value === ctx.answers.mentorId)?.label ?? '' } }),
      input: { kind: 'choice', options: yesNo('cohort.assignYes', 'cohort.assignNo') },
      next: (ctx) => (ctx.answers.confirm === 'yes' ? 'assign' : 'kept'),
    },
    kept: { kind: 'say', text: { key: 'cohort.assignKept' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    assign: { kind: 'act', run: assign },
  },
};
