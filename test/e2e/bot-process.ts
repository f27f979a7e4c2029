/**
 * The real bot as `npm start` runs it (src/main.ts in a child process), configured for Slack
 * against a fake Web API, on the embedded database (a data folder) or PostgreSQL; and a Slack that
 * sends signed DM events the way the real one does: a delivery that got no 200 is delivered
 * again with the same event id (x-slack-retry-num), one that got a 200 never is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { BOT_TOKEN, SIGNING_SECRET } from '../support/slack/app.js';
import { dmEvent, SignedSlack } from '../support/slack/driver.js';
import { DEFAULT_TEAM, type FakeSlackWebApi } from '../support/slack/fake-web-api.js';
import { PROJECT_ROOT } from './support.js';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** The bot's JSON log lines so far. */
  logs: Array<Record<string, unknown>>;
  /** Resolves when the process has exited, with how and when (performance.now()). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts src/main.ts; resolves once it logs that it listens. `database`: a postgres:// URL, or a data folder. */
export async function startBotProcess(fake: FakeSlackWebApi, database: { url: string } | { dataDir: string }, extraEnv: Record<string, string> = {}): Promise<BotProcess> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    PROMPTS_DIR: join(PROJECT_ROOT, 'prompts'),
    PLAYGROUND: 'false',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.url,
    ...('url' in database ? { DATABASE_URL: database.url, DATA_DIR: '/nonexistent' } : { DATA_DIR: database.dataDir }),
    ...extraEnv,
  };
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })));
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  let buffered = '';
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the bot did not start within 90 s; stderr: ${stderr}`)), 90_000);
    void exited.then(({ code }) => reject(new Error(`the bot exited (${code}) before it listened; stderr: ${stderr}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'mentor bridge listening') {
          clearTimeout(timer);
          resolve(String(entry.url));
        }
      }
    });
  });
  return { url: await url, child, logs, exited };
}

export interface Delivery {
  eventId: string;
  user: string;
  channel: string;
  body: Record<string, unknown>;
  /** Statuses of every attempt ('error': no answer at all, e.g. the process died). */
  statuses: Array<number | 'error'>;
}

export const acknowledged = (d: Delivery) => d.statuses.includes(200);

/**
 * `perPerson` DM events ("help") from each of `people` people, interleaved, each with its own
 * event id; `round` numbers them, so a later batch from the same people has new ids.
 */
export function deliveries(people: number, perPerson: number, prefix: string, round = 0): Delivery[] {
  const out: Delivery[] = [];
  for (let n = round; n < round + perPerson; n += 1) {
    for (let p = 0; p < people; p += 1) {
      const user = `U0${prefix}${String(p).padStart(4, '0')}`;
      const channel = `D0${prefix}${String(p).padStart(4, '0')}`;
      const eventId = `Ev0${prefix}${String(p).padStart(4, '0')}N${String(n).padStart(3, '0')}`;
      out.push({ eventId, user, channel, body: dmEvent({ team: DEFAULT_TEAM.team_id, user, channel, text: 'help', eventId }), statuses: [] });
    }
  }
  return out;
}

/**
 * Delivers each event as Slack does (a retry carries x-slack-retry-num), `inFlight` at a time;
 * `onAck` is called after every 200 with the number so far (to stop the bot mid-way).
 */
export async function deliver(url: string, events: Delivery[], inFlight: number, onAck?: (acked: number) => void, retry = false): Promise<void> {
  const slack = new SignedSlack(url, SIGNING_SECRET);
  let next = 0;
  let acked = 0;
  const lane = async () => {
    while (next < events.length) {
      const event = events[next++] as Delivery;
      const status = await withTimeout(slack.event(event.body, retry ? { retryNum: event.statuses.length } : {}), 10_000).then(
        (res) => res.status,
        () => 'error' as const,
      );
      event.statuses.push(status);
      if (status === 200) onAck?.(++acked);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
}

/** Slack gives up on a request after 3 seconds; here a hung one counts as unanswered after `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Replies the fake has posted (answered ok) into each DM channel. */
export function repliesPerChannel(fake: FakeSlackWebApi): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.calls) {
    if (call.method !== 'chat.postMessage' || !call.result) continue;
    const channel = String(call.args.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

/** Acknowledged events per DM channel: what each person must get one answer for. */
export function expectedPerChannel(events: Delivery[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events.filter(acknowledged)) counts.set(e.channel, (counts.get(e.channel) ?? 0) + 1);
  return counts;
}
