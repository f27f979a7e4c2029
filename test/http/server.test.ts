import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/ports.js';
import { createHttpServer, type HttpServer, type HttpServerOptions } from '../../src/http/server.js';

function recordingLog() {
  const lines: Array<{ level: string; msg: string; fields?: Record<string, unknown> }> = [];
  const log: Logger = {
    info: (msg, fields) => lines.push({ level: 'info', msg, fields }),
    warn: (msg, fields) => lines.push({ level: 'warn', msg, fields }),
    error: (msg, fields) => lines.push({ level: 'error', msg, fields }),
  };
  return { log, lines };
}

describe('http server', () => {
  let server: HttpServer;
  let url: string;
  const start = async (options: Partial<HttpServerOptions> = {}, mount?: (s: HttpServer) => void) => {
    server = createHttpServer({ host: '127.0.0.1', port: 0, ...options });
    mount?.(server);
    ({ url } = await server.start());
  };
  afterEach(() => server?.close());

  it('answers /healthz with ok on a free port', async () => {
    await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('reports each check, and 503 without leaking the reason when one fails', async () => {
    const { log, lines } = recordingLog();
    let dbUp = true;
    const db = async () => {
      if (!dbUp) throw new Error('connect ECONNREFUSED postgres://secret@db:5432');
    };
    await start({ checks: { db }, log });
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok', checks: { db: 'ok' } });

    dbUp = false;
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ status: 'error', checks: { db: 'error' } });
    expect(body).not.toContain('secret');
    expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'health check failed', fields: expect.objectContaining({ check: 'db' }) }));
  });

  it('counts a check that hangs as failed', async () => {
    await start({ checks: { db: () => new Promise<void>(() => { /* never settles, like a hung database */ }) }, healthTimeoutMs: 50 });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
  });

  it('lets channels mount routes, and hands them the raw body untouched', async () => {
    const body = '{"type":"event_callback",  "token":"x"}';
    await start({}, (s) =>
      s.routes.post('/slack/events', (req, res) => {
        // What Bolt does: read the exact bytes and check their signature.
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => res.json({ raw: Buffer.concat(chunks).toString('utf8'), parsed: req.body !== undefined }));
      }),
    );
    const res = await fetch(`${url}/slack/events`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    const json = await res.json();
    expect(json).toEqual({ raw: body, parsed: false });
    expect(createHmac('sha256', 'k').update(json.raw).digest('hex')).toBe(createHmac('sha256', 'k').update(body).digest('hex'));
  });

  it('rejects start() when the port is taken', async () => {
    await start();
    const port = Number(new URL(url).port);
    const second = createHttpServer({ host: '127.0.0.1', port });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
  });

  it('accepts routes mounted after start', async () => {
    await start();
    server.routes.get('/late', (_req, res) => res.send('here'));
    expect(await (await fetch(`${url}/late`)).text()).toBe('here');
  });

  it('answers unknown paths with a JSON 404 and hides internal errors', async () => {
    const { log, lines } = recordingLog();
    await start({ log }, (s) =>
      s.routes.get('/boom', async () => {
        throw new Error('database password is hunter2');
      }),
    );
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found' });

    const boom = await fetch(`${url}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ error: 'internal error' });
    expect(lines.some((l) => l.level === 'error' && l.fields?.path === '/boom')).toBe(true);
  });

  it('closes gracefully: hooks run first, a hung request is cut after the grace period, twice is fine', async () => {
    const order: string[] = [];
    await start({ closeGraceMs: 200 }, (s) => {
      s.onClose(() => void order.push('hook'));
      s.routes.get('/hang', () => {
        // Never answers, like a stream nobody ended.
      });
    });
    const hung = fetch(`${url}/hang`).catch(() => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await Promise.all([server.close(), server.close()]);
    order.push('closed');
    expect(await hung).toBe('cut');
    expect(order).toEqual(['hook', 'closed']);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
