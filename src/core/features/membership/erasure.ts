/**
 * Erasing a person from a programme: what the privacy notice (join.privacyNotice) promises
 * happens when someone leaves. One function, run inside the caller's unit of work, so the
 * erasure commits with the leaving (or with whatever else asks for it later: a coordinator
 * removing someone, a programme closing) or not at all.
 *
 * Erased: the profile; the answers of the person's flow runs about the programme (the runs stay,
 * with flow, status and dates, for "who finished joining"); the bot's copies of messages to the
 * person since they started joining (every one, whatever programme it was about: they are only
 * our copies, the person keeps their chat on the platform); the copies of messages to the
 * programme's other members that carry the name or words the person gave for it (the
 * coordinators' "X has joined" notices); files made for the person since then; open questions
 * about the person in the programme (withdrawn); mentors' reasons for declining her or for her
 * declining (Match.declineReason, coordinators' eyes only); the private notes the person wrote in
 * the programme (PrivateNote, theirs alone: deleted, rows and all), and their preparations and
 * reflections with their ratings (Reflection, likewise; what they shared or summarised for the partner
 * is looked for in the partner's copies); the agreements of their pairs
 * (every version: each holds both sides' words, and leaving ends the pair); the goal progress of
 * their pairs (GoalProgress, both sides' lines: the pair has ended; her lines also in the partner's copies); and the name, unless another programme of
 * theirs still uses it. A pending message is left alone (it may be on its way to the platform this
 * very moment); its copy goes with the retention period (kernel/retention.ts).
 *
 * Kept: the membership row (role, joined and left dates, consent version), for the programme's
 * numbers; and one audit entry with counts of what was erased, never the content.
 */
import { EMPTY_PROFILE, type AnswerValue, type Answers, type Membership, type Profile } from '../../domain.js';
import { Turn } from '../../engine/turn.js';
import { withoutMarks } from '../../kernel/rich-text.js';
import type { Work } from '../../kernel/work.js';
import { eraseEscalationsFor, escalationWordsOf } from '../escalations/erase.js';
import { profileFromAnswers } from './profile-steps.js';

/**
 * Texts shorter than this are not searched for in other people's copies: a two-letter name
 * would match half the organisation's messages. The person's own copies are erased whatever
 * they say, so this only narrows what is looked for elsewhere.
 */
const MIN_MATCH_LENGTH = 3;

export interface EraseTarget {
  membershipId: string;
  /** Who asked (the person leaving, a coordinator; null for the system), for the audit entry. */
  actorPersonId: string | null;
  /**
   * The run doing the erasing (the leave flow's own): the engine saves it after this step, so it
   * is not written here; the step empties it with `ctx.forgetAnswers()` and it is counted.
   */
  ownRunId?: string;
}

/** What was erased, by kind: counts only (this is what the audit entry records). */
export interface Erased {
  profile: number;
  flowAnswers: number;
  outboxPayloads: number;
  othersOutboxPayloads: number;
  files: number;
  questionsWithdrawn: number;
  audiencesLeft: number;
  /** Mentors' reasons for declining a request of hers or to her (coordinators' eyes only while she was there). */
  declineReasons: number;
  /** Private notes the person wrote for their pair's meetings (deleted). */
  notes: number;
  /** Preparations and reflections the person wrote for their pair's meetings, with their ratings (deleted). */
  reflections: number;
  /** Versions of the agreements of the person's pairs (deleted: each holds both sides' words, and the pair has ended). */
  agreements: number;
  /** Closing answers (private reflections deleted, survey texts emptied) and the free lines of the pairs' endings. */
  closures: number;
  /** Goal progress of the person's pairs (every update, both sides': the pair has ended) and any they wrote elsewhere (deleted). */
  goals: number;
  /** Places or links typed for the meetings of the person's pairs (emptied; the meetings' times stay for the programme's counts). */
  meetingPlaces: number;
  /** Comments the person wrote in check-ins (emptied; the scores and dates stay for the programme's counts). */
  checkInComments: number;
  /** The person's weekly nudges filed under the programme, and their pause of nudges unless another programme of theirs goes on (no words: ids and dates). */
  nudges: number;
  /** Words shared with coordinators in escalations (emptied), notes about or by the person (emptied), escalations about them (closed). */
  escalations: number;
  /** What happened to Person.displayName. */
  displayName: 'neutral' | 'other-profile' | 'kept';
}

