/**
 * Ending a match without blame. Either participant or a coordinator can end an active match: a
 * confirmation, then an optional reason that only the coordinators read (it goes into their
 * notice, never to the other person, and is not stored). The other person is told neutrally, the
 * mentee is offered new suggestions (the ended pair is excluded from then on: exclusionsFor), and
 * the mentor's freed place goes to the waitlist. The Match row stays, status 'ended', as history.
 */
import type { FlowRun } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { yesNo } from '../../options.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import type { Work } from '../../kernel/work.js';
import { reasonKey } from '../closure/forms.js';
import type { ReasonCode } from '../closure/ports.js';
import { recordEnding } from '../closure/record.js';
import { isCoordinatorOf } from '../programmes/coordinating.js';
import { offerSuggestions, offerToWaitlist } from './offer.js';
import type { Match } from './ports.js';
import { fromOption, option, rosterOf, storedOptions } from './roster.js';

export type EndedBy = 'mentor' | 'mentee' | 'coordinator';

/**
 * Ends the match (one conditional update: of two people ending it at once, one does it), tells
 * everyone concerned in their own language, and offers what is now free. Null when it was no
 * longer active (ended already), and then nothing is said.
 */
export async function endMatch(work: Work, match: Match, by: { personId: string; as: EndedBy; reason?: string | null; reasonCode?: ReasonCode | null }): Promise<Match | null> {
  const org = work.organisation.id;
  const now = work.clock.now();
  const ended = await work.repos.matches.transition(org, match.id, ['active'], 'ended', { endedAt: now, endedById: by.personId });
  if (!ended) return null;
  await work.repos.audit.record({ organisationId: org, actorPersonId: by.personId, action: 'match:ended', subjectType: 'Match', subjectId: match.id, data: { by: by.as, reasonGiven: !!by.reason } });
  const roster = await rosterOf(work, match.programmeId);
  const programme = (await work.repos.programmes.get(org, match.programmeId))?.name ?? '';
  const mentor = roster.byId.get(match.mentorMembershipId);
  const mentee = roster.byId.get(match.menteeMembershipId);
  const names = { mentor: roster.name(match.mentorMembershipId), mentee: roster.name(match.menteeMembershipId), programme };
  // The participants who did not end it themselves hear it from us; whoever did, already knows.
  if (mentor && by.as !== 'mentor') await work.tell(mentor.personId, () => ({ key: by.as === 'coordinator' ? 'cohort.endedByCoordinatorMentor' : 'cohort.endedToMentor', params: { name: names.mentee, programme } }));
  if (mentee && by.as !== 'mentee') await work.tell(mentee.personId, () => ({ key: by.as === 'coordinator' ? 'cohort.endedByCoordinatorMentee' : 'cohort.endedToMentee', params: { name: names.mentor, programme } }));
  const coordinators = await work.repos.memberships.listForProgramme(org, match.programmeId, { role: 'coordinator', status: 'active' });
  const endedBy = (await work.personById(by.personId))?.displayName ?? '';
  for (const c of coordinators.filter((c) => c.personId !== by.personId)) {
    await work.tell(c.personId, (t) => {
      const notice = t('cohort.endedNotice', { ...names, by: endedBy, role: t(`roles.${by.as}`) });
      const coded = by.reasonCode ? `${notice}\n${t('closure.reasonNotice', { reason: t(reasonKey(by.reasonCode)) })}` : notice;
      return { text: by.reason ? `${coded}\n${t('cohort.endedReason', { reason: by.reason })}` : coded };
    });
  }
  // Recorded as ended early; each of the two gets their closing (closure/record.ts).
  await recordEnding(work, ended, { endedBy: by.as, endedById: by.personId, reasonCode: by.reasonCode ?? null, note: by.reason ?? null });
  if (mentee?.status === 'active') await offerSuggestions(work, mentee.id);
  await offerToWaitlist(work, match.programmeId);
  return ended;
}

