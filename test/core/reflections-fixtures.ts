/**
 * Reflections' tests: the pair of journey-guide-fixtures (Ola mentors Amina, Kari coordinates),
 * the meetings feature's jobs scheduled and run as it would, and an agreement confirmed straight
 * in the database (with or without the mentee's summary for the mentor).
 */
import { JobRunner } from '../../src/core/kernel/jobs/runner.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaJobQueue } from '../../src/store/job-queue.js';
import type { Chat, Harness } from '../support/harness.js';
import { PROG } from './matching-fixtures.js';

export const MENTEE_REFLECTION = { useful: 'Useful-WOMBAT talk about CVs', focus: 'Focus-KOALA on interviews', workOn: 'WorkOn-DINGO: apply twice' };
export const MENTOR_REFLECTION = { interested: 'Interessert-EMU i helse', learningPoints: 'Læring-QUOKKA', aboutMyself: 'Meg-selv-NUMBAT' };
export const WORDS = ['WOMBAT', 'KOALA', 'DINGO', 'EMU', 'QUOKKA', 'NUMBAT'];

/**
 * Runs `reflections.prepare` or `reflections.reflect` for a meeting, as the meetings feature
 * schedules it; the runner's log lines go to `logs` when given.
 */
export async function runJob(h: Harness, orgId: string, kind: 'prepare' | 'reflect', meetingId: string, logs?: string[]): Promise<void> {
  await h.core.units.forOrganisation(orgId, (work) => work.schedule({ kind: `reflections.${kind}`, key: `${kind}:${meetingId}`, dueAt: work.clock.now(), payload: { matchId: 'match-1', meetingId } }));
  const log = logs ? createLogger('debug', (line) => logs.push(line)) : createLogger('silent');
  await new JobRunner({ queue: new PrismaJobQueue(h.prisma, h.clock), units: h.core.units, registry: h.core.registry, clock: h.clock, ids: createIdSource(), log }).runDue();
}

/** A confirmed agreement for match-1 whose frame says (or, left out, does not say) whether the mentee writes a summary. */
export async function confirmedAgreement(h: Harness, orgId: string, summary?: 'yes' | 'no'): Promise<void> {
  const frame = { confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: '24 hours', evaluation: 'Every third', ...(summary ? { summary } : {}) };
  const now = h.clock.now();
  await h.prisma.agreement.create({
    data: {
      id: 'agr-1', organisationId: orgId, programmeId: PROG, matchId: 'match-1', version: 1, status: 'confirmed', proposedById: null,
      answers: { mentee: { help: 'h', hopes: 'h', goals: ['Goal one'] }, mentor: { offer: 'o', hopes: 'h', limits: '' }, frame, done: { parts: ['mentee', 'mentor'], frame: ['mentee', 'mentor'] } },
      mentorConfirmedAt: now, menteeConfirmedAt: now, confirmedAt: now, createdAt: now,
    },
  });
}

export const reflections = (h: Harness) => h.prisma.reflection.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

/** The newest form the chat was shown: its title and field names. */
export async function lastForm(chat: Chat): Promise<{ id: string; title: string; fields: string[] }> {
  const prompt = await chat.lastPrompt();
  if (prompt.spec.kind !== 'form') throw new Error(`${chat.user}'s last question is not a form`);
  return { id: prompt.id, title: prompt.spec.title, fields: prompt.spec.fields.map((f) => f.name) };
}