export async function erasePersonFromProgramme(work: Work, target: EraseTarget): Promise<Erased> {
  const org = work.organisation.id;
  const membership = await work.repos.memberships.get(org, target.membershipId);
  if (!membership) throw new Error(`membership ${target.membershipId} not found in organisation ${org}`);
  const { personId, programmeId } = membership;
  const now = work.clock.now();
  const runs = await work.repos.erasure.runsAbout(org, personId, programmeId);
  // Read before anything is emptied: what to look for in others' copies, and since when.
  const profiles = [membership.profile, ...runs.flatMap((r) => profilesIn(r.answers))];
  // Her lines of goal progress were shown to her partner (goals view): looked for in others' copies too.
  const goalLines = await work.repos.goalProgress.linesBy(org, membership.id);
  // So did the reflections she shared and her summaries for the mentor (reflections/share.ts, flow.ts).
  const sharedWords = await work.repos.reflections.wordsSharedBy(org, membership.id);
  // And the places she typed for meetings (in his proposals, invitations and calendar files).
  const places = await work.repos.meetings.placesProposedBy(org, membership.id);
  // And the check-in comments she shared with the coordinators (their `check-ins` views, escalation cards).
  const sharedComments = await work.repos.checkIns.sharedCommentsBy(org, membership.id);
  // And the words she shared with the coordinators when raising an escalation (their cards).
  const escalationWords = await escalationWordsOf(work, membership);
  const since = earliest([membership.joinedAt, membership.consentedAt, ...runs.map((r) => r.startedAt)]);

  await work.repos.memberships.update(org, membership.id, { status: 'left', leftAt: membership.leftAt ?? now, profile: EMPTY_PROFILE, profileDoneAt: null });
  const others = runs.filter((r) => r.id !== target.ownRunId).map((r) => r.id);
  const erased: Erased = {
    profile: isEmpty(membership.profile) ? 0 : 1,
    flowAnswers: (await work.repos.erasure.eraseRunAnswers(org, others, now)) + (target.ownRunId ? 1 : 0),
    // The question being answered now ("Leave X?") names nothing of theirs: kept, so the answer updates it in place.
    outboxPayloads: await work.repos.erasure.eraseMessagesTo(org, personId, since, runs.find((r) => r.id === target.ownRunId)?.promptId ?? null),
    othersOutboxPayloads: await work.repos.erasure.eraseMessagesMentioning(org, programmeId, personId, since, [...searchable(profiles), ...[...goalLines, ...sharedWords, ...places, ...sharedComments, ...escalationWords].filter((l) => l.length >= MIN_MATCH_LENGTH)]),
    files: await work.repos.erasure.deleteFilesFor(org, personId, since),
    questionsWithdrawn: await withdrawQuestions(work, membership),
    audiencesLeft: await work.repos.erasure.leaveAudiences(org, programmeId, personId),
    declineReasons: await work.repos.matches.eraseDeclineReasons(org, membership.id),
    notes: await work.repos.notes.removeAllByAuthor(org, membership.id),
    reflections: await work.repos.reflections.removeAllByAuthor(org, membership.id),
    agreements: await work.repos.agreements.removeForMatches(org, (await work.repos.matches.listForMembership(org, membership.id)).map((m) => m.id)),
    closures: await work.repos.closures.eraseFor(org, membership.id, (await work.repos.matches.listForMembership(org, membership.id)).map((m) => m.id)),
    goals: (await work.repos.goalProgress.removeForMatches(org, (await work.repos.matches.listForMembership(org, membership.id)).map((m) => m.id))) + (await work.repos.goalProgress.removeAllByAuthor(org, membership.id)),
    checkInComments: await work.repos.checkIns.eraseCommentsBy(org, membership.id),
    escalations: await eraseEscalationsFor(work, membership),
    meetingPlaces: await work.repos.meetings.erasePlaces(org, (await work.repos.matches.listForMembership(org, membership.id)).map((m) => m.id)),
    nudges: await work.repos.nudges.eraseFor(org, personId, programmeId, (await work.repos.memberships.listWithProgrammes(org, personId, 'active')).length > 0),
    displayName: await replaceName(work, membership, profiles),
  };
  await work.repos.audit.record({ organisationId: org, actorPersonId: target.actorPersonId, action: 'membership:erased', subjectType: 'Membership', subjectId: membership.id, data: { programmeId, ...erased } });
  return erased;
}

