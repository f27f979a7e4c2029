/**
 * Slack benchmark: signed message.im events at a fixed rate (default 200/s for 10 s) through
 * Mentor Bridge (the real app: Bolt on the shared server, core, outbox) on PostgreSQL (a
 * throwaway cluster when PostgreSQL is installed, or BENCH_DATABASE_URL) and on the embedded
 * PGlite, and in the same run through a bare Bolt app that acks and posts one reply — all against
 * one fake Web API on 127.0.0.1, in a process of its own (Slack is remote: serving the apps' calls
 * must not make the load generator's clock late). Prints time-to-ack (p50/p99), throughput
 * (events answered per second) and the ratio to the bare app.
 *
 *   npx tsx bench/slack.ts [rate=200] [seconds=10]      (BENCH_SKIP_PGLITE=1 to skip PGlite)
 *
 * Target: p99 time-to-ack < 100 ms at 200 events/s, and at least half the bare app's throughput.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dmEvent, SignedSlack } from '../test/support/slack/driver.js';
import { DEFAULT_TEAM } from '../test/support/slack/fake-web-api.js';
import type { ServerStats } from './slack-server.js';
import { type RemoteFakeWebApi, startFakeWebApiProcess } from './support/fake-web-api-process.js';
import { startPostgres } from './support/postgres.js';
import { percentile } from './support/stats.js';

const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-bench-0000-0000-benchtokenbenchtoken';
const RATE = Number(process.argv[2] ?? 200);
const SECONDS = Number(process.argv[3] ?? 10);
/** In-flight requests beyond this are not sent (counted as shed), so a stalled target cannot pile up unbounded. */
const MAX_IN_FLIGHT = 1000;
const DRAIN_MS = 30_000;

interface RunResult {
  name: string;
  /** The app process's CPU (user + system) per answered event, ms. */
  cpuPerEventMs: number;
  /** The app's event-loop delay p99 during the run, ms: what makes acks wait. */
  loopDelayP99Ms: number;
  sent: number;
  shed: number;
  failed: number;
  ackMs: number[];
  answered: number;
  /** Events answered per second, from the first send to the last answer. */
  throughput: number;
}

async function main(): Promise<void> {
  const fake = await startFakeWebApiProcess();
  // PostgreSQL is what production runs (DATABASE_URL); PGlite is the zero-setup default.
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url;
  const results: RunResult[] = [];
  try {
    if (postgresUrl) results.push(await measure('ours/PostgreSQL', 'ours', 'P', fake, { BENCH_DATABASE_URL: postgresUrl }));
    if (process.env.BENCH_SKIP_PGLITE !== '1') results.push(await measure('ours/PGlite', 'ours', 'G', fake, { BENCH_DATABASE_URL: '' }));
    results.push(await measure('bare Bolt', 'bare', 'B', fake, {}));
    report(results);
  } finally {
    await cluster?.stop();
    await fake.stop();
  }
}

/** Starts the app in its own process (bench/slack-server.ts), drives it, collects its CPU use, stops it. */
async function measure(name: string, kind: 'ours' | 'bare', prefix: string, fake: RemoteFakeWebApi, env: Record<string, string>): Promise<RunResult> {
  const child = fork(fileURLToPath(new URL('./slack-server.ts', import.meta.url)), [kind], {
    execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    env: { ...process.env, ...env, SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.url },
  });
  const next = () => new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Record<string, unknown>));
    child.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  try {
    const { url } = (await next()) as { url: string };
    child.send('reset');
    const result = await run(name, url, prefix, fake);
    const stats = next();
    child.send('stats');
    const { cpuMs, loopP99Ms } = (await stats) as unknown as ServerStats;
    return { ...result, cpuPerEventMs: cpuMs / Math.max(1, result.answered), loopDelayP99Ms: loopP99Ms };
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send('stop');
    await exited;
  }
}

/** Sends RATE events a second for SECONDS, each from its own user, and waits for the answers. */
async function run(name: string, url: string, prefix: string, fake: RemoteFakeWebApi): Promise<RunResult> {
  const slack = new SignedSlack(url, SECRET);
  const total = RATE * SECONDS;
  const channel = (i: number) => `D${prefix}${String(i).padStart(7, '0')}`;
  const ackMs: number[] = [];
  let inFlight = 0;
  let shed = 0;
  let failed = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const startedAt = Date.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      shed += 1;
      continue;
    }
    inFlight += 1;
    const body = dmEvent({ team: DEFAULT_TEAM.team_id, user: `U${prefix}${String(i).padStart(7, '0')}`, channel: channel(i), text: 'help' });
    pending.push(
      slack.event(body).then(
        (res) => {
          inFlight -= 1;
          if (res.status === 200) ackMs.push(res.ms);
          else failed += 1;
        },
        () => {
          inFlight -= 1;
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  const expected = total - shed - failed;
  const answeredAt = await waitForAnswers(fake, `D${prefix}`, expected);
  const answered = answeredAt.count;
  const throughput = answered / ((answeredAt.lastAt - startedAt) / 1000);
  return { name, cpuPerEventMs: 0, loopDelayP99Ms: 0, sent: total - shed, shed, failed, ackMs, answered, throughput };
}

/** Polls the fake until every event has a reply in its DM (first reply per channel counts). */
async function waitForAnswers(fake: RemoteFakeWebApi, channelPrefix: string, expected: number): Promise<{ count: number; lastAt: number }> {
  const until = Date.now() + DRAIN_MS;
  for (;;) {
    const answers = await fake.answers(channelPrefix);
    if (answers.count >= expected || Date.now() > until) return answers;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function report(results: RunResult[]): void {
  console.log(`\nSlack benchmark: ${RATE} signed message.im events/s for ${SECONDS} s, each from a new user, one fake Web API on 127.0.0.1`);
  console.log('(each app, the fake Web API and this load generator in a process of its own)\n');
  console.log('app               sent  shed  failed  answered  ack p50 ms  ack p99 ms  ack max ms  answered/s  cpu/event ms  loop p99 ms');
  for (const r of results) {
    const row = [r.name.padEnd(16), String(r.sent).padStart(5), String(r.shed).padStart(5), String(r.failed).padStart(7), String(r.answered).padStart(9)];
    const ms = [percentile(r.ackMs, 50), percentile(r.ackMs, 99), Math.max(...r.ackMs)].map((v) => v.toFixed(1).padStart(11));
    console.log(`${row.join(' ')} ${ms.join(' ')} ${r.throughput.toFixed(1).padStart(11)} ${r.cpuPerEventMs.toFixed(2).padStart(13)} ${r.loopDelayP99Ms.toFixed(1).padStart(12)}`);
  }
  const bare = results.find((r) => r.name === 'bare Bolt');
  console.log('');
  for (const ours of results.filter((r) => r !== bare)) {
    const ratio = bare ? ours.throughput / bare.throughput : Number.NaN;
    const p99 = percentile(ours.ackMs, 99);
    console.log(`${ours.name}: throughput ours/bare ${ratio.toFixed(2)} (target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'}), p99 time-to-ack ${p99.toFixed(1)} ms (target < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'})`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
