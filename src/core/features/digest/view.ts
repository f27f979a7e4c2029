/**
 * The weekly digest as a coordinator reads it, in their language: a title, what happened in the
 * last seven days as label/value fields, and what needs them now, with the stalled pairs named.
 * Figures and names only (facts.ts), never a word a participant wrote.
 */
import type { Programme } from '../../domain.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound } from '../../messages.js';
import { digestFacts } from './facts.js';

export async function digestView(work: Work, t: Translate, programme: Programme): Promise<Outbound> {
  const f = await digestFacts(work, programme.id);
  const needs = f.openEscalations + f.stalled.length + f.checkInsUnanswered;
  return {
    title: t('digest.title', { programme: programme.name }),
    text: needs > 0 ? t('digest.summaryNeeds', { programme: programme.name, count: needs }) : t('digest.summaryCalm', { programme: programme.name }),
    sections: [
      {
        heading: t('digest.lastWeek'),
        fields: [
          { label: t('digest.meetingsHeld'), value: String(f.meetingsHeld) },
          { label: t('digest.ratings'), value: f.ratingAverage === null ? '0' : t('digest.ratingsValue', { count: f.ratings, average: f.ratingAverage }) },
          { label: t('digest.agreements'), value: String(f.agreementsConfirmed) },
          { label: t('digest.newMembers'), value: String(f.newMembers) },
          { label: t('digest.checkInsAnswered'), value: String(f.checkInsAnswered) },
        ],
      },
      {
        heading: t('digest.needsYou'),
        fields: [
          { label: t('digest.escalations'), value: String(f.openEscalations) },
          { label: t('digest.stalled'), value: String(f.stalled.length) },
          { label: t('digest.waitlist'), value: String(f.waitlist) },
          { label: t('digest.checkInsUnanswered'), value: String(f.checkInsUnanswered) },
        ],
        bullets: f.stalled.map((s) => t('digest.stalledPair', { mentor: s.mentor, mentee: s.mentee, days: s.days })),
      },
    ],
    context: [t('digest.privacy')],
  };
}