/** Closes the programme's open questions about the person; everyone else asked sees theirs withdrawn. */
async function withdrawQuestions(work: Work, membership: Membership): Promise<number> {
  const org = work.organisation.id;
  const about = await work.repos.erasure.openQuestionsAbout(org, membership.programmeId, membership.personId, [membership.personId, membership.id]);
  let withdrawn = 0;
  for (const question of about) {
    const closed = await work.repos.questions.close(org, question.id, 'withdrawn', work.clock.now());
    if (!closed) continue;
    withdrawn += 1;
    // Their copy loses its buttons; its words may have named the person, so none are repeated.
    for (const personId of closed.audience.filter((p) => p !== membership.personId)) {
      await work.tell(personId, (t) => ({ text: t('questions.withdrawnMark'), replacesPromptId: closed.id }));
    }
  }
  return withdrawn;
}

/**
 * The person's name after leaving. With no other active programme it becomes a neutral label in
 * the deployment's language with a short reference from the person's id ("Former participant
 * (7Q3M)"): a coordinator running forty pairs reads statistics and histories with it, and can
 * tell two former participants apart without learning who they were (the platform handle would
 * still name them). Still in another programme: the name that programme's profile gives, unless
 * the name is not one given for this programme (then it stays).
 */
async function replaceName(work: Work, membership: Membership, profiles: Profile[]): Promise<Erased['displayName']> {
  const org = work.organisation.id;
  const person = await work.personById(membership.personId);
  if (!person) return 'kept';
  const active = (await work.repos.memberships.listWithProgrammes(org, person.id, 'active')).filter((m) => m.membership.id !== membership.id);
  const namesHere = new Set(profiles.map((p) => p.fullName).filter((n): n is string => !!n));
  const namesElsewhere = active.map((m) => m.membership.profile.fullName).filter((n): n is string => !!n);
  if (active.length > 0 && (!namesHere.has(person.displayName) || namesElsewhere.includes(person.displayName))) return 'kept';
  const other = namesElsewhere.at(-1);
  const locale = work.texts.locales()[0] ?? person.locale;
  // A stored name, not a message: without the marks Texts puts around its parameters.
  const displayName = other ?? withoutMarks(work.texts.t(locale, 'leave.formerParticipant', { ref: person.id.slice(-4).toUpperCase() }));
  if (work instanceof Turn && work.person.id === person.id) await work.updatePerson({ displayName });
  else await work.repos.people.update(org, person.id, { displayName });
  return other ? 'other-profile' : 'neutral';
}

const obj = (a: AnswerValue | undefined): Answers => (a && typeof a === 'object' && !Array.isArray(a) ? a : {});

/**
 * Every profile a run's answers hold: what the person typed (join, edit profile), and the stored
 * profile a run was started with (`initial`, the forms' filled-in values), read as both roles so
 * goals and offers are both found.
 */
function profilesIn(answers: Answers): Profile[] {
  return [answers, obj(answers.initial)].flatMap((forms) => [profileFromAnswers(forms, 'mentee'), profileFromAnswers(forms, 'mentor')]);
}

/**
 * What identifies the person or is plainly their own words: names, goals, what they want help
 * with, what they offer. Region and profession are everyday words ("Oslo", "Nurse") that name
 * nobody once the name is gone, and would match many unrelated messages.
 */
function searchable(profiles: Profile[]): string[] {
  const texts = profiles.flatMap((p) => [p.fullName, p.helpWanted, p.offer, ...p.goals]);
  return [...new Set(texts.map((t) => t?.trim() ?? '').filter((t) => t.length >= MIN_MATCH_LENGTH))];
}

function earliest(dates: (Date | null)[]): Date {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return new Date(Math.min(...times));
}

function isEmpty(profile: Profile): boolean {
  return Object.values(profile).every((v) => v === null || (Array.isArray(v) && v.length === 0));
}
