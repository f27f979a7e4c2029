// PostgreSQL's wire protocol in front of PGlite's one session, for the worker thread in
// pglite-worker.ts: `pg` on the main thread connects to it like to any PostgreSQL server.
//
// Why not @electric-sql/pglite-socket (which we used before): it hands PGlite one protocol
// message at a time and writes each answer to the socket on its own. A prepared query is four
// messages (Bind, Describe, Execute, Sync), so every query cost four calls into PGlite and four
// socket writes — each write a wake-up of the main thread. Here everything that arrived together
// goes to PGlite in one call, and its answer back in one write.
//
// One connection holds the session at a time; a connection that arrives meanwhile waits for it.
// When a connection ends, the session is made new again, as a server's would be: an open
// transaction is rolled back and DISCARD ALL drops prepared statements, session settings and
// advisory locks, so the next connection (which believes nothing is prepared) starts clean.
//
// Nothing reaches PGlite unchecked (pglite-wire-protocol.ts): a malformed message gets a FATAL
// ErrorResponse and its connection ends, and the session is reset for the next one. A connection
// that stops in the middle of a message (or sends no startup packet) would hold the one session
// for good, so it is ended after `incompleteTimeoutMs` without progress.
//
// Loaded in the worker by Node's own type stripping: node: modules and packages only, erasable
// TypeScript only, and the sibling module by a URL with this file's own extension.
import { createServer, type Server, type Socket } from 'node:net';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';

