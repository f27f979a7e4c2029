/**
 * Scheduled jobs through the real store: scheduling by natural key, running once, retrying with
 * back-off, giving up. Every assertion reads real rows (ScheduledJob and the jobs' AuditEvents).
 * On PGlite (the playground's database) and on PostgreSQL when the tests have one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobRunner, type JobRunnerDeps, MAX_JOB_ATTEMPTS } from '../../src/core/kernel/jobs/runner.js';
import { Registry } from '../../src/core/kernel/registry.js';
import { backoffMs } from '../../src/core/outbox/dispatcher.js';
import { createLogger } from '../../src/log.js';
import { testDatabaseUrl } from '../support/db.js';
import { EFFECT, FLAKY, testFeature } from './support/feature.js';
import { createJobsEnv, type JobsEnv } from './support/env.js';

const backends = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const MINUTE = 60_000;

describe.each(backends)('scheduled jobs on %s', (backend) => {
  let env: JobsEnv;
  beforeEach(async () => {
    env = await createJobsEnv({ backend });
  });
  afterEach(() => env.close());

  it('keeps one job per key: scheduled twice it runs once, and scheduling it after it ran does nothing', async () => {
    const dueAt = new Date(env.clock.now().getTime() + MINUTE);
    expect(await env.schedule({ kind: EFFECT, key: 'nudge:a', dueAt })).toBe(true);
    expect(await env.schedule({ kind: EFFECT, key: 'nudge:a', dueAt: new Date(dueAt.getTime() + MINUTE) })).toBe(false);
    expect(await env.prisma.scheduledJob.count()).toBe(1);

    expect(await env.runner.runDue()).toBe(0); // not due yet
    env.clock.advance(MINUTE);
    const ranAt = env.clock.now();
    expect(await env.runner.runDue()).toBe(1);
    expect(await env.runner.runDue()).toBe(0);

    expect(await env.schedule({ kind: EFFECT, key: 'nudge:a', dueAt })).toBe(false);
    env.clock.advance(MINUTE);
    expect(await env.runner.runDue()).toBe(0);

    expect((await env.effects()).map((e) => e.key)).toEqual(['nudge:a']);
    expect(await env.job('nudge:a')).toMatchObject({ status: 'done', attempts: 1, lockedUntil: null, finishedAt: ranAt });
  });

  it('cancels a pending job by key, so it never runs and its key can be scheduled anew', async () => {
    const dueAt = env.clock.now();
    await env.schedule({ kind: EFFECT, key: 'remind:1', dueAt });
    expect(await env.units.forOrganisation(env.organisationId, (w) => w.repos.jobs.cancel(env.organisationId, 'remind:1'))).toBe(true);
    expect(await env.units.forOrganisation(env.organisationId, (w) => w.repos.jobs.cancel(env.organisationId, 'remind:1'))).toBe(false);
    expect(await env.runner.runDue()).toBe(0);
    expect(await env.schedule({ kind: EFFECT, key: 'remind:1', dueAt })).toBe(true);
    expect(await env.runner.runDue()).toBe(1);
    expect(await env.effects()).toHaveLength(1);
  });

  it('retries a job whose handler throws after exponential back-off, and its effects commit only with the success', async () => {
    await env.schedule({ kind: FLAKY, key: 'flaky:1', dueAt: env.clock.now(), payload: { failures: 2, note: 'private words' } });

    expect(await env.runner.runDue()).toBe(1);
    expect(await env.job('flaky:1')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'flaky attempt 1 failed', leaseToken: null, lockedUntil: null });
    expect((await env.job('flaky:1'))?.dueAt).toEqual(new Date(env.clock.now().getTime() + backoffMs(1)));

    env.clock.advance(backoffMs(1) - 1);
    expect(await env.runner.runDue()).toBe(0); // still backing off
    env.clock.advance(1);
    expect(await env.runner.runDue()).toBe(1);
    expect(await env.job('flaky:1')).toMatchObject({ status: 'pending', attempts: 2, lastError: 'flaky attempt 2 failed' });
    expect(await env.effects()).toEqual([]);

    env.clock.advance(backoffMs(2));
    expect(await env.runner.runDue()).toBe(1);
    expect(await env.job('flaky:1')).toMatchObject({ status: 'done', attempts: 3, lastError: null });
    expect((await env.effects()).map((e) => [e.key, e.attempts])).toEqual([['flaky:1', 3]]);

    // Logged with ids and the error, never the payload.
    const logs = env.logLines.join('\n');
    expect(logs).toContain('flaky attempt 1 failed');
    expect(logs).not.toContain('private words');
  });

  it(`gives a failing job up after ${MAX_JOB_ATTEMPTS} attempts`, async () => {
    await env.schedule({ kind: FLAKY, key: 'flaky:always', dueAt: env.clock.now(), payload: { failures: 1000 } });
    for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt += 1) {
      expect(await env.runner.runDue()).toBe(1);
      env.clock.advance(backoffMs(attempt));
    }
    expect(await env.job('flaky:always')).toMatchObject({ status: 'failed', attempts: MAX_JOB_ATTEMPTS, lastError: `flaky attempt ${MAX_JOB_ATTEMPTS} failed`, finishedAt: expect.any(Date) });
    env.clock.advance(24 * 60 * MINUTE);
    expect(await env.runner.runDue()).toBe(0);
    expect(await env.effects()).toEqual([]);
  });

  it(`gives up, without running it, a job whose process stopped during each of its ${MAX_JOB_ATTEMPTS} attempts`, async () => {
    await env.schedule({ kind: EFFECT, key: 'poison', dueAt: env.clock.now() });
    // Each claim's process "dies": nothing reports back, and the lease runs out.
    for (let attempt = 1; attempt <= MAX_JOB_ATTEMPTS; attempt += 1) {
      const now = env.clock.now();
      expect(await env.queue.claimDue(now, 10, new Date(now.getTime() + MINUTE), `dead-${attempt}`)).toHaveLength(1);
      env.clock.advance(MINUTE);
    }
    expect(await env.runner.runDue()).toBe(1);
    expect(await env.job('poison')).toMatchObject({ status: 'failed', attempts: MAX_JOB_ATTEMPTS + 1, lastError: expect.stringContaining('process stopped') });
    expect(await env.effects()).toEqual([]);
  });

  it('fails a job of an unknown kind for good, at once, and runs the others', async () => {
    await env.schedule({ kind: 'nobody.declares', key: 'x', dueAt: env.clock.now() });
    await env.schedule({ kind: EFFECT, key: 'y', dueAt: env.clock.now() });
    expect(await env.runner.runDue()).toBe(2);
    expect(await env.job('x')).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('unknown job kind "nobody.declares"') });
    env.clock.advance(24 * 60 * MINUTE);
    expect(await env.runner.runDue()).toBe(0);
    expect((await env.effects()).map((e) => e.key)).toEqual(['y']);
  });

  it('runs due jobs oldest first, across claim batches, each once', async () => {
    const start = env.clock.now().getTime();
    for (let i = 0; i < 25; i += 1) await env.schedule({ kind: EFFECT, key: `k${String(24 - i).padStart(2, '0')}`, dueAt: new Date(start - i * 1000) });
    expect(await env.runner.runDue()).toBe(25);
    expect((await env.effects()).map((e) => e.key)).toEqual(Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`));
    expect(await env.prisma.scheduledJob.count({ where: { status: 'done' } })).toBe(25);
  });

  it('rolls a run back when its lease was lost to another claim before it could finish', async () => {
    await env.schedule({ kind: EFFECT, key: 'slow', dueAt: env.clock.now() });
    const later = new Date(env.clock.now().getTime() + 2 * MINUTE);
    // Between this runner's claim and its unit of work, the lease runs out and another process claims the job.
    const units: JobRunnerDeps['units'] = {
      forOrganisation: async (organisationId, work, what) => {
        expect(await env.queue.claimDue(later, 10, new Date(later.getTime() + MINUTE), 'other-process')).toHaveLength(1);
        return env.units.forOrganisation(organisationId, work, what);
      },
    };
    const registry = new Registry([testFeature()]);
    const log = createLogger('info', (line) => env.logLines.push(line));
    const slow = new JobRunner({ queue: env.queue, units, registry, clock: env.clock, ids: env.ids, log });
    expect(await slow.runDue()).toBe(1);
    expect(await env.effects()).toEqual([]);
    expect(await env.job('slow')).toMatchObject({ status: 'running', attempts: 2, leaseToken: 'other-process', lastError: null });
    expect(env.logLines.join('\n')).toContain('job lease lost');
  });

  it('does not let a claim whose lease was lost finish the job, nor undo the new claim by failing', async () => {
    await env.schedule({ kind: EFFECT, key: 'lease', dueAt: env.clock.now() });
    const now = env.clock.now();
    const [first] = await env.queue.claimDue(now, 10, new Date(now.getTime() + MINUTE), 'token-a');
    expect(first).toMatchObject({ key: 'lease', attempts: 1, leaseToken: 'token-a' });
    // Not claimable again while leased…
    expect(await env.queue.claimDue(now, 10, new Date(now.getTime() + MINUTE), 'token-b')).toEqual([]);
    // …but once the lease ran out, another claim takes it.
    const later = new Date(now.getTime() + MINUTE);
    expect(await env.queue.nextDue(later)).toEqual(later);
    const [second] = await env.queue.claimDue(later, 10, new Date(later.getTime() + MINUTE), 'token-b');
    expect(second).toMatchObject({ key: 'lease', attempts: 2, leaseToken: 'token-b' });

    const finish = (token: string) => env.units.forOrganisation(env.organisationId, (w) => w.repos.jobs.finish(env.organisationId, second?.id ?? '', token, later));
    await env.queue.fail(second?.id ?? '', 'token-a', 'late failure of the first claim', null);
    expect(await env.job('lease')).toMatchObject({ status: 'running', leaseToken: 'token-b', lastError: null });
    expect(await finish('token-a')).toBe(false);
    expect(await finish('token-b')).toBe(true);
    expect(await env.job('lease')).toMatchObject({ status: 'done', finishedAt: later });
  });
});
