/**
 * What a person feels, with every inbound stored before it is acknowledged: for Slack and Teams,
 * Mentor Bridge on PostgreSQL and on the embedded PGlite, and in the same run a bare Bolt app and
 * a bare CloudAdapter bot that answer each message and store nothing. Per run it prints the time
 * to acknowledge (Slack's POST /slack/events, Teams' POST /api/messages) and the time until the
 * reply was posted at the fake platform, p50/p99, for:
 *   - 200 and 400 messages a second from 500 known people (each says "help" about once a second or less),
 *   - 200 a second from new people (first contact: the person is created).
 * Each app, each fake platform and this load generator run in processes of their own.
 *
 *   npx tsx bench/inbox.ts [seconds=10]     (BENCH_ONLY=slack|teams, BENCH_SKIP_PGLITE=1, BENCH_SKIP_POSTGRES=1,
 *                                           BENCH_DATABASE_URL=postgres://…, BENCH_CPU_PROF=<dir> for the apps' CPU profiles)
 *
 * Targets: at 400/s every reply posted with p99 under 1 s on both databases; acknowledgements p99 under 100 ms.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dmEvent, SignedSlack } from '../test/support/slack/driver.js';
import { DEFAULT_TEAM } from '../test/support/slack/fake-web-api.js';
import { fixture, TENANT } from '../test/support/teams/teams-user.js';
import { startFakeConnectorProcess } from './support/fake-connector-process.js';
import { startFakeWebApiProcess } from './support/fake-web-api-process.js';
import { type Shot, openLoop, type Outcome, summarise } from './support/load.js';
import { startPostgres } from './support/postgres.js';

const SECONDS = Number(process.argv[2] ?? 10);
const KNOWN = 500;
const SECRET = 'bench-signing-secret-0123456789abcdef';
const TOKEN = 'xoxb-bench-0000-0000-benchtokenbenchtoken';
const SCENARIOS = [
  { name: '200/s known', rate: 200, known: true },
  { name: '400/s known', rate: 400, known: true },
  { name: '200/s new', rate: 200, known: false },
] as const;

/** One platform: how to address person i of a variant, and how to send them one message. */
interface Platform {
  name: 'Slack' | 'Teams';
  script: string;
  bareName: string;
  /** The DM channel / conversation id of a person (replies are counted there). */
  key(variant: string, person: string): string;
  /** What every key of a variant starts with. */
  prefix(variant: string): string;
  send(url: string, variant: string, person: string): Promise<number>;
  replies(prefix: string): Promise<Record<string, number[]>>;
  env: Record<string, string>;
}

