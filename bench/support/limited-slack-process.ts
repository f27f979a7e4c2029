/**
 * A fake Slack Web API that enforces chat.postMessage's limits, in a process of its own (see
 * fake-process.ts), for bench/nudges.ts. Slack documents "1 per second per channel, short bursts
 * >1 allowed" and a workspace-wide limit it does not publish; this fake allows, per DM channel, 1
 * a second with bursts of up to 60 (one a second over a minute), and per workspace
 * BENCH_SLACK_WORKSPACE_PER_SECOND (the cap we chose; 20 unless set) with bursts of three seconds'
 * worth. Beyond either it answers 429 with Retry-After (whole seconds, as Slack does). The
 * workspace is the bot token's: the benchmark gives each workspace the token `xoxb-bench-<team>`.
 * It answers conversations.open, chat.update and auth.test like Slack; any other method ok.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveFakeProcess, startFakeProcess } from './fake-process.js';
import { Buckets, type LimitedFake, type LimitedQuestion, limitedHandle, Recorder } from './limited-fakes.js';

export async function startLimitedSlack(workspacePerSecond: number): Promise<LimitedFake> {
  process.env.BENCH_SLACK_WORKSPACE_PER_SECOND = String(workspacePerSecond);
  return limitedHandle(await startFakeProcess(import.meta.url, 'limited Slack'));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function args(body: string, type: string): Record<string, string> {
  if (type.includes('application/json')) return body ? (JSON.parse(body) as Record<string, string>) : {};
  return Object.fromEntries(new URLSearchParams(body));
}

async function serve() {
  const cap = Number(process.env.BENCH_SLACK_WORKSPACE_PER_SECOND ?? 20);
  const channels = new Buckets(1, 60);
  const workspaces = new Buckets(cap, 3 * cap);
  const recorder = new Recorder();
  let ts = 1_700_000_000;
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const method = (req.url ?? '').replace(/^\/(api\/)?/, '').split('?')[0] ?? '';
      const a = args(body, req.headers['content-type'] ?? '');
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || a.token || '';
      const team = token.replace(/^xoxb-bench-/, '');
      const send = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(answer));
      };
      if (method === 'chat.postMessage') {
        const now = Date.now();
        const channel = String(a.channel ?? '');
        const waits = [channels.take(`${team}/${channel}`, now), 0];
        if (waits[0] === 0) waits[1] = workspaces.take(team, now);
        const wait = Math.max(...(waits as number[]));
        if (wait > 0) {
          recorder.refuse(waits[0] ? 'channel' : 'workspace');
          return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
        }
        recorder.post(channel, team, now);
        ts += 1;
        return send(200, { ok: true, channel, ts: `${ts}.000100`, message: { text: a.text } });
      }
      if (method === 'conversations.open') return send(200, { ok: true, channel: { id: `D${String(a.users).replace(/^U/, '')}` } });
      if (method === 'chat.update') return send(200, { ok: true, channel: a.channel, ts: a.ts, text: a.text });
      if (method === 'auth.test') return send(200, { ok: true, team_id: team, team: team, user_id: 'U0BOT', bot_id: 'B0BOT', url: 'https://bench.slack.com/' });
      return send(200, { ok: true, messages: [], has_more: false });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const answer = (q: LimitedQuestion) => {
    if ('count' in q) return recorder.total;
    if ('reset' in q) {
      recorder.reset();
      return true;
    }
    return recorder.ledger();
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}/api/`, answer, stop };
}

serveFakeProcess(serve);
