/**
 * A new pair's introduction (issue 13, "Introduction and the first meeting"). When a match
 * becomes active (startMatch: a mentor accepting, a coordinator assigning, a cohort revealed),
 * each of the two gets one message in their own language: who the other is — only what they
 * shared for matching, the same fields the matching cards show (cards.ts) — what happens next,
 * the seeds' rules of a good mentoring relationship and the roles, and an icebreaker agenda for
 * the first meeting. "Just connecting people leads to the meeting where the first question is
 * 'what shall we talk about?'" (the seeds): the agenda is the answer.
 *
 * The mentee takes the initiative (the seeds' roles), so she is asked to propose the first
 * meeting and the mentor is told she will. The bot does not pass messages between them, so both
 * are told to write to each other directly.
 */
import type { Membership, Programme } from '../../domain.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import { scheduleYearEnd } from '../closure/year-end.js';
import { candidateOf } from '../matching/candidates.js';
import { menteeSection, mentorSection, shownName } from '../matching/cards.js';
import type { Match } from '../matching/ports.js';
import { NO_EXCLUSIONS, scorePair, type Weights } from '../matching/score.js';

export type PairRole = 'mentor' | 'mentee';

/** Both sides of one active match, with the names each shows the other. */
export interface Pair {
  match: Match;
  mentee: Membership;
  mentor: Membership;
  menteeName: string;
  mentorName: string;
  programme: Programme;
  weights: Weights;
}

/** The pair of an active match, or null when a side or the programme is gone. */
export async function readPair(work: Work, match: Match, weights?: Weights): Promise<Pair | null> {
  const org = work.organisation.id;
  const [mentee, mentor, programme] = await Promise.all([
    work.repos.memberships.get(org, match.menteeMembershipId),
    work.repos.memberships.get(org, match.mentorMembershipId),
    work.repos.programmes.get(org, match.programmeId),
  ]);
  if (!mentee || !mentor || !programme || mentee.status !== 'active' || mentor.status !== 'active') return null;
  const [menteePerson, mentorPerson] = [await work.personById(mentee.personId), await work.personById(mentor.personId)];
  return {
    match,
    mentee,
    mentor,
    menteeName: shownName(mentee, menteePerson),
    mentorName: shownName(mentor, mentorPerson),
    programme,
    weights: weights ?? (await work.repos.matchingSettings.get(org, match.programmeId)).weights,
  };
}

/** At most this many reasons why they fit on the mentor's card: the strongest, short on a phone. */
const MAX_REASONS = 3;

/**
 * The other side as the reader sees them: the mentor's card with why they fit (as the mentee saw
 * it when choosing), or the mentee's card as the mentor saw her request. Nothing else of a profile.
 */
export function partnerSection(t: Translate, locale: string, reader: PairRole, pair: Pair): Section {
  if (reader === 'mentor') return menteeSection(t, pair.menteeName, pair.mentee.profile);
  const mentor = candidateOf(pair.mentor, 1);
  const score = scorePair(candidateOf(pair.mentee), mentor, { weights: pair.weights, exclusions: NO_EXCLUSIONS });
  const card = mentorSection(t, locale, pair.mentorName, { mentor, score, busy: false });
  return { ...card, bullets: card.bullets?.slice(0, MAX_REASONS) };
}

/** The first meeting's agenda, the rules and the roles: the working paper both can return to. */
export function guideSections(t: Translate, reader: PairRole): Section[] {
  return [
    {
      heading: t('journey.agendaHeading'),
      text: t('journey.agendaText'),
      bullets: [t('journey.agendaPast'), t(reader === 'mentee' ? 'journey.agendaGoalsMentee' : 'journey.agendaGoalsMentor'), t('journey.agendaAgreement'), t('journey.agendaNext')],
    },
    {
      heading: t('journey.rulesHeading'),
      bullets: [t('journey.ruleMentee'), t('journey.ruleMentor'), t('journey.ruleAgreement'), t('journey.ruleFocus'), t('journey.ruleYear')],
    },
    {
      heading: t('journey.rolesHeading'),
      bullets: [t('journey.roleMentee'), t('journey.roleMentor'), t('journey.roleBoth')],
    },
  ];
}

/** What happens now, for one side: the mentee proposes the first meeting, the mentor waits for it. */
function nextSection(t: Translate, reader: PairRole, partner: string): Section {
  const bullets =
    reader === 'mentee'
      ? [t('journey.nextMentee', { name: partner }), t('journey.nextDirect', { name: partner })]
      : [t('journey.nextMentor', { name: partner }), t('journey.nextDirect', { name: partner }), t('journey.nextMentorFollowUp', { name: partner })];
  return { heading: t('journey.nextHeading'), bullets };
}

/** The introduction one side reads. */
export function introduction(t: Translate, locale: string, reader: PairRole, pair: Pair): Outbound {
  const partner = reader === 'mentee' ? pair.mentorName : pair.menteeName;
  const params = { name: partner, programme: pair.programme.name };
  return {
    title: t(reader === 'mentee' ? 'journey.introTitleMentee' : 'journey.introTitleMentor', params),
    text: t(reader === 'mentee' ? 'journey.introTextMentee' : 'journey.introTextMentor', params),
    sections: [partnerSection(t, locale, reader, pair), nextSection(t, reader, partner), ...guideSections(t, reader)],
    context: [t(reader === 'mentee' ? 'journey.seeAgainMentee' : 'journey.seeAgainMentor')],
  };
}

/**
 * Introduces the two of a match that has just become active, each in their own language. Called
 * by startMatch only when the activation succeeded, so once per pair: a second accept finds the
 * match no longer requested and never gets here.
 */
export async function introducePair(work: Work, match: Match): Promise<void> {
  // The pair's agreed end (about a year) and the week-before notice (closure/year-end.ts).
  await scheduleYearEnd(work, match);
  const pair = await readPair(work, match);
  if (!pair) return;
  // Last in the unit: after "you are now a pair", whichever code made the pair and says so.
  await work.tellLast(pair.mentee.personId, (t, person) => introduction(t, person.locale, 'mentee', pair));
  await work.tellLast(pair.mentor.personId, (t, person) => introduction(t, person.locale, 'mentor', pair));
}
