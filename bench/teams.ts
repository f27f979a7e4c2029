/**
 * Teams benchmark: personal-chat message activities at a fixed rate (default 100/s for 10 s)
 * through Mentor Bridge (the real app: CloudAdapter on the shared server, core, outbox) on
 * PostgreSQL (a throwaway cluster when PostgreSQL is installed, or BENCH_DATABASE_URL) and on the
 * embedded PGlite, and in the same run through a bare CloudAdapter echo bot (replies inside the
 * request) — all with authentication off and against one fake Bot Connector on 127.0.0.1. Prints
 * the response time of POST /api/messages (p50/p99), throughput and the ratio ours/bare, then how
 * long our outbox took to deliver every reply.
 *
 *   npx tsx bench/teams.ts [rate=100] [seconds=10]       (BENCH_SKIP_PGLITE=1 to skip PGlite)
 *
 * Target: p99 < 150 ms at 100 activities/s, and at least half the bare bot's throughput.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { FakeConnector } from '../test/support/teams/fake-connector.js';
import { TeamsUser } from '../test/support/teams/teams-user.js';
import { startPostgres } from './support/postgres.js';
import { percentile } from './support/stats.js';

const RATE = Number(process.argv[2] ?? 100);
const SECONDS = Number(process.argv[3] ?? 10);
/** In-flight requests beyond this are not sent (counted as shed), so a stalled target cannot pile up. */
const MAX_IN_FLIGHT = 500;
/** Distinct people (one personal chat each): at 100/s each gets one message a second, under Teams' 7/s. */
const PEOPLE = 100;
const DRAIN_MS = 60_000;
/**
 * Before each measured run: first contact for every person (it creates them), then the measured
 * traffic itself for a few seconds, so the run measures a warmed-up process (JIT, prepared
 * statements, pools) and not its first seconds, which first contact alone does not warm.
 */
const WARM_UP = [
  { rate: 50, seconds: 2 },
  { rate: RATE, seconds: 3 },
];

interface RunResult {
  name: string;
  sent: number;
  ok: number;
  failed: number;
  shed: number;
  seconds: number;
  latencies: number[];
}

function people(url: string, connector: FakeConnector, prefix: string): TeamsUser[] {
  return Array.from({ length: PEOPLE }, (_, i) => {
    const aad = `${prefix}-0000-4000-8000-${String(i).padStart(12, '0')}`;
    return new TeamsUser(url, connector, { aadObjectId: aad, name: `Person ${i}`, locale: i % 2 ? 'nb-NO' : 'en-US' });
  });
}

/** Open loop: request i leaves at start + i/rate whatever happened to the earlier ones. */
async function run(name: string, users: TeamsUser[], rate: number, seconds: number): Promise<RunResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let shed = 0;
  let inFlight = 0;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      shed += 1;
      continue;
    }
    const user = users[i % users.length] as TeamsUser;
    inFlight += 1;
    const t0 = performance.now();
    pending.push(
      (async () => {
        try {
          const res = await user.say('help');
          latencies.push(performance.now() - t0);
          if (res.status === 200) ok += 1;
          else failed += 1;
        } catch {
          failed += 1; // connection refused or reset: counted, not fatal
        } finally {
          inFlight -= 1;
        }
      })(),
    );
  }
  await Promise.all(pending);
  return { name, sent: total - shed, ok, failed, shed, seconds: (performance.now() - start) / 1000, latencies };
}

/**
 * Runs the warm-up phases and waits until every reply they caused has reached the connector.
 * Returns the p99 of the last phase: the first seconds at full rate of a process that is not warm yet.
 */
async function warmUp(users: TeamsUser[], connector: FakeConnector): Promise<number> {
  let last = Number.NaN;
  for (const phase of WARM_UP) {
    const before = connector.activities().length;
    const w = await run('warm-up', users, phase.rate, phase.seconds);
    await connector.waitFor(() => connector.activities().length >= before + w.ok, DRAIN_MS);
    last = percentile(w.latencies, 99);
  }
  return last;
}

