/**
 * A whole-cohort draft: every mentee without a mentor who is ready for one (profile done, and
 * training when the programme asks for it) against every mentor with a free place, assigned at
 * once for the largest total fit (assignment.ts). The pairs are Match rows with status 'draft' and
 * the draft's id; nobody is told anything until the draft is revealed (cohort-reveal.ts). A mentee
 * without a pair in the draft is its waitlist, read afresh each time, so editing is only moving
 * draft rows.
 */
import type { Membership, Programme } from '../../domain.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound } from '../../messages.js';
import { modulesLeft } from '../training/status.js';
import { assignCohort } from './assignment.js';
import { candidateOf } from './candidates.js';
import { candidatesFor, exclusionsFor, TAKEN } from './offer.js';
import { pairReasons } from './pair-notice.js';
import type { CohortDraft, Match, MatchingSettings } from './ports.js';
import { reasonText } from './reasons.js';
import { type Roster, rosterOf } from './roster.js';
import { type Candidate, type Exclusions, scoreOnly } from './score.js';
import { WAIT_REASON } from './waitlist-view.js';
import { waitlistReason } from './waitlist.js';

/** Reasons shown per pair in the draft: enough to judge it, short enough for forty lines. */
const REASONS_PER_PAIR = 3;

export interface CohortState {
  roster: Roster;
  settings: MatchingSettings;
  exclusions: Exclusions;
  /** Mentees who could be in a cohort now. */
  mentees: Membership[];
  /** Mentors, freePlaces as they are now (active matches only: a draft holds no place). */
  mentors: Candidate[];
  /** The draft's own pairs (status draft), when a draft is given. */
  pairs: Match[];
}

/** What a cohort is made of now, and the draft's pairs. */
export async function cohortState(work: Work, programmeId: string, draftId?: string): Promise<CohortState> {
  const org = work.organisation.id;
  const settings = await work.repos.matchingSettings.get(org, programmeId);
  const [roster, mentors, exclusions, open, records] = await Promise.all([
    rosterOf(work, programmeId),
    candidatesFor(work, programmeId),
    exclusionsFor(work, programmeId, settings),
    work.repos.matches.listForProgramme(org, programmeId, [...TAKEN, 'draft']),
    settings.trainingRequired ? work.repos.training.listForProgramme(org, programmeId) : Promise.resolve([]),
  ]);
  const taken = new Set(open.filter((m) => m.status !== 'draft').map((m) => m.menteeMembershipId));
  const trained = (m: Membership) => !settings.trainingRequired || modulesLeft(m, records.filter((r) => r.membershipId === m.id)).length === 0;
  const mentees = roster.mentees.filter((m) => !taken.has(m.id) && trained(m));
  const pairs = draftId ? open.filter((m) => m.status === 'draft' && m.cohortDraftId === draftId) : [];
  return { roster, settings, exclusions, mentees, mentors, pairs };
}

/** Places a mentor has left in the draft: free now, less the draft's pairs with them. */
export function placesLeft(state: CohortState, mentorId: string): number {
  const free = state.mentors.find((m) => m.id === mentorId)?.freePlaces ?? 0;
  return free - state.pairs.filter((p) => p.mentorMembershipId === mentorId).length;
}

/** Assigns the cohort and stores the draft with its pairs; null when there is nobody to pair. */
export async function createDraft(work: Work, programme: Programme, byPersonId: string): Promise<CohortDraft | null> {
  const state = await cohortState(work, programme.id);
  const mentors = state.mentors.filter((m) => (m.freePlaces ?? 0) > 0);
  if (state.mentees.length === 0 || mentors.length === 0) return null;
  const mentees = state.mentees.map((m) => candidateOf(m));
  const ctx = { weights: state.settings.weights, exclusions: state.exclusions };
  const result = assignCohort({
    mentees: mentees.map((m) => m.id),
    mentors: mentors.map((m) => ({ id: m.id, capacity: m.freePlaces ?? 0 })),
    score: (i, j) => scoreOnly(mentees[i]!, mentors[j]!, ctx),
  });
  const now = work.clock.now();
  const org = work.organisation.id;
  const draft = await work.repos.cohortDrafts.create({ id: work.ids.next(), organisationId: org, programmeId: programme.id, status: 'draft', createdById: byPersonId, createdAt: now, approvedById: null, approvedAt: null, revealAt: null, revealedAt: null });
  await work.repos.matches.createMany(result.pairs.map((p) => draftMatch(work, draft, p.mentee, p.mentor, p.score)));
  return draft;
}

