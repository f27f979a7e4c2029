/**
 * `matches`: the coordinator's view of matching in her programme. The pairs (one line per mentor,
 * with places taken), open requests with how long they wait, the waitlist with why each person
 * is on it and since when, the mentors' reasons for declining (coordinators only: the mentee is
 * never shown them), and which mentors to recruit. Built for forty pairs: a handful of sections,
 * one line per mentor, request or waiting person.
 */
import type { FlowRun, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import { coordinatorActionFlow, onCoordinatedProgramme } from '../programmes/coordinating.js';
import type { Match, WaitlistEntry, WaitlistReason } from './ports.js';
import { daysSince, type Roster, rosterOf } from './roster.js';
import { featuresOf } from './score.js';

export const WAIT_REASON: Record<WaitlistReason, string> = {
  noLanguage: 'cohort.waitNoLanguage',
  noPlaces: 'cohort.waitNoPlaces',
  noFit: 'cohort.waitNoFit',
  allDeclined: 'cohort.waitAllDeclined',
};

/** Declines shown: the newest, since older ones have been dealt with or are in the history. */
const DECLINES_SHOWN = 10;

interface Facts {
  roster: Roster;
  active: Match[];
  requested: Match[];
  declined: Match[];
  waiting: WaitlistEntry[];
  /** Mentor membership id → places free now (0 while paused). */
  free: Map<string, number>;
  hasDraft: boolean;
}

async function factsOf(work: Work, programmeId: string): Promise<Facts> {
  const org = work.organisation.id;
  const roster = await rosterOf(work, programmeId);
  const matches = await work.repos.matches.listForProgramme(org, programmeId, ['active', 'requested', 'declined']);
  const of = (s: Match['status']) => matches.filter((m) => m.status === s);
  const active = of('active');
  const accepting = await work.repos.mentorAvailability.accepting(org, roster.mentors.map((m) => m.id));
  const free = new Map(
    roster.mentors.map((m) => {
      const taken = active.filter((a) => a.mentorMembershipId === m.id).length;
      return [m.id, accepting.get(m.id) === false ? 0 : Math.max(0, (m.profile.capacity ?? 0) - taken)];
    }),
  );
  const waiting = (await work.repos.waitlist.list(org, programmeId)).filter((w) => roster.byId.get(w.membershipId)?.status === 'active');
  const hasDraft = (await work.repos.cohortDrafts.current(org, programmeId)) !== null;
  return { roster, active, requested: of('requested'), declined: of('declined'), waiting, free, hasDraft };
}

export async function matchesView(work: Work, t: Translate, programme: Programme): Promise<Outbound> {
  const f = await factsOf(work, programme.id);
  const now = work.clock.now();
  const name = f.roster.name;
  const sections: Section[] = [pairsSection(t, f)];
  if (f.requested.length > 0) {
    const bullets = f.requested.map((m) => t('cohort.viewRequest', { mentee: name(m.menteeMembershipId), mentor: name(m.mentorMembershipId), days: daysSince(m.requestedAt ?? m.createdAt, now) }));
    sections.push({ heading: t('cohort.viewRequests', { count: f.requested.length }), bullets });
  }
  sections.push(
    f.waiting.length === 0
      ? { heading: t('cohort.viewWaitlist', { count: 0 }), text: t('cohort.viewNobodyWaits') }
      : { heading: t('cohort.viewWaitlist', { count: f.waiting.length }), bullets: f.waiting.map((w) => t('cohort.viewWaiting', { mentee: name(w.membershipId), reason: t(WAIT_REASON[w.reason]), days: daysSince(w.since, now) })) },
  );
  const declines = f.declined.filter((m) => m.respondedAt !== null).sort((a, b) => (b.respondedAt as Date).getTime() - (a.respondedAt as Date).getTime());
  if (declines.length > 0) {
    const bullets = declines.slice(0, DECLINES_SHOWN).map((m) => {
      const params = { mentor: name(m.mentorMembershipId), mentee: name(m.menteeMembershipId), date: m.respondedAt as Date };
      return m.declineReason ? t('cohort.viewDeclinedWhy', { ...params, reason: m.declineReason }) : t('cohort.viewDeclined', params);
    });
    if (declines.length > DECLINES_SHOWN) bullets.push(t('cohort.viewMore', { count: declines.length - DECLINES_SHOWN }));
    sections.push({ heading: t('cohort.viewDeclines'), bullets });
  }
  const recruit = recruitLines(t, f);
  if (recruit.length > 0) sections.push({ heading: t('cohort.viewRecruit'), bullets: recruit });
  return {
    title: t('cohort.viewTitle', { programme: programme.name }),
    text: t('cohort.viewSummary', { programme: programme.name, pairs: f.active.length, requests: f.requested.length, waiting: f.waiting.length }),
    sections,
    context: [...(f.hasDraft ? [t('cohort.viewDraftWaits')] : []), t('cohort.viewCommands')],
  };
}

/** One line per mentor with a mentee: "*Ola* (2 of 3 places): Amina, Sara"; then the free places. */
function pairsSection(t: Translate, f: Facts): Section {
  const heading = t('cohort.viewPairs', { count: f.active.length });
  const freeTotal = [...f.free.values()].reduce((a, b) => a + b, 0);
  const withRoom = [...f.free.values()].filter((n) => n > 0).length;
  const freeLine = t('cohort.viewFreePlaces', { places: freeTotal, mentors: withRoom });
  if (f.active.length === 0) return { heading, text: `${t('cohort.viewNoPairs')}\n${freeLine}` };
  const byMentor = new Map<string, string[]>();
  for (const m of f.active) (byMentor.get(m.mentorMembershipId) ?? byMentor.set(m.mentorMembershipId, []).get(m.mentorMembershipId)!).push(f.roster.name(m.menteeMembershipId));
  const bullets = [...byMentor]
    .map(([mentor, mentees]) => ({ mentor: f.roster.name(mentor), mentees, capacity: f.roster.byId.get(mentor)?.profile.capacity ?? mentees.length }))
    .sort((a, b) => a.mentor.localeCompare(b.mentor))
    .map((x) => t('cohort.viewMentorLine', { mentor: x.mentor, taken: x.mentees.length, capacity: x.capacity, mentees: x.mentees.join(', ') }));
  return { heading, text: freeLine, bullets };
}

/**
 * Which mentors would empty the waitlist: the languages of waiting mentees who share no language
 * with any mentor who has a free place (the reason "no mentor speaks her language"), the fields
 * of waiting mentees that no mentor with a free place works in, and whether places simply ran out.
 */
function recruitLines(t: Translate, f: Facts): string[] {
  const open = f.roster.mentors.filter((m) => (f.free.get(m.id) ?? 0) > 0);
  const spoken = new Set(open.flatMap((m) => featuresOf({ id: m.id, profile: m.profile }).useful));
  const fields = new Set(open.map((m) => m.profile.field));
  const languages = new Map<string, number>();
  const wantedFields = new Map<string, number>();
  const count = (into: Map<string, number>, key: string) => into.set(key, (into.get(key) ?? 0) + 1);
  for (const w of f.waiting) {
    const mentee = f.roster.byId.get(w.membershipId);
    if (!mentee) continue;
    const hers = featuresOf({ id: mentee.id, profile: mentee.profile }).useful;
    if (!hers.some((code) => spoken.has(code))) for (const code of hers) count(languages, code);
    const field = mentee.profile.field;
    if (field && field !== 'other' && !fields.has(field)) count(wantedFields, field);
  }
  const named = (into: Map<string, number>, prefix: string) =>
    [...into]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([code, n]) => t('cohort.viewRecruitItem', { name: labelOf(t, `${prefix}.${code}`, code), count: n }))
      .join(', ');
  const lines: string[] = [];
  if (languages.size > 0) lines.push(t('cohort.viewRecruitLanguages', { languages: named(languages, 'languages') }));
  if (wantedFields.size > 0) lines.push(t('cohort.viewRecruitFields', { fields: named(wantedFields, 'fields') }));
  const forPlace = f.waiting.filter((w) => w.reason === 'noPlaces').length;
  if (forPlace > 0 && open.length === 0) lines.push(t('cohort.viewRecruitPlaces', { count: forPlace }));
  return lines;
}

/** A language typed under "other" has no key: it is shown as the person wrote it. */
const labelOf = (t: Translate, key: string, fallback: string) => {
  const label = t(key);
  return label === key ? fallback : label;
};

const showMatches = async (turn: Turn, programme: Programme) => turn.say(await matchesView(turn, turn.t, programme));

export const matchesCommand = (turn: Turn, active: FlowRun | null) => onCoordinatedProgramme(turn, active, 'matches-view', showMatches);

export const matchesViewFlow = coordinatorActionFlow('matches-view', 'cohort.flowMatches', showMatches);
