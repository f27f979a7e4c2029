/**
 * `keep apart`: a coordinator marks a mentor and a mentee who must not be matched (relatives,
 * a manager and her employee, a conflict she knows of). From then on they are never suggested to
 * each other, assigned, or put together in a cohort draft (exclusionsFor reads the pairs). The
 * two are not told: the reason is the coordinator's to know.
 */
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import { coordinatedProgramme, coordinatorSteps } from '../programmes/coordinating.js';
import { option, rosterOf, storedOptions } from './roster.js';

async function list(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const roster = await rosterOf(ctx.turn, programme.id);
  const people = roster.all
    .filter((m) => m.status === 'active' && m.role !== 'coordinator')
    .map((m) => ({ id: m.id, label: withoutMarks(ctx.t('cohort.memberOption', { name: roster.name(m.id), role: ctx.t(`roles.${m.role}`) })) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (people.length < 2) {
    ctx.say({ key: 'cohort.apartNobody', params: { programme: programme.name } });
    return null;
  }
  ctx.remember(
    'people',
    people.map((p) => option(p.id, p.label)),
  );
  return 'pick';
}

async function keep(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  const chosen = Array.isArray(ctx.answers.pair) ? ctx.answers.pair.map(String) : [];
  const members = await Promise.all(chosen.map((id) => ctx.repos.memberships.get(org, id)));
  const [a, b] = members;
  if (!a || !b || a.programmeId !== programme.id || b.programmeId !== programme.id) {
    ctx.say({ key: 'cohort.apartGone' });
    return null;
  }
  // Only a mentor and a mentee are ever matched: two mentees kept apart would change nothing.
  if (a.role === b.role) {
    ctx.say({ key: 'cohort.apartSameRole' });
    return 'pick';
  }
  const added = await ctx.repos.doNotMatch.add(org, programme.id, a.id, b.id, ctx.person.id, ctx.clock.now());
  const labels = new Map(storedOptions(ctx.answers.people).map((o) => [o.value, o.label]));
  const params = { a: labels.get(a.id) ?? '', b: labels.get(b.id) ?? '' };
  if (added) await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'matching:kept-apart', subjectType: 'Programme', subjectId: programme.id, data: { a: a.id, b: b.id } });
  const together = (await ctx.repos.matches.listForMembership(org, a.id, ['active'])).some((m) => m.mentorMembershipId === b.id || m.menteeMembershipId === b.id);
  ctx.say({ key: added ? 'cohort.apartDone' : 'cohort.apartAlready', params });
  if (together) ctx.say({ key: 'cohort.apartButMatched', params });
  return null;
}

export const keepApartFlow: FlowDefinition = {
  id: 'keep-apart',
  version: 1,
  title: 'cohort.flowKeepApart',
  start: 'route',
  steps: {
    ...coordinatorSteps('list'),
    list: { kind: 'act', run: list },
    pick: {
      kind: 'ask',
      key: 'pair',
      text: { key: 'cohort.apartPick' },
      input: (ctx) => ({ kind: 'multi', options: storedOptions(ctx.answers.people), min: 2, max: 2, submitLabel: 'cohort.apartSubmit' }),
      next: 'keep',
    },
    keep: { kind: 'act', run: keep },
  },
};
