/**
 * One run of bench/nudges.ts, in a process of its own (forked by it, one per database): the
 * app's real parts wired as src/main.ts wires them (database as openDatabase opens it — PGlite in
 * its worker thread, or PostgreSQL —, core with every feature, JobRunner, OutboxDispatcher with
 * the real SlackSender and TeamsSender and their pacing), against the limited fakes. It seeds,
 * runs the organisations' `nudges.plan` jobs through the JobRunner (they hand their people on to
 * `nudges.send` jobs, which write the nudges and their outbox rows), and delivers.
 *
 * The clock is the wall clock moved to a Tuesday at 10:00 in Oslo, so that no quiet hour holds
 * a nudge back whenever the benchmark is run; timers and the fakes' stamps stay on real time.
 *
 *   parent → child (argv[2]): JSON RunInput        child → parent: RunOutput, then it exits
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from '@slack/bolt';
import { boltLogger } from '../../src/channels/slack/bolt-logger.js';
import { SlackClients } from '../../src/channels/slack/clients.js';
import { SlackPacing } from '../../src/channels/slack/pacing.js';
import { SlackSender, type SlackSenderDeps } from '../../src/channels/slack/sender.js';
import { createTeamsAdapter } from '../../src/channels/teams/adapter.js';
import { TeamsSender } from '../../src/channels/teams/sender.js';
import { createCore } from '../../src/core/app.js';
import { JobRunner } from '../../src/core/kernel/jobs/runner.js';
import { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import type { CloudAdapter } from 'botbuilder';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/database.js';
import { PrismaHousekeeping } from '../../src/store/housekeeping.js';
import { PrismaJobQueue } from '../../src/store/job-queue.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { type BenchOrg, schedulePlan, seedOrganisation } from './nudge-seed.js';

export interface RunInput {
  databaseUrl: string | null;
  orgs: BenchOrg[];
  slackApiUrl: string;
  connectorUrl: string;
  workspacePerSecond: number;
  /** Expected messages in all (the fakes' count is polled until it is reached, or stops growing). */
  expected: number;
}

export interface RunOutput {
  seedMs: number;
  /** Date.now() when planning started: every person's wait is counted from here. */
  planStartedAt: number;
  planMs: number;
  nudgeLogs: number;
  outbox: Record<string, number>;
  jobs: Record<string, number>;
  cpuMs: number;
}

/** A Tuesday, 10:00 in Oslo (09:00 UTC). */
const BENCH_NOW = Date.parse('2026-12-01T09:00:00Z');

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as RunInput;
  const offset = BENCH_NOW - Date.now();
  const clock = { now: () => new Date(Date.now() + offset) };
  const log = createLogger((process.env.BENCH_LOG_LEVEL as 'silent' | undefined) ?? 'silent');
  const dataDir = await mkdtemp(join(tmpdir(), 'mb-bench-nudges-'));
  const db = await openDatabase(input.databaseUrl ? { databaseUrl: input.databaseUrl } : { dataDir: join(dataDir, 'pglite') });
  try {
    const t0 = performance.now();
    for (const org of input.orgs) await seedOrganisation(db.prisma, org, clock.now(), input.connectorUrl);
    // The seed stands for months of sign-ups, over which the app refreshes the planner's statistics
    // (src/main.ts: hourly on the embedded database, PostgreSQL's autovacuum otherwise); so here too.
    await new PrismaHousekeeping(db.prisma).refreshStatistics();
    const seedMs = performance.now() - t0;

    const ids = createIdSource(() => clock.now().getTime());
    const store = new PrismaStore(db.prisma, { ids, clock });
    const queue = new PrismaOutboxQueue(db.prisma, { ids, clock });
    const texts = new CatalogueTexts(loadCatalogues(join(import.meta.dirname, '../../prompts')), 'nb', 'Europe/Oslo');
    // One bot token per workspace, as OAuth installs keep them: the fake tells workspaces apart by it.
    const findInstallation = async (q: { teamId?: string | undefined }) => ({ bot: { token: `xoxb-bench-${q.teamId}` } }) as unknown as Installation;
    const clients = new SlackClients({ kind: 'installations', store: { findInstallation } }, { slackApiUrl: input.slackApiUrl, logger: boltLogger(log) });
    const slack = new SlackSender({ clients, texts } as SlackSenderDeps, new SlackPacing({ workspacePerSecond: input.workspacePerSecond }));
    const adapter = createTeamsAdapter({ appType: 'MultiTenant' }, log) as unknown as CloudAdapter;
    const teams = new TeamsSender({ adapter, appId: '', texts, defaultLocale: 'nb', references: { anyForTenant: async () => null }, log, wake: () => kick() });
    const dispatcher = new OutboxDispatcher(queue, [slack, teams], clock, log);
    // BENCH_DELIVER_AFTER_PLAN=1: no delivery until planning is over, to time the planner on its own.
    let delivering = process.env.BENCH_DELIVER_AFTER_PLAN !== '1';
    const kick = () => void (delivering ? dispatcher.kick().catch((error: unknown) => log.error('outbox dispatch failed', { error })) : undefined);
    const core = createCore({ store, clock, ids, texts, log, defaults: { locale: 'nb', timeZone: 'Europe/Oslo' }, onOutbox: () => (delivering ? dispatcher.kickSoon() : undefined) });
    const jobQueue = new PrismaJobQueue(db.prisma, clock);
    const jobs = new JobRunner({ queue: jobQueue, units: core.units, registry: core.registry, clock, ids, log });
    // As the scheduler does (src/main.ts): the outbox and the jobs every 10 s.
    const tick = setInterval(() => {
      kick();
      void jobs.kick().catch((error: unknown) => log.error('jobs failed', { error }));
    }, 10_000);

    for (const org of input.orgs) await schedulePlan(db.prisma, org, clock.now());
    const cpu = process.cpuUsage();
    const planStartedAt = Date.now();
    const p0 = performance.now();
    // The JobRunner runs what is due until nothing of the nudges is: the plans, then their sends.
    for (;;) {
      await jobs.kick();
      const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "ScheduledJob" WHERE "kind" LIKE 'nudges.%' AND "status" IN ('pending', 'running') AND "dueAt" <= CAST($1 AS timestamp(3))`,
        clock.now().toISOString(),
      );
      if (!row || row.n === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const planMs = performance.now() - p0;
    delivering = true;
    kick();
    process.send?.({ planned: true });
    // Delivery: wait until the parent says the fakes have it all (or gave up waiting).
    await new Promise<void>((resolve) => process.once('message', () => resolve()));
    clearInterval(tick);
    dispatcher.close();
    await jobs.close();
    const used = process.cpuUsage(cpu);
    const nudgeLogs = (await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "NudgeLog"`))[0]?.n ?? 0;
    const outboxRows = await db.prisma.$queryRawUnsafe<{ status: string; n: number }[]>(`SELECT "status"::text AS status, count(*)::int AS n FROM "OutboxMessage" GROUP BY 1`);
    const jobRows = await db.prisma.$queryRawUnsafe<{ k: string; n: number }[]>(`SELECT "kind" || ' ' || "status"::text AS k, count(*)::int AS n FROM "ScheduledJob" GROUP BY 1`);
    const output: RunOutput = {
      seedMs,
      planStartedAt,
      planMs,
      nudgeLogs,
      outbox: Object.fromEntries(outboxRows.map((r) => [r.status, r.n])),
      jobs: Object.fromEntries(jobRows.map((r) => [r.k, r.n])),
      cpuMs: (used.user + used.system) / 1000,
    };
    await new Promise<void>((resolve) => process.send?.(output, () => resolve()));
  } finally {
    await db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
