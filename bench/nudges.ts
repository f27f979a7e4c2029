/**
 * Weekly nudges at scale (issue 14, "Reliability and scale"): plans and delivers the nudges of
 * 10,000 active pairs (20,000 people, each with something waiting) through the app's real parts
 * (bench/support/nudge-run.ts: the `nudges.plan` jobs in the JobRunner, the OutboxDispatcher, the
 * real SlackSender and TeamsSender with their pacing) against a fake Slack Web API and a fake Bot
 * Connector that enforce the platforms' documented limits and answer 429 with Retry-After beyond
 * them (bench/support/limited-*-process.ts), each in a process of its own:
 *   - Slack: 1 message a second per DM channel (bursts up to 60), and per workspace the cap we
 *     chose, 20 a second (bursts of three seconds' worth) — SLACK_WORKSPACE_MESSAGES_PER_SECOND;
 *   - Teams: 7 a second (and 60 per 30 s) per conversation, 30 requests a second per tenant.
 * One organisation per workspace or tenant, as deployments are. The default split: half the pairs
 * on Slack in 6 workspaces (6 × 20 = 120 messages a second allowed), half on Teams in 4 tenants
 * (4 × 30 = 120 a second), so a run delivers in under two minutes.
 *
 * Prints, on the embedded database (PGlite in its worker thread, as the app opens it) and on
 * PostgreSQL (a throwaway cluster when PostgreSQL is installed, or BENCH_DATABASE_URL): the
 * planning time (all plan and send jobs done, every nudge in the outbox), the delivery rate
 * against the allowed rate per platform, the 429s the fakes answered, duplicates and losses (at
 * the fakes, per person), and what a person feels: from planning start until their nudge was
 * posted, p50/p95/max.
 *
 *   npx tsx bench/nudges.ts [pairs=10000] [slackWorkspaces=6] [teamsTenants=4]
 *     (BENCH_SKIP_PGLITE=1, BENCH_SKIP_POSTGRES=1, BENCH_DATABASE_URL=postgres://…, BENCH_SLACK_WORKSPACE_PER_SECOND=20,
      BENCH_LEDGER_DIR=<dir> for every arrival, BENCH_CPU_PROF=<dir> for the run's CPU profile,
      BENCH_DELIVER_AFTER_PLAN=1 to time planning alone: nothing is delivered until it is over)
 *
 * Targets: planning under 10 s; delivery at least 90 % of the allowed rate; 0 duplicates, 0 losses.
 */
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startLimitedConnector } from './support/limited-connector-process.js';
import type { Ledger, LimitedFake } from './support/limited-fakes.js';
import { startLimitedSlack } from './support/limited-slack-process.js';
import { type BenchOrg, inboxKey } from './support/nudge-seed.js';
import type { RunInput, RunOutput } from './support/nudge-run.js';
import { startPostgres } from './support/postgres.js';
import { percentile } from './support/stats.js';

const PAIRS = Number(process.argv[2] ?? 10_000);
const WORKSPACES = Number(process.argv[3] ?? 6);
const TENANTS = Number(process.argv[4] ?? 4);
const WORKSPACE_PER_SECOND = Number(process.env.BENCH_SLACK_WORKSPACE_PER_SECOND ?? 20);
const TENANT_PER_SECOND = 30;
/** Delivery is over when every message arrived, or nothing arrived for this long. */
const STALL_MS = 60_000;

function organisations(): BenchOrg[] {
  const slackPairs = Math.ceil(PAIRS / 2);
  const split = (total: number, parts: number, i: number) => Math.floor(total / parts) + (i < total % parts ? 1 : 0);
  const orgs: BenchOrg[] = [];
  for (let i = 0; i < WORKSPACES; i += 1) orgs.push({ id: `o${orgs.length}`, platform: 'slack', externalId: `TBENCH${i}`, pairs: split(slackPairs, WORKSPACES, i) });
  for (let i = 0; i < TENANTS; i += 1) orgs.push({ id: `o${orgs.length}`, platform: 'teams', externalId: `tenant${i}`, pairs: split(PAIRS - slackPairs, TENANTS, i) });
  return orgs.filter((o) => o.pairs > 0);
}

async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Fakes {
  slack: LimitedFake;
  teams: LimitedFake;
}

