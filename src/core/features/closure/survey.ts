/**
 * The exit survey for the programme: overall 1–5, would you recommend it, what was most valuable
 * and what should change (for the coordinators, and the form says so), and "stay in touch?".
 * Only when both of the pair say yes are they told, each with the other's name; otherwise the
 * other hears nothing, so a "no" costs nobody anything.
 */
import type { Membership } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import { toPromptSpec } from '../../engine/prompt-spec.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { shownName } from '../matching/cards.js';
import type { Match } from '../matching/ports.js';
import { checkForm, surveyForm } from './forms.js';

export const SURVEY_KIND = 'closure.exit-survey';

export async function askSurvey(work: Work, match: Match, membership: Membership, programme: string): Promise<void> {
  await ask(work, {
    kind: SURVEY_KIND,
    programmeId: match.programmeId,
    subjectType: 'match',
    subjectId: match.id,
    audience: [membership.personId],
    data: { matchId: match.id, membershipId: membership.id, programme },
  });
}

export const surveyKind: QuestionKind = {
  kind: SURVEY_KIND,
  render: (t, q) => ({
    title: t('closure.surveyHeading', { programme: String(q.data.programme ?? '') }),
    text: t('closure.surveyIntro'),
    prompt: { id: q.id, spec: toPromptSpec(surveyForm, t) },
  }),
  summary: (t) => t('closure.surveySummary'),
  answer: async (turn, q, answer) => {
    const checked = checkForm(turn, surveyForm, answer);
    if ('outcome' in checked) return checked.outcome;
    const org = turn.organisation.id;
    const matchId = String(q.data.matchId ?? '');
    const membershipId = String(q.data.membershipId ?? '');
    const saved = await turn.repos.closures.saveAnswer({ id: turn.ids.next(), organisationId: org, programmeId: String(q.programmeId ?? ''), matchId, membershipId, kind: 'survey', questionId: q.id, answers: checked.values, createdAt: turn.clock.now() });
    await turn.repos.closures.forgetQuestionAnswer(org, q.id);
    turn.say({ key: 'closure.surveyThanks' });
    if (saved && checked.values.stayInTouch === 'yes') await bothWantToStay(turn, matchId, membershipId);
    return { status: 'answered' };
  },
};

/** If the partner said yes too (and is still in the programme), each is told the other's name. */
async function bothWantToStay(turn: Turn, matchId: string, mine: string): Promise<void> {
  const org = turn.organisation.id;
  // The pair's row, locked: of two yeses at once, the second waits and sees the first.
  await turn.repos.agreements.lockPair(org, matchId);
  const answers = await turn.repos.closures.answersForMatch(org, matchId, 'survey');
  const partnerYes = answers.find((a) => a.membershipId !== mine && a.answers.stayInTouch === 'yes');
  if (!partnerYes) return;
  const [me, partner] = await Promise.all([turn.repos.memberships.get(org, mine), turn.repos.memberships.get(org, partnerYes.membershipId)]);
  if (me?.status !== 'active' || partner?.status !== 'active') return;
  const names = { me: shownName(me, await turn.personById(me.personId)), partner: shownName(partner, await turn.personById(partner.personId)) };
  await turn.tell(me.personId, () => ({ key: 'closure.stayBoth', params: { name: names.partner } }));
  await turn.tell(partner.personId, () => ({ key: 'closure.stayBoth', params: { name: names.me } }));
}