export function draftMatch(work: Work, draft: CohortDraft, menteeId: string, mentorId: string, score: number): Match {
  return {
    id: work.ids.next(), organisationId: draft.organisationId, programmeId: draft.programmeId, mentorMembershipId: mentorId, menteeMembershipId: menteeId,
    status: 'draft', score, origin: 'cohort', cohortDraftId: draft.id, questionId: null, requestedAt: null, respondedAt: null,
    declineReason: null, startedAt: null, endedAt: null, endedById: null, createdAt: work.clock.now(),
  };
}

/** The draft's pairs withdrawn (a discarded or redone draft); the rows stay as history. */
export async function withdrawPairs(work: Work, draftId: string, programmeId: string): Promise<void> {
  const org = work.organisation.id;
  const pairs = (await work.repos.matches.listForProgramme(org, programmeId, ['draft'])).filter((m) => m.cohortDraftId === draftId);
  for (const p of pairs) await work.repos.matches.transition(org, p.id, ['draft'], 'withdrawn');
}

/** The draft's waitlist: mentees who could be paired now and have no pair in it. */
export function waitingIn(state: CohortState): Membership[] {
  const paired = new Set(state.pairs.map((p) => p.menteeMembershipId));
  return state.mentees.filter((m) => !paired.has(m.id));
}

/** The draft as the coordinator reads it: one line per pair with its strongest reasons, then who waits and why. */
export function draftView(t: Translate, locale: string, programme: Programme, draft: CohortDraft, state: CohortState): Outbound {
  const name = state.roster.name;
  const pairs = state.pairs
    .map((p) => ({ p, mentee: state.roster.byId.get(p.menteeMembershipId), mentor: state.roster.byId.get(p.mentorMembershipId) }))
    .filter((x): x is { p: Match; mentee: Membership; mentor: Membership } => !!x.mentee && !!x.mentor)
    .sort((a, b) => name(a.mentee.id).localeCompare(name(b.mentee.id)))
    .map(({ mentee, mentor }) => {
      const reasons = pairReasons(mentee, mentor, state.settings.weights).slice(0, REASONS_PER_PAIR).map((r) => reasonText(r, t, locale));
      const params = { mentee: name(mentee.id), mentor: name(mentor.id) };
      return reasons.length > 0 ? t('cohort.draftPair', { ...params, reasons: reasons.join('; ') }) : t('cohort.draftPairNoReason', params);
    });
  // Why each waits, against the places the draft leaves.
  const left = state.mentors.map((m) => ({ ...m, freePlaces: placesLeft(state, m.id) }));
  const waiting = waitingIn(state).map((m) => t('cohort.draftWaiting', { mentee: name(m.id), reason: t(WAIT_REASON[waitlistReason(candidateOf(m), left, state.exclusions)]) }));
  const status = draft.status === 'approved' && draft.revealAt ? t('cohort.draftApprovedFor', { when: draft.revealAt }) : t('cohort.draftNotApproved');
  return {
    title: t('cohort.draftTitle', { programme: programme.name }),
    text: t('cohort.draftSummary', { pairs: pairs.length, waiting: waiting.length, places: left.reduce((sum, m) => sum + Math.max(0, m.freePlaces), 0) }),
    sections: [
      { heading: t('cohort.draftPairs', { count: pairs.length }), ...(pairs.length > 0 ? { bullets: pairs } : { text: t('cohort.draftNoPairs') }) },
      { heading: t('cohort.draftWaitlist', { count: waiting.length }), ...(waiting.length > 0 ? { bullets: waiting } : { text: t('cohort.draftNobodyWaits') }) },
    ],
    context: [status],
  };
}

export async function draftViewFor(work: Work, t: Translate, locale: string, programme: Programme, draft: CohortDraft): Promise<Outbound> {
  return draftView(t, locale, programme, draft, await cohortState(work, programme.id, draft.id));
}