/** Forks one run, waits for its planning, then for the fakes to have every message (or to stall). */
async function runOnce(name: string, databaseUrl: string | null, orgs: BenchOrg[], fakes: Fakes): Promise<{ out: RunOutput; slack: Ledger; teams: Ledger; deliveredAt: number }> {
  await fakes.slack.reset();
  await fakes.teams.reset();
  const expected = orgs.reduce((n, o) => n + 2 * o.pairs, 0);
  const input: RunInput = { databaseUrl, orgs, slackApiUrl: fakes.slack.url, connectorUrl: fakes.teams.url, workspacePerSecond: WORKSPACE_PER_SECOND, expected };
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(fileURLToPath(new URL('./support/nudge-run.ts', import.meta.url)), [JSON.stringify(input)], { execArgv: ['--import', 'tsx', ...profile], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const failed = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${name} run exited (${code})`))));
  const next = () => Promise.race([new Promise<Record<string, unknown>>((resolve) => child.once('message', (m) => resolve(m as Record<string, unknown>))), failed]);
  await next(); // planned
  let last = -1;
  let lastChange = Date.now();
  for (;;) {
    const got = (await fakes.slack.count()) + (await fakes.teams.count());
    if (got !== last) lastChange = Date.now();
    last = got;
    if (got >= expected || Date.now() - lastChange > STALL_MS) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // A moment for duplicates a late retry would post.
  await new Promise((r) => setTimeout(r, 3000));
  const deliveredAt = Date.now();
  const result = next();
  child.send('done');
  const out = (await result) as unknown as RunOutput;
  await new Promise((resolve) => child.once('exit', resolve));
  const ledgers = { slack: await fakes.slack.ledger(), teams: await fakes.teams.ledger() };
  // BENCH_LEDGER_DIR=<dir>: every message's arrival, per person, for a closer look.
  if (process.env.BENCH_LEDGER_DIR) await writeFile(join(process.env.BENCH_LEDGER_DIR, `nudges-${name.replace(/\W+/g, '-')}.json`), JSON.stringify(ledgers));
  return { out, ...ledgers, deliveredAt };
}

function report(name: string, orgs: BenchOrg[], r: { out: RunOutput; slack: Ledger; teams: Ledger }): string[] {
  const lines: string[] = [];
  const waits: number[] = [];
  let duplicates = 0;
  let losses = 0;
  for (const org of orgs) {
    const ledger = org.platform === 'slack' ? r.slack : r.teams;
    for (let i = 0; i < 2 * org.pairs; i += 1) {
      const posts = ledger.posts[inboxKey(org, i)] ?? [];
      if (posts.length === 0) losses += 1;
      else waits.push((posts[0] as number) - r.out.planStartedAt);
      duplicates += Math.max(0, posts.length - 1);
    }
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  lines.push(`${name}`);
  lines.push(`  seeding ${s(r.out.seedMs)} (bulk SQL)   planning ${s(r.out.planMs)} (target < 10 s: ${r.out.planMs < 10_000 ? 'met' : 'NOT met'})   nudges logged ${r.out.nudgeLogs}`);
  for (const [platform, ledger, perGroup] of [['Slack', r.slack, WORKSPACE_PER_SECOND], ['Teams', r.teams, TENANT_PER_SECOND]] as const) {
    const groups = Object.values(ledger.byGroup);
    if (groups.length === 0) continue;
    const count = groups.reduce((n, g) => n + g.count, 0);
    const first = Math.min(...groups.map((g) => g.first));
    const lastAt = Math.max(...groups.map((g) => g.last));
    const allowed = groups.length * perGroup;
    const rate = count / Math.max(0.001, (lastAt - first) / 1000);
    const fromPlan = count / Math.max(0.001, (lastAt - r.out.planStartedAt) / 1000);
    const each = groups.map((g) => g.count / Math.max(0.001, (g.last - g.first) / 1000) / perGroup);
    const refused = Object.entries(ledger.refused).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
    lines.push(
      `  ${platform}: ${count} messages in ${groups.length} ${platform === 'Slack' ? 'workspaces' : 'tenants'}, ${rate.toFixed(1)}/s first to last (${((100 * rate) / allowed).toFixed(1)} % of the allowed ${allowed}/s; target ≥ 90 %: ${rate >= 0.9 * allowed ? 'met' : 'NOT met'}), ${fromPlan.toFixed(1)}/s from planning start; per ${platform === 'Slack' ? 'workspace' : 'tenant'} ${(100 * Math.min(...each)).toFixed(0)}–${(100 * Math.max(...each)).toFixed(0)} % of its limit; 429s answered: ${refused}`,
    );
  }
  lines.push(`  duplicates ${duplicates}, losses ${losses} (target 0 and 0: ${duplicates === 0 && losses === 0 ? 'met' : 'NOT met'})   outbox ${JSON.stringify(r.out.outbox)}`);
  lines.push(`  a person's wait, planning start → their nudge posted: p50 ${s(percentile(waits, 50))}, p95 ${s(percentile(waits, 95))}, max ${s(Math.max(...waits))}   (run's CPU ${s(r.out.cpuMs)})`);
  return lines;
}

async function main(): Promise<void> {
  const orgs = organisations();
  const slack = await startLimitedSlack(WORKSPACE_PER_SECOND);
  const teams = await startLimitedConnector();
  const cluster = process.env.BENCH_DATABASE_URL || process.env.BENCH_SKIP_POSTGRES === '1' ? null : await startPostgres();
  const serverUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url;
  const out: string[] = [];
  try {
    const split = orgs.map((o) => `${o.platform} ${o.pairs}`).join(', ');
    out.push(`Weekly nudges: ${PAIRS} active pairs (${2 * PAIRS} people) in ${orgs.length} organisations (${split} pairs); Slack cap ${WORKSPACE_PER_SECOND}/s per workspace, Teams 30/s per tenant`);
    const runs: [string, string | null][] = [];
    if (process.env.BENCH_SKIP_PGLITE !== '1') runs.push(['embedded PGlite', null]);
    if (serverUrl && process.env.BENCH_SKIP_POSTGRES !== '1') runs.push(['PostgreSQL', await freshDatabase(serverUrl, 'bench_nudges')]);
    for (const [name, url] of runs) {
      process.stdout.write(`running on ${name}…\n`);
      const lines = report(name, orgs, await runOnce(name, url, orgs, { slack, teams }));
      process.stdout.write(`${lines.join('\n')}\n`);
      out.push(...lines);
    }
    process.stdout.write(`\n${out.join('\n')}\n`);
  } finally {
    await cluster?.stop();
    await slack.stop();
    await teams.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
