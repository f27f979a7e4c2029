/**
 * A participant's closing, when their pair has ended: the closing reflection (private to its
 * author: stored for them alone, erased when they leave), a final look at each agreed goal (the
 * goals feature asks it), the exit survey, and — where the programme tracks them — the mentee's
 * job outcomes. Each is an open question, so they can be answered in any order, days later,
 * beside anything else. Question data holds ids and the programme's name, never a person's words.
 */
import type { Membership } from '../../domain.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import type { Match } from '../matching/ports.js';
import { checkForm, reflectionForm } from './forms.js';
import { askFinalGoalLook } from './goal-look.js';
import { askOutcomes } from './outcomes.js';
import type { ClosureOutcome } from './ports.js';
import { askSurvey } from './survey.js';
import { toPromptSpec } from '../../engine/prompt-spec.js';

export const REFLECTION_KIND = 'closure.closing-reflection';

const roleOf = (data: Record<string, unknown>) => (data.role === 'mentor' ? 'mentor' : 'mentee');

export const reflectionKind: QuestionKind = {
  kind: REFLECTION_KIND,
  render: (t, q) => ({
    title: t('closure.reflectionHeading', { programme: String(q.data.programme ?? '') }),
    text: `${t(q.data.outcome === 'completed' ? 'closure.endedCompleted' : 'closure.endedEarly')}\n${t(`closure.reflectionIntro_${roleOf(q.data)}`)}`,
    context: [t('closure.reflectionPrivate')],
    prompt: { id: q.id, spec: toPromptSpec(reflectionForm(roleOf(q.data)), t) },
  }),
  summary: (t) => t('closure.reflectionSummary'),
  answer: async (turn, q, answer) => {
    const checked = checkForm(turn, reflectionForm(roleOf(q.data)), answer);
    if ('outcome' in checked) return checked.outcome;
    const org = turn.organisation.id;
    await turn.repos.closures.saveAnswer({ id: turn.ids.next(), organisationId: org, programmeId: String(q.programmeId ?? ''), matchId: String(q.data.matchId ?? ''), membershipId: String(q.data.membershipId ?? ''), kind: 'reflection', questionId: q.id, answers: checked.values, createdAt: turn.clock.now() });
    // Her words live in ClosureAnswer, hers alone; the question keeps no copy.
    await turn.repos.closures.forgetQuestionAnswer(org, q.id);
    turn.say({ key: 'closure.reflectionSaved' });
    return { status: 'answered' };
  },
};

/** Opens the closing for one participant still in the programme. */
export async function startClosing(work: Work, match: Match, membership: Membership, outcome: ClosureOutcome): Promise<void> {
  const programme = (await work.repos.programmes.get(work.organisation.id, match.programmeId))?.name ?? '';
  const role = membership.id === match.mentorMembershipId ? 'mentor' : 'mentee';
  const common = { programmeId: match.programmeId, subjectType: 'match', subjectId: match.id, audience: [membership.personId] };
  await ask(work, { ...common, kind: REFLECTION_KIND, data: { matchId: match.id, membershipId: membership.id, role, programme, outcome } });
  await askFinalGoalLook(work, match.id, membership.id);
  await askSurvey(work, match, membership, programme);
  if (role === 'mentee') await askOutcomes(work, membership.id, match.id);
}