/** The active matches the person may end: their own as mentor or mentee, and every one of the programmes they coordinate. */
async function endable(turn: Turn): Promise<string[]> {
  const org = turn.organisation.id;
  const out: string[] = [];
  for (const { membership, programme } of await turn.repos.memberships.listWithProgrammes(org, turn.person.id, 'active')) {
    const coordinating = membership.role === 'coordinator';
    const matches = coordinating
      ? await turn.repos.matches.listForProgramme(org, programme.id, ['active'])
      : (await turn.repos.matches.listForMembership(org, membership.id, ['active'])).filter((m) => m[membership.role === 'mentor' ? 'mentorMembershipId' : 'menteeMembershipId'] === membership.id);
    if (matches.length === 0) continue;
    const roster = await rosterOf(turn, programme.id);
    for (const m of matches) {
      const label = coordinating
        ? turn.t('cohort.endPairOption', { mentor: roster.name(m.mentorMembershipId), mentee: roster.name(m.menteeMembershipId), programme: programme.name })
        : turn.t('cohort.endOwnOption', { name: roster.name(membership.role === 'mentor' ? m.menteeMembershipId : m.mentorMembershipId), programme: programme.name });
      out.push(option(m.id, withoutMarks(label)));
    }
  }
  return out;
}

export async function endMatchCommand(turn: Turn, active: FlowRun | null): Promise<void> {
  const choices = await endable(turn);
  if (choices.length === 0) return turn.say({ key: 'cohort.endNone' });
  const only = choices.length === 1 ? fromOption(choices[0] as string).value : null;
  await turn.engine.start(turn, 'end-match', { answers: { choices, ...(only ? { matchId: only } : {}) }, active });
}

/** Who the person is to this match now: a participant, a coordinator of its programme, or nobody. */
async function roleIn(ctx: StepContext, match: Match): Promise<EndedBy | null> {
  const org = ctx.person.organisationId;
  for (const [side, id] of [['mentor', match.mentorMembershipId], ['mentee', match.menteeMembershipId]] as const) {
    const m = await ctx.repos.memberships.get(org, id);
    if (m?.personId === ctx.person.id && m.status === 'active') return side;
  }
  return (await isCoordinatorOf(ctx, org, match.programmeId, ctx.person.id)) ? 'coordinator' : null;
}

const chosenLabel = (ctx: StepContext) => storedOptions(ctx.answers.choices).find((o) => o.value === ctx.answers.matchId)?.label ?? '';

export const endMatchFlow: FlowDefinition = {
  id: 'end-match',
  version: 1,
  title: 'cohort.flowEnd',
  start: 'route',
  steps: {
    route: { kind: 'act', run: async (ctx) => (typeof ctx.answers.matchId === 'string' ? 'confirm' : 'pick') },
    pick: { kind: 'ask', key: 'matchId', text: { key: 'cohort.endPick' }, input: (ctx) => ({ kind: 'choice', options: storedOptions(ctx.answers.choices) }), next: 'confirm' },
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'cohort.endConfirm', params: { match: chosenLabel(ctx) } }),
      input: { kind: 'choice', options: yesNo('cohort.endYes', 'cohort.endNo').map((o) => (o.value === 'yes' ? { ...o, style: 'danger' as const } : o)) },
      next: (ctx) => (ctx.answers.confirm === 'yes' ? 'reason' : 'kept'),
    },
    kept: { kind: 'say', text: { key: 'cohort.endKept' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    reason: {
      kind: 'ask',
      key: 'why',
      text: { key: 'cohort.endReasonAsk' },
      input: { kind: 'form', title: 'cohort.endReasonTitle', submitLabel: 'cohort.endSubmit', fields: [{ kind: 'text', name: 'reason', label: 'cohort.endReasonLabel', required: false, maxLength: 500, multiline: true, hint: 'cohort.endReasonHint' }] },
      next: 'end',
    },
    end: {
      kind: 'act',
      run: async (ctx) => {
        const match = await ctx.repos.matches.get(ctx.person.organisationId, String(ctx.answers.matchId ?? ''));
        const as = match ? await roleIn(ctx, match) : null;
        if (!match || !as) {
          ctx.say({ key: 'cohort.endNotYours' });
          return null;
        }
        const why = ctx.answers.why && typeof ctx.answers.why === 'object' && !Array.isArray(ctx.answers.why) ? ctx.answers.why.reason : null;
        const ended = await endMatch(ctx.turn, match, { personId: ctx.person.id, as, reason: typeof why === 'string' ? why : null });
        // The reason went to the coordinators' notice; the run keeps no copy of it.
        ctx.forgetAnswers();
        ctx.say({ key: ended ? 'cohort.endDone' : 'cohort.endAlready', params: { match: chosenLabel(ctx) } });
        return null;
      },
    },
  },
};
