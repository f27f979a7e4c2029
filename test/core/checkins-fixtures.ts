/**
 * Check-ins' tests: the pair of journey-guide-fixtures (Ola mentors Amina, Kari coordinates) or
 * one made the real way (journey-year-fixtures), the clock moved from one due job to the next.
 */
import type { Harness } from '../support/harness.js';
import { jobRunner } from './matching-fixtures.js';

/** Words a comment carries, to look for where they must never be. */
export const UNSHARED = 'Privat-kommentar-ZEBRAFINK';
export const SHARED_COMMENT = 'Shared-comment-PELICAN about our meetings';

/** Moves the clock to each due job in turn until `until`, running what is due there. */
export async function runUntil(h: Harness, until: Date): Promise<void> {
  for (;;) {
    const next = await h.prisma.scheduledJob.findFirst({ where: { status: 'pending', dueAt: { lte: until } }, orderBy: { dueAt: 'asc' } });
    if (!next) break;
    if (next.dueAt > h.clock.now()) h.clock.set(next.dueAt);
    await jobRunner(h).runDue();
  }
  if (until > h.clock.now()) h.clock.set(until);
}

/** Runs every job due now. */
export const runDueNow = (h: Harness) => jobRunner(h).runDue();

/** Plans a pair's check-ins as startMatch does (for pairs seeded straight in the database). */
export async function plan(h: Harness, orgId: string, matchId = 'match-1'): Promise<void> {
  const { planCheckIns } = await import('../../src/core/features/checkins/schedule.js');
  await h.core.units.forOrganisation(orgId, (work) => planCheckIns(work, matchId));
}

/** The check-ins logged for one side, oldest first, as "kind#round sentAt status score". */
export async function contactsOf(h: Harness, membershipId: string): Promise<string[]> {
  const rows = await h.prisma.checkIn.findMany({ where: { membershipId }, orderBy: [{ sentAt: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => `${r.kind}#${r.round} ${r.sentAt.toISOString()} ${r.status}${r.score ? ` ${r.score}` : ''}`);
}

/** The id of the person's newest open question of this kind. */
export async function openQuestionId(h: Harness, kind: string, personId: string): Promise<string> {
  const q = await h.prisma.openQuestion.findFirst({ where: { kind, audience: { has: personId }, status: 'open' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
  if (!q) throw new Error(`${personId} has no open ${kind}`);
  return q.id;
}
