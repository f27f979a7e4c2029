/**
 * The one HTTP server every channel shares: Slack events, Teams activities and the playground
 * all arrive on the same port, next to `/healthz` for the orchestrator.
 *
 * There is deliberately no global body parser: Slack's receiver checks a signature over the raw
 * request bytes, so each channel parses bodies on its own routes only.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { Logger } from '../core/ports.js';

/** One named readiness check (e.g. "db"); resolves when healthy, throws when not. */
export type HealthCheck = () => Promise<void>;

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Checks run on every GET /healthz; any failure makes it answer 503. */
  checks?: Record<string, HealthCheck>;
  log?: Logger;
  /** A check slower than this counts as failed, so a hung database cannot hang the probe. */
  healthTimeoutMs?: number;
  /** How long close() lets open requests finish before cutting their connections. */
  closeGraceMs?: number;
}

export interface HttpServer {
  /** Where channels mount their routes (before the 404 and error handlers). Bolt takes it as `router`. */
  readonly routes: Router;
  /** Runs first on close(), e.g. so long-lived streams can end politely. */
  onClose(hook: () => void | Promise<void>): void;
  /** Starts listening; resolves with the address actually bound. */
  start(): Promise<{ host: string; port: number; url: string }>;
  /** Stops accepting, ends what is open, and resolves when the socket is closed. Safe to call twice. */
  close(): Promise<void>;
}

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  const routes = express.Router();
  app.get('/healthz', healthHandler(options));
  app.use(routes);
  app.use(notFound);
  app.use(errorHandler(options.log));

  const hooks: Array<() => void | Promise<void>> = [];
  let server: Server | null = null;
  let closing: Promise<void> | null = null;

  return {
    routes,
    onClose: (hook) => void hooks.push(hook),
    start: async () => {
      if (server) throw new Error('HTTP server already started');
      const listening = await listen(app, options.host, options.port);
      server = listening;
      const { address, port } = listening.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      return { host: address, port, url: `http://${host}:${port}` };
    },
    close: () => {
      closing ??= shutdown(server, hooks, options);
      return closing;
    },
  };
}

function listen(app: express.Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

async function shutdown(server: Server | null, hooks: Array<() => void | Promise<void>>, options: HttpServerOptions): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      options.log?.warn('close hook failed', { reason: errorMessage(error) });
    }
  }
  if (!server) return;
  const s = server;
  await new Promise<void>((resolve) => {
    // Cut whatever is still open after the grace period, so a stuck client cannot block shutdown.
    const timer = setTimeout(() => s.closeAllConnections(), options.closeGraceMs ?? 5000);
    timer.unref();
    s.close(() => {
      clearTimeout(timer);
      resolve();
    });
    s.closeIdleConnections();
  });
}

function healthHandler(options: HttpServerOptions): RequestHandler {
  const checks = Object.entries(options.checks ?? {});
  const timeoutMs = options.healthTimeoutMs ?? 3000;
  return async (_req, res) => {
    res.set('Cache-Control', 'no-store');
    if (checks.length === 0) {
      res.json({ status: 'ok' });
      return;
    }
    const results = await Promise.all(checks.map(([name, check]) => runCheck(name, check, timeoutMs, options.log)));
    const ok = results.every(([, result]) => result === 'ok');
    // Only "ok"/"error" per check: error texts can hold connection strings or hostnames.
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'error', checks: Object.fromEntries(results) });
  };
}

async function runCheck(name: string, check: HealthCheck, timeoutMs: number, log?: Logger): Promise<[string, 'ok' | 'error']> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return [name, 'ok'];
  } catch (error) {
    log?.warn('health check failed', { check: name, reason: errorMessage(error) });
    return [name, 'error'];
  } finally {
    clearTimeout(timer);
  }
}

const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: 'not found' });
};

/** JSON errors; a 4xx keeps its message (it describes the request), a 5xx is logged and hidden. */
function errorHandler(log?: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = httpStatus(error);
    if (status >= 500) {
      log?.error('request failed', { method: req.method, path: req.path, reason: errorMessage(error) });
    }
    res.status(status).json({ error: status >= 500 ? 'internal error' : errorMessage(error) });
  };
}

function httpStatus(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status ?? (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
