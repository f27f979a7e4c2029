/**
 * Job outcomes, for programmes that track them (a coordinator's `outcome tracking on|off`): the
 * mentee is asked at the end (and, through askOutcomes, at check-ins) what has happened since
 * she started — interviews, job offers, a job, new professional contacts, education started —
 * with counts where numbers make sense. Choices and numbers only: nothing she writes.
 */
import type { Turn } from '../../engine/turn.js';
import { toPromptSpec } from '../../engine/prompt-spec.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { checkForm, outcomesForm } from './forms.js';

export const OUTCOMES_KIND = 'closure.job-outcomes';

/**
 * Asks a mentee for her job outcomes if her programme tracks them; false when it does not, or
 * she is not an active mentee. `matchId`: the pair it is asked for, when there is one.
 */
export async function askOutcomes(work: Work, membershipId: string, matchId: string | null = null): Promise<boolean> {
  const org = work.organisation.id;
  const membership = await work.repos.memberships.get(org, membershipId);
  if (membership?.role !== 'mentee' || membership.status !== 'active') return false;
  if (!(await work.repos.closures.tracksOutcomes(org, membership.programmeId))) return false;
  const programme = (await work.repos.programmes.get(org, membership.programmeId))?.name ?? '';
  await ask(work, {
    kind: OUTCOMES_KIND,
    programmeId: membership.programmeId,
    subjectType: 'membership',
    subjectId: membership.id,
    audience: [membership.personId],
    data: { membershipId: membership.id, matchId, programme },
  });
  return true;
}

export const outcomesKind: QuestionKind = {
  kind: OUTCOMES_KIND,
  render: (t, q) => ({
    title: t('closure.outcomesHeading', { programme: String(q.data.programme ?? '') }),
    text: t('closure.outcomesIntro'),
    prompt: { id: q.id, spec: toPromptSpec(outcomesForm, t) },
  }),
  summary: (t) => t('closure.outcomesSummary'),
  answer: async (turn, q, answer) => {
    const checked = checkForm(turn, outcomesForm, answer);
    if ('outcome' in checked) return checked.outcome;
    const matchId = typeof q.data.matchId === 'string' ? q.data.matchId : null;
    await turn.repos.closures.saveAnswer({ id: turn.ids.next(), organisationId: turn.organisation.id, programmeId: String(q.programmeId ?? ''), matchId, membershipId: String(q.data.membershipId ?? ''), kind: 'outcomes', questionId: q.id, answers: checked.values, createdAt: turn.clock.now() });
    turn.say({ key: 'closure.outcomesThanks' });
    return { status: 'answered' };
  },
};

/** `outcome tracking on|off`: for every programme the person coordinates. */
export async function outcomeTrackingCommand(turn: Turn, argument: string): Promise<void> {
  const org = turn.organisation.id;
  const word = argument.trim().toLocaleLowerCase();
  const among = (key: string) => turn.t(key).toLocaleLowerCase().split('|').includes(word);
  const on = among('closure.wordsOn') ? true : among('closure.wordsOff') ? false : null;
  const coordinated = (await turn.repos.memberships.listWithProgrammes(org, turn.person.id, 'active')).filter((m) => m.membership.role === 'coordinator');
  if (coordinated.length === 0) return turn.say({ key: 'closure.coordinatorsOnly' });
  if (on === null) {
    const states = [];
    for (const { programme } of coordinated) states.push(turn.t((await turn.repos.closures.tracksOutcomes(org, programme.id)) ? 'closure.trackingIsOn' : 'closure.trackingIsOff', { programme: programme.name }));
    return turn.say({ text: `${states.join('\n')}\n${turn.t('closure.trackingUsage')}` });
  }
  for (const { programme } of coordinated) {
    await turn.repos.closures.setTracksOutcomes(org, programme.id, on);
    await turn.repos.audit.record({ organisationId: org, actorPersonId: turn.person.id, action: 'closure:outcome-tracking', subjectType: 'Programme', subjectId: programme.id, data: { on } });
    turn.say({ key: on ? 'closure.trackingOn' : 'closure.trackingOff', params: { programme: programme.name } });
  }
}
