/**
 * Approving a cohort draft and revealing it: at once, or at a chosen moment (the kick-off
 * evening), when every pair is told in the same unit of work, so at the same minute, each person
 * in their own language. Approval is one conditional update and the reveal another, so a second
 * click, a second coordinator or a job run twice changes nothing. Each pair is made active through
 * `activate`, so no mentor is over capacity even if places changed since the draft: a pair that no
 * longer fits goes back to looking (offerSuggestions, which waitlists her when nobody fits) and
 * the coordinators are told who.
 */
import type { Programme } from '../../domain.js';
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { withdrawChoices } from './choose.js';
import { cohortState, waitingIn } from './cohort-draft.js';
import { offerSuggestions } from './offer.js';
import { pairReasons, tellPair } from './pair-notice.js';
import type { CohortDraft } from './ports.js';
import { startMatch } from './start.js';

export const REVEAL_JOB = 'matching.reveal-cohort';

export type ApproveResult = { status: 'approved'; draft: CohortDraft } | { status: 'changed'; draft: CohortDraft | null };

/** Approves the draft for `revealAt`; reveals it now when that moment has come. */
export async function approveDraft(work: Work, draftId: string, byPersonId: string, revealAt: Date): Promise<ApproveResult> {
  const org = work.organisation.id;
  const now = work.clock.now();
  const approved = await work.repos.cohortDrafts.transition(org, draftId, ['draft'], 'approved', { approvedById: byPersonId, approvedAt: now, revealAt });
  if (!approved) return { status: 'changed', draft: await work.repos.cohortDrafts.get(org, draftId) };
  await work.repos.audit.record({ organisationId: org, actorPersonId: byPersonId, action: 'cohort:approved', subjectType: 'CohortDraft', subjectId: draftId, data: { revealAt: revealAt.toISOString() } });
  if (revealAt.getTime() <= now.getTime()) await revealCohort(work, draftId);
  else await work.schedule({ kind: REVEAL_JOB, key: `reveal:${draftId}`, dueAt: revealAt, payload: { draftId } });
  return { status: 'approved', draft: approved };
}

/** Reveals an approved draft (once): every pair told, the rest offered suggestions or waitlisted. */
export async function revealCohort(work: Work, draftId: string): Promise<boolean> {
  const org = work.organisation.id;
  const now = work.clock.now();
  const draft = await work.repos.cohortDrafts.transition(org, draftId, ['approved'], 'revealed', { revealedAt: now });
  if (!draft) return false;
  const programme = await work.repos.programmes.get(org, draft.programmeId);
  if (!programme) return false;
  const state = await cohortState(work, programme.id, draft.id);
  const still = new Set(state.mentees.map((m) => m.id));
  const looking = new Set(waitingIn(state).map((m) => m.id));
  const unplaced: string[] = [];
  let told = 0;
  for (const pair of state.pairs) {
    const mentee = state.roster.byId.get(pair.menteeMembershipId);
    const mentor = state.roster.byId.get(pair.mentorMembershipId);
    // She found a mentor herself since the draft, or left: the draft's pair simply goes.
    const free = !!mentee && !!mentor && still.has(mentee.id);
    const result = free ? await startMatch(work, pair.id, ['draft']) : ({ status: 'gone' } as const);
    if (result.status !== 'activated' || !mentee || !mentor) {
      await work.repos.matches.transition(org, pair.id, ['draft'], 'withdrawn');
      if (free && mentee) {
        looking.add(mentee.id);
        unplaced.push(state.roster.name(mentee.id));
      }
      continue;
    }
    await withdrawChoices(work, mentee);
    await work.repos.waitlist.remove(org, mentee.id);
    await tellPair(work, { mentee, mentor, roster: state.roster, programme: programme.name, reasons: pairReasons(mentee, mentor, state.settings.weights) });
    told += 1;
  }
  // After every pair holds its place, so those left over are offered only what is really free.
  for (const id of looking) await offerSuggestions(work, id);
  await work.repos.audit.record({ organisationId: org, actorPersonId: draft.approvedById, action: 'cohort:revealed', subjectType: 'CohortDraft', subjectId: draft.id, data: { pairs: told, unplaced: unplaced.length, waiting: looking.size } });
  await tellCoordinators(work, programme, { told, waiting: looking.size, unplaced });
  return true;
}

async function tellCoordinators(work: Work, programme: Programme, r: { told: number; waiting: number; unplaced: string[] }): Promise<void> {
  const coordinators = await work.repos.memberships.listForProgramme(work.organisation.id, programme.id, { role: 'coordinator', status: 'active' });
  for (const c of coordinators) {
    await work.tell(c.personId, (t) => {
      const done = t('cohort.revealedNotice', { programme: programme.name, pairs: r.told, waiting: r.waiting });
      return { text: r.unplaced.length > 0 ? `${done}\n${t('cohort.revealedUnplaced', { names: r.unplaced.join(', '), count: r.unplaced.length })}` : done };
    });
  }
}

export const revealJob: JobKind = {
  kind: REVEAL_JOB,
  // A draft discarded or revealed already is left as it is: the job then does nothing.
  run: async (work, job) => {
    await revealCohort(work, String(job.payload.draftId ?? ''));
  },
};

/**
 * A date and time typed in `timeZone` as the moment it names. Intl knows each zone's offsets
 * (summer time included); the offset at the guessed moment is applied twice, so a time right
 * after a change of offset lands where the wall clock says.
 */
export function zonedMoment(date: string, time: string, timeZone: string): Date {
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number);
  const [h = 0, mi = 0] = time.split(/[:.]/).map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const offset = (at: number) => {
    const p = Object.fromEntries(format.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - at;
  };
  const first = wall - offset(wall);
  return new Date(wall - offset(first));
}

/** "19:30", "7.30", "07:30": hours 0–23 and minutes; null when it is not a time of day. */
export function parseTime(text: string): string | null {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, mi] = [Number(m[1]), Number(m[2])];
  return h < 24 && mi < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : null;
}
