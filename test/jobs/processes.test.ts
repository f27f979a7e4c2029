/**
 * Jobs across real processes on one PostgreSQL: a runner killed with SIGKILL mid-job leaves the
 * job to run again after its lease, exactly once; and runners in three processes claiming the
 * same 200 jobs at once run every one exactly once. Child runners: support/job-child.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { JOB_LEASE_MS } from '../../src/core/kernel/jobs/runner.js';
import { testDatabaseUrl } from '../support/db.js';
import { EFFECT } from './support/feature.js';
import { createJobsEnv, type JobsEnv } from './support/env.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./support/job-child.ts', import.meta.url));

/** A child runner and its stdout lines as they come. */
class Child {
  readonly process: ChildProcess;
  private readonly lines: string[] = [];
  private stderr = '';
  private waiting: (() => void) | null = null;

  constructor(databaseUrl: string, mode: 'hang' | 'run') {
    // process.execPath: the Node running the tests (24), whatever `node` is on PATH.
    this.process = spawn(process.execPath, ['--import', 'tsx', CHILD, databaseUrl, mode], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let partial = '';
    this.process.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      this.lines.push(...parts);
      this.waiting?.();
    });
    this.process.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.process.on('exit', () => this.waiting?.());
  }

  /** The first line matching `pattern`; fails with the child's stderr if it exits or takes too long. */
  async line(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines) {
        const match = line.match(pattern);
        if (match) return match;
      }
      if (this.process.exitCode !== null || this.process.signalCode !== null || Date.now() > deadline) {
        throw new Error(`child gave no line matching ${pattern} (exit ${this.process.exitCode ?? this.process.signalCode}); stderr:\n${this.stderr}`);
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
    }
  }

  send(line: string): void {
    this.process.stdin?.write(`${line}\n`);
  }

  async kill(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = once(this.process, 'exit');
    this.process.kill('SIGKILL');
    await exited;
  }
}

const systemClock = { now: () => new Date() };

describe.skipIf(!testDatabaseUrl())('jobs across processes (PostgreSQL)', () => {
  let env: JobsEnv | undefined;
  const children: Child[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    await env?.close();
    env = undefined;
  });

  it('runs a job whose process was killed mid-run again after its lease, exactly once', async () => {
    env = await createJobsEnv({ backend: 'postgres' });
    const url = env.db.url ?? '';
    env.clock.set(new Date());
    await env.schedule({ kind: EFFECT, key: 'crash', dueAt: new Date(Date.now() - 1000) });

    const child = new Child(url, 'hang');
    children.push(child);
    const [, jobId] = await child.line(/^running (\S+)$/);
    const claimed = await env.job('crash');
    expect(claimed).toMatchObject({ id: jobId, status: 'running', attempts: 1, leaseToken: expect.any(String) });
    await child.kill();

    // Within the lease nobody takes it (the dead process might still be working, for all we know).
    env.clock.set(new Date());
    expect(await env.runner.runDue()).toBe(0);
    expect(await env.effects()).toEqual([]);

    // After the lease it is due again; PostgreSQL may take a moment to end the killed session and
    // roll its transaction back (until then the row is locked and skipped), so try for a while.
    const leaseEnd = claimed?.lockedUntil?.getTime() ?? 0;
    expect(leaseEnd).toBeGreaterThan(Date.now() + JOB_LEASE_MS / 2);
    env.clock.set(new Date(leaseEnd));
    let taken = 0;
    for (let i = 0; i < 50 && taken === 0; i += 1) {
      taken = await env.runner.runDue();
      if (taken === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(taken).toBe(1);
    expect(await env.runner.runDue()).toBe(0);

    const effects = await env.effects();
    expect(effects).toEqual([expect.objectContaining({ key: 'crash', attempts: 2, pid: process.pid })]);
    expect(await env.job('crash')).toMatchObject({ status: 'done', attempts: 2 });
  }, 90_000);

  it('runs each of 200 jobs exactly once while three processes claim them at once', async () => {
    env = await createJobsEnv({ backend: 'postgres', clock: systemClock });
    const url = env.db.url ?? '';
    const dueAt = new Date(Date.now() - 60_000);
    await env.units.forOrganisation(env.organisationId, async (work) => {
      for (let i = 0; i < 200; i += 1) await work.schedule({ kind: EFFECT, key: `job:${i}`, dueAt: new Date(dueAt.getTime() + i) });
    });

    const runners = [new Child(url, 'run'), new Child(url, 'run')];
    children.push(...runners);
    await Promise.all(runners.map((c) => c.line(/^ready$/)));
    for (const c of runners) c.send('go');
    const [mine, ...theirs] = await Promise.all([env.runner.runDue(), ...runners.map(async (c) => Number((await c.line(/^done (\d+)$/))[1]))]);

    const effects = await env.effects();
    expect(effects).toHaveLength(200);
    expect(new Set(effects.map((e) => e.key)).size).toBe(200);
    expect((mine ?? 0) + theirs.reduce((a, b) => a + b, 0)).toBe(200);
    expect(await env.prisma.scheduledJob.groupBy({ by: ['status', 'attempts'], _count: true })).toEqual([{ status: 'done', attempts: 1, _count: 200 }]);
    // Each child took a share, so the claims really did overlap.
    const byProcess = new Set(effects.map((e) => e.pid));
    expect(byProcess.size).toBeGreaterThanOrEqual(2);
    for (const child of runners) expect(byProcess.has(child.process.pid ?? -1)).toBe(true);
  }, 120_000);
});
