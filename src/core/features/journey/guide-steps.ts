/**
 * The MENTOR model (seeds: "Getting the Most out of Mentoring"): a meeting in six steps — Meet,
 * Explore, Needs and requirements, Time and resources, Options, Review — each with the seeds'
 * questions, in prompts/<locale>/guide.json. The seeds give one set of questions per step for
 * both roles (worded as the mentor asks them); only the line introducing them differs by role.
 */
import type { Msg } from '../../engine/types.js';

export const GUIDE_CONTEXT = 'mentor-model';

export interface GuideStep {
  /** Stored with a note (PrivateNote.step). */
  id: 'meet' | 'explore' | 'needs' | 'time' | 'options' | 'review';
  name: string;
  purpose: string;
  questions: string;
}

export const GUIDE_STEPS: readonly GuideStep[] = [
  { id: 'meet', name: 'guide.meetName', purpose: 'guide.meetPurpose', questions: 'guide.meetQuestions' },
  { id: 'explore', name: 'guide.exploreName', purpose: 'guide.explorePurpose', questions: 'guide.exploreQuestions' },
  { id: 'needs', name: 'guide.needsName', purpose: 'guide.needsPurpose', questions: 'guide.needsQuestions' },
  { id: 'time', name: 'guide.timeName', purpose: 'guide.timePurpose', questions: 'guide.timeQuestions' },
  { id: 'options', name: 'guide.optionsName', purpose: 'guide.optionsPurpose', questions: 'guide.optionsQuestions' },
  { id: 'review', name: 'guide.reviewName', purpose: 'guide.reviewPurpose', questions: 'guide.reviewQuestions' },
];

type T = (key: string, params?: Msg['params']) => string;

/** The step at a position, kept within the six (a stored index is never trusted blindly). */
export function stepAt(index: number): GuideStep {
  const i = Math.min(Math.max(Number.isInteger(index) ? index : 0, 0), GUIDE_STEPS.length - 1);
  return GUIDE_STEPS[i] as GuideStep;
}

/**
 * The six steps at a glance, before the first. Joined here rather than passed as one parameter:
 * a parameter is shown as written, so the lines' own emphasis would show as asterisks.
 */
export function overviewText(t: T): string {
  const steps = GUIDE_STEPS.map((s, i) => t('guide.overviewLine', { number: i + 1, name: t(s.name), purpose: t(s.purpose) }));
  return [t('guide.overview'), ...steps, '', t('guide.overviewEnd')].join('\n');
}

/** One step as a card: its name, purpose, the seeds' questions, and whether the reader's note is saved. */
export function stepCard(t: T, index: number, role: 'mentor' | 'mentee', noted: boolean): Msg {
  const step = stepAt(index);
  return {
    key: 'guide.card',
    params: { number: index + 1, total: GUIDE_STEPS.length, name: t(step.name), purpose: t(step.purpose), role, questions: t(step.questions), saved: noted ? 'yes' : 'no' },
  };
}