interface AppProcess {
  url: string;
  /** Starts counting the app's CPU time; `cpuMs` says how much it used since. */
  reset(): void;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

function startApp(script: string, kind: 'ours' | 'bare', env: Record<string, string>): Promise<AppProcess> {
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [kind], { execArgv: ['--import', 'tsx', ...profile], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} ${kind} exited (${code})`)));
    child.once('message', (m) => {
      const url = (m as { url?: string }).url;
      if (!url) return reject(new Error(`${script} sent no URL`));
      child.removeAllListeners('exit');
      resolve({
        url,
        reset: () => void child.send('reset'),
        cpuMs: () =>
          new Promise((done) => {
            child.once('message', (stats) => done((stats as { cpuMs: number }).cpuMs));
            child.send('stats');
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

async function slackPlatform(): Promise<Platform & { stop(): Promise<void> }> {
  const fake = await startFakeWebApiProcess();
  const signed = new Map<string, SignedSlack>();
  return {
    name: 'Slack',
    script: './slack-server.ts',
    bareName: 'bare Bolt',
    key: (variant, person) => `D${variant}${person}`,
    prefix: (variant) => `D${variant}`,
    async send(url, variant, person) {
      const slack = signed.get(url) ?? new SignedSlack(url, SECRET);
      signed.set(url, slack);
      const res = await slack.event(dmEvent({ team: DEFAULT_TEAM.team_id, user: `U${variant}${person}`, channel: `D${variant}${person}`, text: 'help' }));
      return res.status;
    },
    replies: (prefix) => fake.replies(prefix),
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: fake.url },
    stop: () => fake.stop(),
  };
}

async function teamsPlatform(): Promise<Platform & { stop(): Promise<void> }> {
  const connector = await startFakeConnectorProcess();
  const base = fixture('message');
  // A person's Entra id: the variant (8 hex digits), then the person's number.
  const aad = (variant: string, person: string) => `${variant}-0000-4000-8000-${person.padStart(12, '0')}`;
  return {
    name: 'Teams',
    script: './teams-server.ts',
    bareName: 'bare CloudAdapter',
    key: (variant, person) => `a:${aad(variant, person)}`,
    prefix: (variant) => `a:${variant}`,
    async send(url, variant, person) {
      const id = aad(variant, person);
      const activity = {
        ...base,
        id: `f:${variant}${person}:${performance.now()}`,
        text: 'help',
        timestamp: new Date().toISOString(),
        serviceUrl: connector.url,
        from: { ...(base.from as object), id: `29:${id}`, name: `Person ${person}`, aadObjectId: id },
        conversation: { ...(base.conversation as object), id: `a:${id}`, tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      };
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      await res.arrayBuffer();
      return res.status;
    },
    replies: (prefix) => connector.replies(prefix),
    env: {},
    stop: () => connector.stop(),
  };
}

/** A database of its own for each app on the benchmark's PostgreSQL server. */
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

/** Sends at `rate` for `seconds` (person i % KNOWN, or a new person each time) and matches each message to its reply. */
async function measure(platform: Platform, app: AppProcess, variant: string, rate: number, seconds: number, known: boolean, round: number): Promise<Outcome> {
  const prefix = platform.prefix(variant);
  const before = await platform.replies(prefix);
  const person = (i: number) => (known ? String(i % KNOWN) : `n${round}x${i}`);
  app.reset();
  const shots: Shot[] = await openLoop(rate, seconds, (i) => ({ key: platform.key(variant, person(i)), send: () => platform.send(app.url, variant, person(i)) }));
  return summarise(shots, before, () => platform.replies(prefix), () => app.cpuMs());
}

async function runPlatform(platform: Platform, postgresUrl: string | undefined): Promise<void> {
  const variants: Array<{ name: string; kind: 'ours' | 'bare'; variant: string; env: Record<string, string> }> = [];
  const hex = platform.name === 'Teams';
  if (postgresUrl && process.env.BENCH_SKIP_POSTGRES !== '1') variants.push({ name: 'ours/PostgreSQL', kind: 'ours', variant: hex ? 'aaaaaaaa' : 'P', env: { BENCH_DATABASE_URL: await freshDatabase(postgresUrl, `bench_${platform.name.toLowerCase()}`) } });
  if (process.env.BENCH_SKIP_PGLITE !== '1') variants.push({ name: 'ours/PGlite', kind: 'ours', variant: hex ? 'cccccccc' : 'G', env: { BENCH_DATABASE_URL: '' } });
  variants.push({ name: platform.bareName, kind: 'bare', variant: hex ? 'bbbbbbbb' : 'B', env: {} });
  const rows = new Map<string, string[]>();
  for (const v of variants) {
    const app = await startApp(platform.script, v.kind, { ...platform.env, ...v.env });
    try {
      // Warm-up, not measured: first contact for the 500 known people, then a few seconds at full rate.
      await openLoop(100, KNOWN / 100, (i) => ({ key: platform.key(v.variant, String(i)), send: () => platform.send(app.url, v.variant, String(i)) }));
      await measure(platform, app, v.variant, 400, 3, true, 0);
      for (const [i, s] of SCENARIOS.entries()) {
        const outcome = await measure(platform, app, v.variant, s.rate, SECONDS, s.known, i + 1);
        rows.set(s.name, [...(rows.get(s.name) ?? []), outcome.line(v.name)]);
        process.stdout.write(`  ${platform.name} ${s.name}: ${outcome.line(v.name)}\n`);
      }
    } finally {
      await app.stop();
    }
  }
  process.stdout.write(`\n${platform.name}, ${SECONDS} s per run, ${KNOWN} known people (each app warmed up first)\n`);
  for (const s of SCENARIOS) {
    process.stdout.write(`\n  ${s.name}\n  ${'app'.padEnd(18)} ${'sent'.padStart(5)} ${'acked'.padStart(6)} ${'answered'.padStart(8)}   ack p50/p99 ms   reply p50/p99 ms   replies/s   app CPU ms/msg\n`);
    for (const row of rows.get(s.name) ?? []) process.stdout.write(`  ${row}\n`);
  }
  process.stdout.write('\n');
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
  const postgresUrl = process.env.BENCH_DATABASE_URL ?? cluster?.url;
  try {
    for (const make of [slackPlatform, teamsPlatform]) {
      const platform = await make();
      if (only && only !== platform.name.toLowerCase()) {
        await platform.stop();
        continue;
      }
      try {
        await runPlatform(platform, postgresUrl);
      } finally {
        await platform.stop();
      }
    }
  } finally {
    await cluster?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
