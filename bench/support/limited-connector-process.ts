/**
 * A fake Bot Connector that enforces Teams' documented limits for a bot, in a process of its own
 * (see fake-process.ts), for bench/nudges.ts: per conversation 7 messages a second (and 60 per 30
 * seconds), and per tenant 30 requests a second, counted on arrival in sliding windows; beyond
 * them it answers 429 with Retry-After (seconds). The tenant is read from the conversation id,
 * which the benchmark makes `a:<tenant>:<n>`. Sends answer 201 with an activity id, as Teams does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveFakeProcess, startFakeProcess } from './fake-process.js';
import { type LimitedFake, type LimitedQuestion, limitedHandle, Recorder, Windows } from './limited-fakes.js';

export async function startLimitedConnector(): Promise<LimitedFake> {
  return limitedHandle(await startFakeProcess(import.meta.url, 'limited connector'));
}

async function serve() {
  const second = new Windows(7, 1000);
  const halfMinute = new Windows(60, 30_000);
  const tenants = new Windows(30, 1000);
  const recorder = new Recorder();
  let next = 1;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const send = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(answer));
      };
      const parts = (req.url ?? '').split('?')[0]?.split('/').filter(Boolean).map(decodeURIComponent) ?? [];
      if (parts[0] !== 'v3' || parts[1] !== 'conversations') return send(404, { error: { code: 'NotFound' } });
      const conversation = parts[2] ?? '';
      const tenant = conversation.split(':')[1] ?? '';
      const now = Date.now();
      const tenantWait = tenants.take(tenant, now);
      if (tenantWait > 0) {
        recorder.refuse('tenant');
        return send(429, { error: { code: 'Throttled' } }, { 'retry-after': String(Math.max(1, Math.ceil(tenantWait / 1000))) });
      }
      if (req.method === 'POST' && parts.length === 2) return send(201, { id: `a:${tenant}:created-${next++}` });
      if (parts[3] !== 'activities') return send(404, { error: { code: 'NotFound' } });
      const wait = Math.max(second.take(conversation, now), halfMinute.take(conversation, now));
      if (wait > 0) {
        recorder.refuse('conversation');
        return send(429, { error: { code: 'Throttled' } }, { 'retry-after': String(Math.max(1, Math.ceil(wait / 1000))) });
      }
      if (req.method === 'PUT') return send(200, { id: parts[4] });
      recorder.post(conversation, tenant, now);
      return send(201, { id: `act-${next++}` });
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
  return { url: `http://127.0.0.1:${port}/`, answer, stop };
}

serveFakeProcess(serve);
