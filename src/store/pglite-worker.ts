// PGlite in a worker thread. PGlite is PostgreSQL compiled to WebAssembly and runs on the thread
// that calls it, so on the main thread every query stops the event loop (Slack's 3-second acks,
// Teams' replies wait behind it). Here a worker thread owns the PGlite data folder and serves the
// PostgreSQL wire protocol (pglite-wire.ts) on a unix socket inside the data folder (or 127.0.0.1
// on a random port when that path is too long); the main thread connects with `pg` like to any
// PostgreSQL server. PGlite has one session: one connection holds it at a time.
//
// This file is both sides: startPGliteWorker() on the main thread, and the worker's body below,
// which runs when this same module is loaded as a worker. The worker loads it with Node's own
// TypeScript support (type stripping), not tsx: so this file imports only node: modules, packages
// and (by a URL with this file's own extension) pglite-wire, and uses only erasable TypeScript.
//
// Shutdown is one deterministic sequence, and the thread is never killed while it works:
// the main thread ends its pool first; then asks the worker to stop; the worker closes the socket
// server, waits for the query on its way (if any), closes PGlite, removes the socket file, and
// closes its port, after which the thread ends by itself (exit code 0). stop() resolves only once
// the thread is gone. worker.terminate() is the fallback for a thread that has not ended after
// STOP_TIMEOUT_MS, never the normal path: terminating a thread that is inside PGlite's wasm, or
// already ending, is what a process must not depend on.
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import type { WireServer } from './pglite-wire.js';

interface WorkerInput {
  mentorBridgePGlite: true;
  dataDir: string;
  /** The unix socket to serve on (always given by startPGliteWorker; see privateSocketPath). */
  socketPath?: string;
  /** See WireOptions.incompleteTimeoutMs (tests shorten it). */
  incompleteTimeoutMs?: number;
}

type WorkerMessage =
  | { type: 'ready'; host: string; port: number }
  | { type: 'error'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'stopped'; error?: string };

export interface PGliteWorker {
  /** For pg: a host name, or the folder holding the unix socket. */
  host: string;
  port: number;
  /** Set when the worker ended without being stopped (a crash): what went wrong. */
  readonly failure: Error | undefined;
  /** The thread itself (tests end it to play a crash). */
  readonly thread: Worker;
  /** Settles with the thread's exit code once it has ended (0: it ended by itself after stop()). */
  readonly exited: Promise<number>;
  /**
   * Stops the socket server, closes PGlite, and resolves once the thread has ended (rejects, after
   * that, when PGlite failed to close). Idempotent; fine after a crash. End the pool first.
   */
  stop(): Promise<void>;
}

export interface PGliteWorkerOptions {
  /** Errors in the worker that did not stop it (e.g. a client connection that failed). */
  onWarning?: (message: string) => void;
  /** How long a client may stop in the middle of a message before it is cut off (see pglite-wire.ts). */
  incompleteTimeoutMs?: number;
}

/** The socket file name pg looks for in a unix socket folder (`host: folder, port`). */
const SOCKET_PORT = 5432;
const SOCKET_FILE = `.s.PGSQL.${SOCKET_PORT}`;
/** sun_path is 108 bytes on Linux (104 on macOS); longer paths cannot be unix sockets. */
const MAX_SOCKET_PATH = 100;
/** How long a stopping worker may take (a long query finishing, PGlite's checkpoint) before it is terminated. */
const STOP_TIMEOUT_MS = 15_000;
/** How long a worker that failed to start may take to end by itself. */
const FAILED_START_EXIT_MS = 5_000;

function workerOptions(): { execArgv: string[] } {
  // execArgv is always explicit, so the thread does not inherit this process's flags (tsx's
  // --import, vitest's, --cpu-prof). Node (>= 22.18 / 23.6) runs this .ts file itself; older
  // versions need tsx's loader in the thread.
  if (!import.meta.url.endsWith('.ts') || process.features.typescript) return { execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { execArgv: ['--import', tsx] };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Where the wire server listens: a unix socket in the data folder (0700, so only this user can
 * connect), or, when that path is too long for a socket, in a private folder of our own under
 * the system's temp folder (mkdtemp makes it 0700). Never TCP: the wire server has no password,
 * so a TCP port would make anyone on the machine the database's superuser.
 */
function privateSocketPath(dataDir: string): string {
  if (process.platform === 'win32') throw new Error('the embedded database needs unix sockets, which this platform lacks: set DATABASE_URL to a PostgreSQL server');
  const inFolder = join(dataDir, SOCKET_FILE);
  if (inFolder.length <= MAX_SOCKET_PATH) return inFolder;
  return join(mkdtempSync(join(tmpdir(), 'mb-pg-')), SOCKET_FILE);
}

/** Starts PGlite on `dataDir` in a worker thread; resolves once it accepts connections. */
export function startPGliteWorker(dataDir: string, options: PGliteWorkerOptions = {}): Promise<PGliteWorker> {
  const socketPath = privateSocketPath(dataDir);
  const input: WorkerInput = { mentorBridgePGlite: true, dataDir, socketPath, ...(options.incompleteTimeoutMs === undefined ? {} : { incompleteTimeoutMs: options.incompleteTimeoutMs }) };
  const worker = new Worker(new URL(import.meta.url), { workerData: input, ...workerOptions() });
  let failure: Error | undefined;
  let stopRequested = false;
  let stopError: string | undefined;
  let hasExited = false;
  const exited = new Promise<number>((resolve) => {
    worker.once('exit', (code) => {
      hasExited = true;
      if (!stopRequested) failure ??= new Error(`PGlite worker ended unexpectedly (exit code ${code})`);
      resolve(code);
    });
  });
  // An uncaught exception ends the thread; 'exit' follows.
  worker.on('error', (error) => {
    failure ??= error;
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      stopRequested = true;
      if (!hasExited) {
        worker.postMessage({ type: 'stop' });
        if ((await withTimeout(exited, STOP_TIMEOUT_MS)) === undefined) await worker.terminate();
      }
      await exited;
      if (stopError !== undefined) throw new Error(`PGlite did not close cleanly: ${stopError}`);
    })();
    return stopping;
  };

  return new Promise<PGliteWorker>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'warning':
          options.onWarning?.(message.message);
          break;
        case 'stopped':
          stopError = message.error;
          break;
        case 'error':
          // The worker has closed what it opened and ends by itself; the caller may release the
          // folder only once it has.
          if (settled) break;
          settled = true;
          stopRequested = true;
          void withTimeout(exited, FAILED_START_EXIT_MS)
            .then((code) => (code === undefined ? worker.terminate() : code))
            .finally(() => reject(new Error(message.message)));
          break;
        case 'ready':
          if (settled) break;
          settled = true;
          resolve({
            host: message.host,
            port: message.port,
            get failure() {
              return failure;
            },
            thread: worker,
            exited,
            stop,
          });
          break;
      }
    });
    void exited.then((code) => {
      if (settled) return;
      settled = true;
      reject(failure ?? new Error(`PGlite worker ended before it was ready (exit code ${code})`));
    });
  });
}

