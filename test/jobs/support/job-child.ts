/**
 * A job runner in its own process, against a PostgreSQL test database, for the crash and
 * concurrency tests (test/jobs/processes.test.ts). Run with Node 24:
 *   node --import tsx test/jobs/support/job-child.ts <databaseUrl> <mode>
 * Modes:
 *   hang — runs due jobs; each prints "running <jobId>" (its claim and `finish` are in the open
 *          transaction) and then hangs until the parent kills the process.
 *   run  — prints "ready", waits for "go" on stdin, runs every due job (each sleeps a little so
 *          the runners overlap), prints "done <jobs taken>" and exits.
 * Real clock and ids, as a deployment's second process would have.
 */
import { createInterface } from 'node:readline';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { JobRunner } from '../../../src/core/kernel/jobs/runner.js';
import { Registry } from '../../../src/core/kernel/registry.js';
import { Units } from '../../../src/core/kernel/unit-of-work.js';
import { PrismaClient } from '../../../src/generated/prisma/client.js';
import { createIdSource } from '../../../src/ids.js';
import { createLogger } from '../../../src/log.js';
import { PrismaJobQueue } from '../../../src/store/job-queue.js';
import { PrismaStore } from '../../../src/store/prisma-store.js';
import { testFeature } from './feature.js';
import { texts } from './texts.js';

const [databaseUrl, mode] = process.argv.slice(2);
if (!databaseUrl || (mode !== 'hang' && mode !== 'run')) throw new Error('usage: job-child.ts <databaseUrl> hang|run');

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
const clock = { now: () => new Date() };
const ids = createIdSource();
const log = createLogger('warn', (line) => process.stderr.write(`${line}\n`));
const feature = testFeature({
  before: async (job) => {
    if (mode === 'run') {
      await sleep(5);
      return;
    }
    say(`running ${job.id}`);
    // Keeps the process (and its open transaction) alive until SIGKILL.
    setInterval(() => undefined, 60_000);
    await new Promise<never>(() => undefined);
  },
});
const registry = new Registry([feature]);
const store = new PrismaStore(prisma, { ids, clock, timeoutMs: 120_000 });
const units = new Units({ store, clock, ids, texts, log, registry });
const runner = new JobRunner({ queue: new PrismaJobQueue(prisma, clock), units, registry, clock, ids, log });

if (mode === 'hang') {
  await runner.runDue();
} else {
  await prisma.$queryRaw`SELECT 1`; // connected before "ready", so "go" starts every runner at once
  say('ready');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line === 'go') break;
  lines.close();
  const taken = await runner.runDue();
  say(`done ${taken}`);
  await prisma.$disconnect();
  await pool.end();
}
