/**
 * Nudges' tests: Kari coordinates, Ola mentors from Kabul (English), Amina is the mentee in Oslo
 * (Norwegian); their pair starts when the test says, the hourly planner is seeded, and time moves
 * only through the test clock with due jobs run as the scheduler would.
 */
import { DateTime } from 'luxon';
import { seedPlanner } from '../../src/core/features/nudges/plan.js';
import type { Outbound } from '../../src/core/messages.js';
import type { Harness } from '../support/harness.js';
import { type Pair, seedPair } from './journey-guide-fixtures.js';
import { jobRunner, shown } from './matching-fixtures.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** The pair, started at `startedAt`, Ola in Kabul; the organisation's planner seeded. */
export async function nudgePair(h: Harness, startedAt: Date): Promise<Pair> {
  h.clock.set(startedAt);
  const pair = await seedPair(h, { ola: 'en', amina: 'nb' });
  await h.prisma.person.update({ where: { id: pair.ola.personId }, data: { timeZone: 'Asia/Kabul' } });
  // Their agreement is confirmed (every other week), so what waits is about meeting.
  const answers = { frame: { frequency: 'biweekly' }, done: { parts: ['mentor', 'mentee'], frame: ['mentor', 'mentee'] } };
  await h.prisma.agreement.create({ data: { id: 'agr-1', organisationId: pair.orgId, programmeId: 'prog', matchId: 'match-1', version: 1, answers, status: 'confirmed', confirmedAt: startedAt, createdAt: startedAt } });
  await h.core.units.forOrganisation(pair.orgId, (work) => seedPlanner(work));
  return pair;
}

/**
 * Runs what is due until nothing is: the scheduler's tick every 10 s would run the chunks a plan
 * schedules within seconds of it; here they run before the clock moves on.
 */
export async function runNow(h: Harness): Promise<void> {
  const runner = jobRunner(h);
  while ((await runner.runDue()) > 0);
}

/** Moves the clock in steps up to `until`, running what is due after each step. */
export async function runUntil(h: Harness, until: Date, stepMs: number): Promise<void> {
  while (h.clock.now().getTime() + stepMs <= until.getTime()) {
    h.clock.advance(stepMs);
    await runNow(h);
  }
}

/** A person's nudges, oldest first: when (as stored), what they listed, and whether answered. */
export async function nudgesOf(h: Harness, personId: string): Promise<{ sentAt: Date; items: string[]; questionId: string; answeredAt: Date | null; ignoredBefore: number }[]> {
  const rows = await h.prisma.nudgeLog.findMany({ where: { personId }, orderBy: { sentAt: 'asc' } });
  return rows.map((r) => ({ sentAt: r.sentAt, items: (r.items as string[]).map((i) => i.split('|')[0] as string), questionId: r.questionId, answeredAt: r.answeredAt, ignoredBefore: r.ignoredBefore }));
}

/** The messages that carried nudges to a person (the outbox rows whose prompt is a nudge question). */
export async function nudgeMessages(h: Harness, personId: string): Promise<{ at: Date; message: Outbound; text: string }[]> {
  const questions = new Set((await h.prisma.openQuestion.findMany({ where: { audience: { has: personId }, kind: { startsWith: 'nudges' } } })).map((q) => q.id));
  const rows = await h.prisma.outboxMessage.findMany({ where: { personId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows
    .map((r) => ({ at: r.createdAt, message: r.payload as unknown as Outbound }))
    .filter((r) => r.message.prompt && questions.has(r.message.prompt.id) && !r.message.replacesPromptId)
    .map((r) => ({ ...r, text: shown(r.message) }));
}

/** The local hour (with minutes) a reader in `zone` saw `at`. */
export const localHour = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone }).toFormat('HH:mm');

/** Escalations raised with sourceKeys starting with `prefix`. */
export const raised = (h: Harness, prefix: string) => h.prisma.escalationSource.findMany({ where: { sourceKey: { startsWith: prefix } } });
