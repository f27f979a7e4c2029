/**
 * The mentee chooses: one message with her three suggestions as cards, asked as an open question
 * (CHOOSE_KIND) with "Ask <name>" for each and "Show me others". Choosing one sends the
 * request to that mentor (request.ts); asking for others offers the next three.
 */
import type { Membership } from '../../domain.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { ChoiceOption } from '../../messages.js';
import { fillCard, mentorSection, shownName } from './cards.js';
import { offerSuggestions } from './offer.js';
import type { Match } from './ports.js';
import { requestMentor } from './request.js';
import type { Suggestion } from './suggest.js';

/** Built, not written out: a quoted feature-dot-word reads as a text key to the catalogue check (test/i18n). */
const FEATURE = 'matching';
export const CHOOSE_KIND = `${FEATURE}.choose`;
const OTHERS = 'others';

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Records the suggestions (status 'suggested') and asks her to choose. */
export async function offerChoice(work: Work, mentee: Membership, found: readonly Suggestion[], seen: readonly string[]): Promise<void> {
  const org = work.organisation.id;
  const matchIds = found.map(() => work.ids.next());
  const question = await ask(work, {
    kind: CHOOSE_KIND,
    programmeId: mentee.programmeId,
    subjectType: 'membership',
    subjectId: mentee.id,
    audience: [mentee.personId],
    data: { menteeMembershipId: mentee.id, matchIds, mentorIds: found.map((s) => s.mentor.id), seen: [...seen] },
  });
  const now = work.clock.now();
  await work.repos.matches.createMany(
    found.map((s, i): Match => ({
      id: matchIds[i]!,
      organisationId: org,
      programmeId: mentee.programmeId,
      mentorMembershipId: s.mentor.id,
      menteeMembershipId: mentee.id,
      status: 'suggested',
      score: s.score.total,
      origin: 'suggestion',
      cohortDraftId: null,
      // The card that offers it: withdrawn when newer suggestions replace these.
      questionId: question.id,
      requestedAt: null,
      respondedAt: null,
      declineReason: null,
      startedAt: null,
      endedAt: null,
      endedById: null,
      createdAt: now,
    })),
  );
  const reader = await work.personById(mentee.personId);
  if (!reader) return;
  const t = work.tFor(reader);
  const names = await Promise.all(found.map(async (s) => nameOfMember(work, s.mentor.id)));
  fillCard(work, question.id, mentee.personId, (copy) => ({
    ...copy,
    sections: found.map((s, i) => mentorSection(t, reader.locale, names[i]!, s)),
    prompt: { id: question.id, spec: { kind: 'choice', options: buttons(t, matchIds, names) } },
  }));
}

async function nameOfMember(work: Work, membershipId: string): Promise<string> {
  const member = await work.repos.memberships.get(work.organisation.id, membershipId);
  return member ? shownName(member, await work.personById(member.personId)) : '?';
}

/** With names when the card is filled; numbered when rendered from the stored ids alone. */
function buttons(t: Translate, matchIds: readonly string[], names?: readonly string[]): ChoiceOption[] {
  return [
    ...matchIds.map((id, i) => ({ value: id, label: names ? t('matching.askMentor', { name: names[i]! }) : t('matching.askNumber', { n: i + 1 }), style: 'primary' as const })),
    { value: OTHERS, label: t('matching.showOthers') },
  ];
}

/**
 * Ends her open suggestions: the card's buttons go (its copy says they were replaced) and the
 * rows are 'passed', so they no longer count as demand. Called before new ones are offered.
 */
export async function withdrawChoices(work: Work, mentee: Membership): Promise<void> {
  const org = work.organisation.id;
  const open = (await work.repos.matches.listForMembership(org, mentee.id, ['suggested'])).filter((m) => m.menteeMembershipId === mentee.id);
  for (const questionId of new Set(open.map((m) => m.questionId).filter((q): q is string => q !== null))) {
    const closed = await work.repos.questions.close(org, questionId, 'withdrawn', work.clock.now());
    if (closed) await work.tell(mentee.personId, (t) => ({ text: t('matching.chooseReplaced'), replacesPromptId: questionId }));
  }
  await work.repos.matches.transitionAllForMentee(org, mentee.id, ['suggested'], 'passed');
}

export const chooseKind: QuestionKind = {
  kind: CHOOSE_KIND,
  render: (t, q) => ({ text: t('matching.chooseText', { count: list(q.data.matchIds).length }), prompt: { id: q.id, spec: { kind: 'choice', options: buttons(t, list(q.data.matchIds)) } } }),
  summary: (t) => t('matching.chooseSummary'),
  async answer(turn, question, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    const menteeId = String(question.data.menteeMembershipId ?? '');
    if (value === OTHERS) {
      await offerSuggestions(turn, menteeId, { skip: list(question.data.seen) });
      return { status: 'answered' };
    }
    if (!value || !list(question.data.matchIds).includes(value)) return { status: 'invalid' };
    if (!(await requestMentor(turn, value))) turn.say({ key: 'matching.choiceGone' });
    return { status: 'answered' };
  },
};
