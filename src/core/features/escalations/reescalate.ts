/**
 * Re-escalation: a card nobody took within 24 working hours (Mon–Fri 08–16 in the coordinators'
 * zone, working-hours.ts) is sent again, to the programme's coordinators and to the
 * organisation's fallback person when one is named (fallback.ts). The old card is withdrawn, so
 * only the new one can be acted on; each step is audited; it stops once the escalation is taken
 * or resolved, and after MAX_LEVEL sendings (by then several people have it in front of them).
 */
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { askCard } from './card.js';
import { coordinatorsOf } from './notify.js';
import type { Escalation } from './ports.js';
import { addWorkingHours, DEFAULT_HOURS, DEFAULT_ZONE } from './working-hours.js';

const FEATURE = 'escalations';
export const REESCALATE_JOB = `${FEATURE}.reescalate`;
export const MAX_LEVEL = 3;

/** The coordinators' zone: the first active coordinator's, else Oslo's. */
async function zoneOf(work: Work, programmeId: string): Promise<string> {
  for (const personId of await coordinatorsOf(work, programmeId)) {
    const zone = (await work.personById(personId))?.timeZone;
    if (zone) return zone;
  }
  return DEFAULT_ZONE;
}

/** Schedules the next sending of `e` (level e.level + 1), DEFAULT_HOURS working hours from now. */
export async function scheduleReescalation(work: Work, e: Escalation): Promise<void> {
  if (e.level >= MAX_LEVEL) return;
  const dueAt = addWorkingHours(work.clock.now(), DEFAULT_HOURS, await zoneOf(work, e.programmeId));
  await work.schedule({ kind: REESCALATE_JOB, key: `reescalate:${e.id}:${e.level + 1}`, dueAt, payload: { escalationId: e.id, level: e.level + 1 } });
}

/** The organisation's fallback person, while they still coordinate one of its programmes. */
async function fallbackOf(work: Work): Promise<string | null> {
  const org = work.organisation.id;
  const named = await work.repos.escalations.fallback(org);
  return named && (await work.repos.escalations.organisationCoordinators(org)).includes(named) ? named : null;
}

export const reescalateJob: JobKind = {
  kind: REESCALATE_JOB,
  async run(work, job) {
    const org = work.organisation.id;
    const level = Number(job.payload.level ?? 0);
    const e = await work.repos.escalations.get(org, String(job.payload.escalationId ?? ''));
    // Taken, resolved, or sent again already: nothing to do.
    if (e?.status !== 'open' || e.level !== level - 1) return;
    if (e.questionId) {
      const old = await work.repos.questions.close(org, e.questionId, 'withdrawn', work.clock.now());
      for (const personId of old?.audience ?? []) await work.tell(personId, (t) => ({ text: t('escalations.sentAgainMark'), replacesPromptId: old?.id ?? '' }));
    }
    const fallback = await fallbackOf(work);
    const audience = [...new Set([...(await coordinatorsOf(work, e.programmeId)), ...(fallback ? [fallback] : [])])];
    const next = { ...e, level };
    const card = await askCard(work, next, audience);
    await work.repos.escalations.update(org, e.id, ['open'], { level, questionId: card.id });
    await work.repos.audit.record({ organisationId: org, actorPersonId: null, action: 'escalation:re-escalated', subjectType: 'Escalation', subjectId: e.id, data: { trigger: e.trigger, level, fallback: fallback !== null, audience: card.audience.length } });
    await scheduleReescalation(work, next);
  },
};