function line(r: RunResult): string {
  const throughput = r.ok / r.seconds;
  return `${r.name.padEnd(14)} ok ${String(r.ok).padStart(5)}  failed ${String(r.failed).padStart(3)}  shed ${String(r.shed).padStart(3)}  ${throughput.toFixed(1).padStart(6)}/s  p50 ${percentile(r.latencies, 50).toFixed(1).padStart(6)} ms  p99 ${percentile(r.latencies, 99).toFixed(1).padStart(6)} ms`;
}

interface BotProcess {
  url: string;
  /** Starts the event-loop measurement window. */
  measure(): void;
  /** Stops the bot; resolves with how busy its event loop was since measure(). */
  stop(): Promise<number>;
}

/** Starts bench/teams-server.ts as a child process (own event loop) and waits for its URL. */
function startBot(kind: 'ours' | 'bare', env: Record<string, string | undefined> = {}): Promise<BotProcess> {
  const child = fork(join(import.meta.dirname, 'teams-server.ts'), [kind], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${kind} bot exited with ${code}`)));
    child.once('message', (message) => {
      const url = (message as { url?: string }).url;
      if (!url) return reject(new Error(`${kind} bot sent no URL`));
      child.removeAllListeners('exit');
      resolve({
        url,
        measure: () => void child.send('measure'),
        stop: () =>
          new Promise((done) => {
            child.once('message', (m) => done((m as { busy?: number }).busy ?? Number.NaN));
            child.send('stop');
          }),
      });
    });
  });
}

async function main(): Promise<void> {
  const connector = new FakeConnector();
  await connector.start();
  // PostgreSQL is what a deployment with real traffic runs (DATABASE_URL); PGlite is the zero-setup default.
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url;
  const bare = await startBot('bare');
  try {
    process.stdout.write(`Teams benchmark: ${RATE} activities/s for ${SECONDS} s, ${PEOPLE} people, fake Bot Connector on 127.0.0.1 (each bot in its own process), each bot warmed up first (${WARM_UP.map((w) => `${w.rate}/s for ${w.seconds} s`).join(', then ')})\n`);
    const bareUsers = people(bare.url, connector, 'bbbbbbbb');
    await warmUp(bareUsers, connector);
    const variants: [string, string, Record<string, string | undefined>][] = [];
    if (postgresUrl) variants.push(['ours/PostgreSQL', 'aaaaaaaa', { BENCH_DATABASE_URL: postgresUrl }]);
    if (process.env.BENCH_SKIP_PGLITE !== '1') variants.push(['ours/PGlite', 'cccccccc', { BENCH_DATABASE_URL: '' }]);
    const rows: string[] = [];
    const results: RunResult[] = [];
    for (const [name, prefix, env] of variants) {
      const ours = await startBot('ours', env);
      try {
        const ourUsers = people(ours.url, connector, prefix);
        const coldP99 = await warmUp(ourUsers, connector);
        const before = connector.activities().length;
        ours.measure();
        const a = await run(name, ourUsers, RATE, SECONDS);
        const drainStart = performance.now();
        await connector.waitFor(() => connector.activities().length >= before + a.ok, DRAIN_MS).catch(() => undefined);
        const drained = (performance.now() - drainStart) / 1000;
        const delivered = connector.activities().length - before;
        const busy = await ours.stop();
        rows.push(`${line(a)}  loop busy ${(busy * 100).toFixed(0)}%  outbox: ${delivered}/${a.ok} delivered, the last ${drained.toFixed(1)} s after the last request  (warm-up at full rate: p99 ${coldP99.toFixed(1)} ms)`);
        results.push(a);
      } catch (error) {
        await ours.stop().catch(() => undefined);
        throw error;
      }
    }
    const b = await run('bare bot', bareUsers, RATE, SECONDS);
    process.stdout.write(`${rows.join('\n')}\n${line(b)}\n\n`);
    for (const a of results) {
      const ratio = a.ok / a.seconds / (b.ok / b.seconds);
      const p99 = percentile(a.latencies, 99);
      process.stdout.write(`${a.name}: throughput ours/bare ${ratio.toFixed(2)} (target >= 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'}), p99 ${p99.toFixed(1)} ms (target < 150 ms: ${p99 < 150 ? 'met' : 'NOT met'})\n`);
    }
  } finally {
    await bare.stop();
    await connector.stop();
    await cluster?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