// --- the worker -------------------------------------------------------------------------------

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  // Emscripten's file system throws plain objects ({ errno, ... }).
  if (typeof error === 'object' && error !== null) {
    const { message, code, errno } = error as { message?: unknown; code?: unknown; errno?: unknown };
    if (typeof message === 'string') return message;
    if (code !== undefined || errno !== undefined) return `file system error ${String(code ?? `errno ${String(errno)}`)}`;
    return JSON.stringify(error) ?? String(error);
  }
  return String(error);
}

/**
 * PGlite 0.4.3 loops forever (at 100% CPU) when a protocol message reaches it after close().
 * The wire server stops before PGlite closes, but a guard costs nothing: refuse them.
 */
function refuseWhenClosed(db: PGlite): void {
  const exec = db.execProtocolRawStream.bind(db);
  db.execProtocolRawStream = (message, options) => (db.ready ? exec(message, options) : Promise.reject(new Error('PGlite is closed')));
}

/** Removes the socket, and the private folder it was in when it was not the data folder. */
async function removeSocket(socketPath: string, dataDir: string): Promise<void> {
  const folder = dirname(socketPath);
  await rm(folder === dataDir ? socketPath : folder, { force: true, recursive: folder !== dataDir }).catch(() => undefined);
}

async function runWorker(input: WorkerInput, port: MessagePort): Promise<void> {
  // A failure in a promise nobody awaits must not end the thread (and its PGlite) mid-query.
  // The main thread logs it.
  process.on('unhandledRejection', (reason) => {
    port.postMessage({ type: 'warning', message: describe(reason) } satisfies WorkerMessage);
  });
  const { PGlite } = await import('@electric-sql/pglite');
  // This thread runs without tsx: the sibling module is loaded with this file's own extension.
  const { serveWire } = (await import(new URL(`./pglite-wire${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href)) as typeof import('./pglite-wire.js');
  const onWarning = (message: string) => port.postMessage({ type: 'warning', message } satisfies WorkerMessage);
  let db: PGlite | undefined;
  let server: WireServer | undefined;
  try {
    db = new PGlite(input.dataDir);
    await db.waitReady;
    refuseWhenClosed(db);
    if (input.socketPath) await rm(input.socketPath, { force: true }); // left by a crash; we hold the folder lock
    server = await serveWire(db, { path: input.socketPath, onWarning, incompleteTimeoutMs: input.incompleteTimeoutMs });
  } catch (error) {
    await server?.stop().catch(() => undefined);
    await db?.close().catch(() => undefined);
    if (input.socketPath) await removeSocket(input.socketPath, input.dataDir);
    port.postMessage({ type: 'error', message: describe(error) } satisfies WorkerMessage);
    port.close(); // nothing is left open: the thread ends
    return;
  }
  const openDb = db;
  const openServer = server;
  const [host, listenPort] = input.socketPath ? [dirname(input.socketPath), SOCKET_PORT] : ['127.0.0.1', openServer.port];
  port.postMessage({ type: 'ready', host, port: listenPort } satisfies WorkerMessage);

  let stopping = false;
  port.on('message', async (message: { type: string }) => {
    if (message.type !== 'stop' || stopping) return;
    stopping = true;
    let error: unknown;
    try {
      // No new connections, and the open ones (normally none: the pool has ended) are dropped
      // along with their unread messages; the batch PGlite is executing finishes, and an open
      // transaction is rolled back.
      await openServer.stop();
      // The message PGlite is executing, if any, finishes before PGlite closes under it.
      await openDb.runExclusive(() => Promise.resolve());
      await openDb.close();
    } catch (caught) {
      error = caught;
    }
    if (input.socketPath) await removeSocket(input.socketPath, input.dataDir);
    // PGlite's Emscripten runtime sets process.exitCode as it goes; the thread's exit code says
    // whether it stopped cleanly.
    process.exitCode = error === undefined ? 0 : 1;
    port.postMessage({ type: 'stopped', ...(error === undefined ? {} : { error: describe(error) }) } satisfies WorkerMessage);
    port.close(); // the last open handle: the thread ends by itself
  });
}

const input = workerData as WorkerInput | null;
if (!isMainThread && parentPort && input?.mentorBridgePGlite === true) void runWorker(input, parentPort);
