/**
 * What coordinators see of closure. `outcomes`: per programme they coordinate, how many pairs
 * completed and ended early (with the reasons counted), the exit survey's numbers and its two
 * texts meant for them (anonymous, in alphabetical order, so no name or date sits beside them),
 * and the job outcomes counted. Never a reflection; never a name. closureFacts: one pair's
 * ending, for a coordinator's pair view.
 */
import type { Turn } from '../../engine/turn.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Section } from '../../messages.js';
import { COUNTED, OUTCOMES, reasonKey } from './forms.js';
import type { Closure, ClosureAnswer } from './ports.js';

/** Why a pair ended, as counted: the reason given, or who ended it when nobody was asked. */
const whyKey = (c: Closure) => (c.reasonCode ? reasonKey(c.reasonCode) : `closure.endedBy_${c.endedBy === 'left' ? 'left' : c.endedBy === 'coordinator' ? 'coordinator' : 'none'}`);

function endingsSection(t: Translate, closures: Closure[]): Section {
  const early = closures.filter((c) => c.outcome === 'ended-early');
  const reasons = new Map<string, number>();
  for (const c of early) reasons.set(whyKey(c), (reasons.get(whyKey(c)) ?? 0) + 1);
  return {
    heading: t('closure.viewEndings'),
    text: t('closure.viewEndingsCount', { completed: closures.length - early.length, early: early.length }),
    bullets: [...reasons].map(([key, n]) => t('closure.viewCount', { what: t(key), n })),
  };
}

function surveySection(t: Translate, surveys: ClosureAnswer[]): Section {
  const ratings = surveys.map((s) => Number(s.answers.overall)).filter((n) => n >= 1 && n <= 5);
  const average = ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : 0;
  const recommend = (v: string) => surveys.filter((s) => s.answers.recommend === v).length;
  const texts = (name: string) => surveys.map((s) => s.answers[name]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').sort((a, b) => a.localeCompare(b));
  return {
    heading: t('closure.viewSurvey', { n: surveys.length }),
    text: t('closure.viewSurveyNumbers', { average, yes: recommend('yes'), no: recommend('no'), unsure: recommend('unsure') }),
    bullets: [...texts('valuable').map((x) => t('closure.viewValuable', { text: x })), ...texts('change').map((x) => t('closure.viewChange', { text: x }))],
  };
}

function outcomesSection(t: Translate, answers: ClosureAnswer[]): Section {
  // Each mentee's newest answer: the question asks what happened since she started, so it sums up.
  const latest = new Map<string, ClosureAnswer>();
  for (const a of answers) latest.set(a.membershipId, a);
  const rows = [...latest.values()];
  const bullets = OUTCOMES.map((o) => {
    const said = rows.filter((r) => Array.isArray(r.answers.happened) && r.answers.happened.includes(o)).length;
    const countField = (COUNTED as Record<string, string>)[o];
    const total = countField ? rows.reduce((sum, r) => sum + (typeof r.answers[countField] === 'number' ? (r.answers[countField] as number) : 0), 0) : null;
    return total === null ? t('closure.viewOutcome', { what: t(`closure.outcome_${o}`), n: said }) : t('closure.viewOutcomeCounted', { what: t(`closure.outcome_${o}`), n: said, total });
  });
  return { heading: t('closure.viewOutcomes', { n: rows.length }), bullets };
}

export async function outcomesCommand(turn: Turn): Promise<void> {
  const org = turn.organisation.id;
  const coordinated = (await turn.repos.memberships.listWithProgrammes(org, turn.person.id, 'active')).filter((m) => m.membership.role === 'coordinator');
  if (coordinated.length === 0) return turn.say({ key: 'closure.coordinatorsOnly' });
  for (const { programme } of coordinated) {
    const [closures, surveys, outcomes, tracking] = await Promise.all([
      turn.repos.closures.listForProgramme(org, programme.id),
      turn.repos.closures.answersForProgramme(org, programme.id, 'survey'),
      turn.repos.closures.answersForProgramme(org, programme.id, 'outcomes'),
      turn.repos.closures.tracksOutcomes(org, programme.id),
    ]);
    const sections = [endingsSection(turn.t, closures), surveySection(turn.t, surveys)];
    if (tracking || outcomes.length > 0) sections.push(outcomesSection(turn.t, outcomes));
    turn.say({ title: turn.t('closure.viewTitle', { programme: programme.name }), text: turn.t(tracking ? 'closure.trackingIsOn' : 'closure.trackingIsOff', { programme: programme.name }), sections });
  }
}

/** One pair's ending for a coordinator's pair view: how, why, when, and how many closings were done. Null while it runs. */
export async function closureFacts(work: Work, matchId: string) {
  const org = work.organisation.id;
  const closure = await work.repos.closures.forMatch(org, matchId);
  if (!closure) return null;
  const [reflections, surveys] = await Promise.all([work.repos.closures.answersForMatch(org, matchId, 'reflection'), work.repos.closures.answersForMatch(org, matchId, 'survey')]);
  return { outcome: closure.outcome, reasonCode: closure.reasonCode, endedBy: closure.endedBy, endedAt: closure.endedAt, note: closure.note, reflectionsDone: reflections.length, surveysDone: surveys.length };
}