const { checkMessage, checkStartup, fatalResponse, frame, ProtocolError } = (await import(
  new URL(`./pglite-wire-protocol${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href
)) as typeof import('./pglite-wire-protocol.js');

/** 'X': the client is leaving. Never given to PGlite: in single-user mode it would end the backend. */
const TERMINATE = 0x58;
/** PostgreSQL gives a client 60 s to authenticate; ours has nothing to wait for but bytes on a local socket. */
const INCOMPLETE_TIMEOUT_MS = 10_000;
/** How long a FATAL answer may take to leave before the connection is cut anyway (a client that reads nothing). */
const FAREWELL_MS = 1_000;

export interface WireServer {
  /** The TCP port (0 on a unix socket). */
  readonly port: number;
  /** Refuses new connections, drops the open ones, and resolves once the session is idle and reset. */
  stop(): Promise<void>;
}

export interface WireOptions {
  /** Unix socket path; when absent, TCP on 127.0.0.1 with a random port. */
  path?: string | undefined;
  /** Something went wrong that did not stop the server (a connection's query failed inside PGlite). */
  onWarning(message: string): void;
  /** How long a connection may sit in the middle of a message (or before its startup packet). */
  incompleteTimeoutMs?: number | undefined;
}

/** Sync: ends an extended-query sequence a vanished client left half done (after an error the backend ignores all else until one). */
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

/** Makes the session as new for the next connection; see the top of this file. */
async function resetSession(db: PGlite): Promise<void> {
  if (db.closed) return;
  await db.runExclusive(() => db.execProtocolRawStream(SYNC, { onRawData: () => undefined }));
  if (db.isInTransaction()) await db.exec('ROLLBACK');
  await db.exec('DISCARD ALL');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Writes a last answer and waits (briefly: a client may read nothing) until it has left. */
function farewell(socket: Socket, answer: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FAREWELL_MS);
    timer.unref();
    socket.write(answer, () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export function serveWire(db: PGlite, options: WireOptions): Promise<WireServer> {
  const waiting: Socket[] = [];
  const open = new Set<Socket>();
  let current: Socket | null = null;
  let stopping = false;
  // Every call into PGlite, in order: one batch at a time, and a reset only after the last batch.
  let work: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    work = work.then(task).catch((error: unknown) => options.onWarning(describe(error)));
  };

  const next = () => {
    if (current || stopping) return;
    const socket = waiting.shift();
    if (socket) attach(socket);
  };

  const attach = (socket: Socket) => {
    if (socket.destroyed) return next(); // left while it waited
    current = socket;
    let buffer = Buffer.alloc(0);
    let startup = true;
    let ended = false;
    /** Set once a malformed message was seen: nothing after it is read. */
    let failing = false;
    let stalled: ReturnType<typeof setTimeout> | undefined;
    const end = () => {
      if (ended) return;
      ended = true;
      clearTimeout(stalled);
      socket.destroy();
      enqueue(() => resetSession(db));
      enqueue(async () => {
        current = null;
        next();
      });
    };
    /** After what PGlite is doing for this connection, a FATAL answer and the end of the connection. */
    const fail = (error: InstanceType<typeof ProtocolError>) => {
      if (failing) return;
      failing = true;
      clearTimeout(stalled);
      options.onWarning(`closing a client connection: ${error.message}`);
      enqueue(async () => {
        if (!ended) await farewell(socket, fatalResponse(error));
        end();
      });
    };
    /** Startup not done or a message half-arrived: the client must go on within the timeout. */
    const watch = () => {
      clearTimeout(stalled);
      if (failing || ended || (!startup && buffer.length === 0)) return;
      const ms = options.incompleteTimeoutMs ?? INCOMPLETE_TIMEOUT_MS;
      stalled = setTimeout(() => fail(new ProtocolError(startup ? 'timeout waiting for the startup packet' : 'incomplete message: the client stopped sending in the middle of it')), ms);
      stalled.unref();
    };
    socket.on('data', (chunk: Buffer) => {
      if (ended || failing) return;
      const framed = frame(buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]), startup);
      buffer = Buffer.from(framed.rest); // a copy: the chunk's memory is not ours to keep
      const batch: Buffer[] = [];
      let leaving = false;
      let error = framed.error;
      for (const message of framed.messages) {
        try {
          if (startup) {
            const kind = checkStartup(message);
            if (kind === 'ssl' || kind === 'gssenc') {
              flush(batch);
              enqueue(async () => void (ended || socket.write('N'))); // no encryption: the client goes on in the clear
              continue;
            }
            if (kind === 'cancel') {
              leaving = true; // nothing to cancel: PGlite runs one query at a time, to its end
              break;
            }
            startup = false;
            // Each startup-phase message on its own: PGlite recognises the StartupMessage by its first byte.
            flush(batch);
            batch.push(message);
            flush(batch);
            continue;
          }
          checkMessage(message);
        } catch (caught) {
          error = caught instanceof ProtocolError ? caught : new ProtocolError(describe(caught));
          break;
        }
        if (message[0] === TERMINATE) {
          leaving = true;
          break;
        }
        batch.push(message);
      }
      // What came before a malformed message is served, as a server reading one message at a time would.
      flush(batch);
      if (error && !leaving) fail(error);
      else if (leaving) enqueue(async () => end());
      else watch();
    });
    socket.on('close', end);
    watch();

    /** Hands the batch so far to PGlite as one call, and its answer to the socket as one write. */
    function flush(batch: Buffer[]): void {
      if (batch.length === 0) return;
      const input = batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch);
      batch.length = 0;
      enqueue(async () => {
        if (ended) return;
        const output: Buffer[] = [];
        try {
          // PGlite reuses its buffer between calls: copy each piece as it comes.
          await db.runExclusive(() => db.execProtocolRawStream(input, { onRawData: (data) => output.push(Buffer.from(data)) }));
        } catch (error) {
          options.onWarning(describe(error));
          end();
          return;
        }
        if (!ended && output.length > 0) socket.write(output.length === 1 ? (output[0] as Buffer) : Buffer.concat(output));
      });
    }
  };

  const server: Server = createServer((socket) => {
    if (stopping) {
      socket.destroy();
      return;
    }
    open.add(socket);
    socket.on('error', () => undefined); // 'close' follows
    socket.on('close', () => {
      open.delete(socket);
      const queued = waiting.indexOf(socket);
      if (queued >= 0) waiting.splice(queued, 1);
    });
    waiting.push(socket); // its data waits, unread, until it holds the session
    next();
  });

  return new Promise((resolve, reject) => {
    const onListenError = (error: Error) => reject(error);
    server.once('error', onListenError);
    const listening = () => {
      server.off('error', onListenError);
      server.on('error', (error) => options.onWarning(describe(error)));
      const address = server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      resolve({
        port,
        stop: async () => {
          stopping = true;
          const closed = new Promise<void>((done) => server.close(() => done()));
          for (const socket of waiting.splice(0)) socket.destroy();
          for (const socket of open) socket.destroy();
          await closed;
          await work;
        },
      });
    };
    if (options.path) server.listen(options.path, listening);
    else server.listen(0, '127.0.0.1', listening);
  });
}
