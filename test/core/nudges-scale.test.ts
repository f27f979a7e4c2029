/**
 * Planning at scale: PAIRS active pairs (1,000 by default, so the suite stays quick; set
 * NUDGES_SCALE=10000 for the benchmark size) planned by one hourly run, written in chunks
 * of 500 people, each person nudged exactly once, and a second run of the same hour sending none.
 * Prints how long the plan and the chunks took.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_PROFILE } from '../../src/core/domain.js';
import { seedPlanner } from '../../src/core/features/nudges/plan.js';
import { createHarness, type Harness } from '../support/harness.js';
import { DAY, runNow } from './nudges-fixtures.js';

const PAIRS = Number(process.env.NUDGES_SCALE ?? 1000);
const NOW = new Date('2026-09-01T08:00:00Z'); // 10:00 in Oslo
let h: Harness;
let orgId: string;

beforeAll(async () => {
  h = await createHarness({ backend: (process.env.NUDGES_BACKEND as 'pglite' | 'postgres' | undefined) ?? 'pglite' });
  orgId = await h.organisation();
  // Started 20 days ago: no pair is stalled yet (stalls raise escalations, measured elsewhere); the
  // programme requires training, so mentors and mentees both have something waiting.
  const started = new Date(NOW.getTime() - 20 * DAY);
  await h.prisma.programme.create({ data: { id: 'prog', organisationId: orgId, name: 'Big', purpose: 'Scale', startsOn: new Date('2026-01-01'), endsOn: new Date('2026-12-31'), meetingFrequency: 'biweekly', joinCode: 'BIG2026', status: 'open', createdById: 'p-k' } });
  await h.prisma.matchingSettings.create({ data: { programmeId: 'prog', organisationId: orgId, trainingRequired: true } });
  const ids = Array.from({ length: PAIRS }, (_, i) => String(i).padStart(6, '0'));
  const people = ids.flatMap((i) => [`p-mr-${i}`, `p-me-${i}`]);
  await h.prisma.person.createMany({ data: people.map((id) => ({ id, organisationId: orgId, displayName: id, locale: id.includes('-mr-') ? 'en' : 'nb', timeZone: id.includes('-mr-') ? 'Asia/Kabul' : 'Europe/Oslo' })) });
  await h.prisma.channelIdentity.createMany({ data: people.map((id) => ({ id: `ci-${id}`, organisationId: orgId, personId: id, platform: 'playground', externalUserId: id })) });
  await h.prisma.membership.createMany({ data: people.map((id) => ({ id: `m-${id}`, organisationId: orgId, programmeId: 'prog', personId: id, role: id.includes('-mr-') ? 'mentor' : 'mentee', status: 'active', consentedAt: started, profileDoneAt: started, fullName: EMPTY_PROFILE.fullName, joinedAt: started })) });
  await h.prisma.match.createMany({ data: ids.map((i) => ({ id: `x-${i}`, organisationId: orgId, programmeId: 'prog', mentorMembershipId: `m-p-mr-${i}`, menteeMembershipId: `m-p-me-${i}`, status: 'active', origin: 'direct', startedAt: started, createdAt: started })) });
  h.clock.set(new Date(NOW.getTime() - 60_000));
  await h.core.units.forOrganisation(orgId, (work) => seedPlanner(work));
}, 600_000);
afterAll(() => h.close());

describe(`planning the weekly nudges of ${PAIRS} pairs`, () => {
  it('nudges every person once, in chunks, and a second run sends none', async () => {
    h.clock.set(NOW);
    const t0 = performance.now();
    await runNow(h);
    const ms = performance.now() - t0;
    const failed = await h.prisma.scheduledJob.findMany({ where: { lastError: { not: null } }, select: { uniqueKey: true, lastError: true } });
    for (const f of failed) console.log('job error', f.uniqueKey, f.lastError?.slice(-300));
    const logs = await h.prisma.nudgeLog.count();
    const outbox = await h.prisma.outboxMessage.count();
    const chunks = await h.prisma.scheduledJob.count({ where: { kind: { startsWith: 'nudges' }, uniqueKey: { startsWith: 'nudges:send:' } } });
    console.log(`nudges: planned and wrote ${logs} nudges for ${PAIRS} pairs in ${Math.round(ms)} ms (${chunks} chunks)`);
    expect(logs).toBe(2 * PAIRS);
    expect(outbox).toBe(2 * PAIRS);
    expect(chunks).toBe(Math.ceil((2 * PAIRS) / 500));
    expect(new Set((await h.prisma.outboxMessage.findMany({ select: { personId: true } })).map((r) => r.personId)).size).toBe(2 * PAIRS);
    // An hour later: everyone was nudged this week, so nothing more goes out.
    h.clock.set(new Date(NOW.getTime() + 3_600_000));
    await runNow(h);
    expect(await h.prisma.outboxMessage.count()).toBe(outbox);
  }, 600_000);
});
