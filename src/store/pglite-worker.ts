// PGlite in a worker thread. PGlite is PostgreSQL compiled to WebAssembly and runs on the thread
// that calls it, so on the main thread every query stops the event loop (Slack's 3-second acks,
// Teams' replies wait behind it). Here a worker thread owns the PGlite data folder and serves the
// PostgreSQL wire protocol (@electric-sql/pglite-socket) on a unix socket inside the data folder
// (or 127.0.0.1 on a random port when that path is too long); the main thread connects with `pg`
// like to any PostgreSQL server. PGlite has one session: the server takes one connection.
//
// This file is both sides: startPGliteWorker() on the main thread, and the worker's body below,
// which runs when this same module is loaded as a worker.
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

interface WorkerInput {
  mentorBridgePGlite: true;
  dataDir: string;
  /** Unix socket path, or undefined for TCP on 127.0.0.1 (random port). */
  socketPath?: string;
}

type WorkerMessage = { type: 'ready'; host: string; port: number } | { type: 'error'; message: string } | { type: 'stopped' };

export interface PGliteWorker {
  /** For pg: a host name, or the folder holding the unix socket. */
  host: string;
  port: number;
  /** Set when the worker ended without being stopped (a crash): what went wrong. */
  readonly failure: Error | undefined;
  /** The thread itself (tests end it to play a crash). */
  readonly thread: Worker;
  /** Stops the socket server, closes PGlite and ends the worker. Idempotent. */
  stop(): Promise<void>;
}

/** The socket file name pg looks for in a unix socket folder (`host: folder, port`). */
const SOCKET_PORT = 5432;
const SOCKET_FILE = `.s.PGSQL.${SOCKET_PORT}`;
/** sun_path is 108 bytes on Linux (104 on macOS); longer paths cannot be unix sockets. */
const MAX_SOCKET_PATH = 100;
const STOP_TIMEOUT_MS = 10_000;

function workerOptions(): { execArgv?: string[] } {
  // Run as TypeScript (tsx: `npm start`, vitest): the worker needs tsx's loader of its own.
  if (!import.meta.url.endsWith('.ts')) return {};
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { execArgv: ['--import', tsx] };
}

/** Starts PGlite on `dataDir` in a worker thread; resolves once it accepts connections. */
export function startPGliteWorker(dataDir: string): Promise<PGliteWorker> {
  const socketPath = process.platform !== 'win32' && join(dataDir, SOCKET_FILE).length <= MAX_SOCKET_PATH ? join(dataDir, SOCKET_FILE) : undefined;
  const input: WorkerInput = { mentorBridgePGlite: true, dataDir, socketPath };
  const worker = new Worker(new URL(import.meta.url), { workerData: input, ...workerOptions() });
  let failure: Error | undefined;
  let stopping: Promise<void> | undefined;
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  return new Promise<PGliteWorker>((resolve, reject) => {
    let started = false;
    worker.on('error', (error) => {
      failure ??= error;
      if (!started) reject(error);
    });
    worker.on('exit', (code) => {
      exited = true;
      if (!stopping) failure ??= new Error(`PGlite worker ended unexpectedly (exit code ${code})`);
      if (!started) reject(failure ?? new Error(`PGlite worker ended before it was ready (exit code ${code})`));
    });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'error' && !started) {
        reject(new Error(message.message));
        void worker.terminate();
      } else if (message.type === 'ready') {
        started = true;
        resolve({
          host: message.host,
          port: message.port,
          get failure() {
            return failure;
          },
          thread: worker,
          stop: () => {
            stopping ??= (async () => {
              if (exited) return;
              const stopped = new Promise<void>((done) => {
                worker.on('message', (m: WorkerMessage) => m.type === 'stopped' && done());
              });
              worker.postMessage({ type: 'stop' });
              const timeout = new Promise<void>((done) => setTimeout(done, STOP_TIMEOUT_MS).unref());
              await Promise.race([stopped, exitedPromise, timeout]);
              await worker.terminate();
            })();
            return stopping;
          },
        });
      }
    });
  });
}

// --- the worker -------------------------------------------------------------------------------

async function runWorker(input: WorkerInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let db: InstanceType<typeof PGlite> | undefined;
  try {
    db = new PGlite(input.dataDir);
    await db.waitReady;
    if (input.socketPath) await rm(input.socketPath, { force: true }); // left by a crash; we hold the folder lock
    const server = input.socketPath
      ? new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: 1 })
      : new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
    await server.start();
    const [host, listenPort] = input.socketPath
      ? [input.dataDir, SOCKET_PORT]
      : (() => {
          const [h, p] = server.getServerConn().split(':');
          return [h ?? '127.0.0.1', Number(p)] as const;
        })();
    const ready: WorkerMessage = { type: 'ready', host, port: listenPort };
    port.postMessage(ready);
    const openDb = db;
    port.on('message', async (message: { type: string }) => {
      if (message.type !== 'stop') return;
      try {
        await server.stop();
        await openDb.close();
      } finally {
        if (input.socketPath) await rm(input.socketPath, { force: true });
        port.postMessage({ type: 'stopped' } satisfies WorkerMessage);
        port.close();
      }
    });
  } catch (error) {
    await db?.close().catch(() => undefined);
    port.postMessage({ type: 'error', message: (error as Error).message } satisfies WorkerMessage);
  }
}

const input = workerData as WorkerInput | null;
if (!isMainThread && input?.mentorBridgePGlite === true) void runWorker(input);
