/** A member's own training at a glance: each module done or not, then the follow-ups once offered. */
import type { Translate } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import type { TrainingModule } from './modules.js';
import { isDone, type Progress } from './progress.js';

const line = (t: Translate, p: Progress, m: TrainingModule): string => t(isDone(p, m) ? 'course.lineDone' : 'course.lineLeft', { title: t(m.titleKey) });

export function overviewMessage(t: Translate, programme: string, p: Progress): Outbound {
  const done = p.workshop ? p.initial.length : p.initialDone;
  const sections: Section[] = [{ heading: t('course.initialHeading', { done, total: p.initial.length }), bullets: p.initial.map((m) => line(t, p, m)) }];
  // A workshop counts for every initial module; saying so explains why they show as done.
  if (p.workshop) sections[0] = { ...sections[0], text: t('course.workshopCounts') };
  if (p.followUps.length > 0) {
    sections.push({ heading: t('course.followUpHeading', { done: p.followUpsDone, total: p.followUps.length }), bullets: p.followUps.map((m) => line(t, p, m)) });
  }
  return {
    title: t('course.overviewTitle', { programme }),
    text: t(done === p.initial.length ? 'course.overviewDone' : 'course.overviewSummary', { programme, done, total: p.initial.length }),
    sections,
  };
}
