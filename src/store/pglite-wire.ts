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
// Loaded in the worker by Node's own type stripping: node: modules and packages only, erasable
// TypeScript only.
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

/** Startup-phase requests have no type byte: a length, then one of these codes. */
const PROTOCOL_3 = 196608;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
/** 'X': the client is leaving. Never given to PGlite: in single-user mode it would end the backend. */
const TERMINATE = 0x58;
/** A message longer than this is not a client of ours (PostgreSQL's own limit for most messages is 1 GB). */
const MAX_MESSAGE = 256 * 1024 * 1024;

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
}

interface Framed {
  /** Complete messages, in order. */
  messages: Buffer[];
  /** Bytes of an incomplete message, kept for the next chunk. */
  rest: Buffer;
}

/** Splits what arrived into complete messages; `startup` when no StartupMessage has been seen yet. */
export function frame(buffer: Buffer, startup: boolean): Framed {
  const messages: Buffer[] = [];
  let offset = 0;
  let inStartup = startup;
  for (;;) {
    const headerLength = inStartup ? 4 : 5;
    if (buffer.length - offset < headerLength) break;
    const length = inStartup ? buffer.readInt32BE(offset) : 1 + buffer.readInt32BE(offset + 1);
    if (length < headerLength - (inStartup ? 0 : 1) || length > MAX_MESSAGE) throw new Error(`malformed protocol message (length ${length})`);
    if (buffer.length - offset < length) break;
    const message = buffer.subarray(offset, offset + length);
    messages.push(message);
    offset += length;
    // Only the StartupMessage ends the startup phase; SSL and GSS requests come before it.
    if (inStartup && length >= 8 && message.readInt32BE(4) === PROTOCOL_3) inStartup = false;
  }
  return { messages, rest: buffer.subarray(offset) };
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
    const end = () => {
      if (ended) return;
      ended = true;
      socket.destroy();
      enqueue(() => resetSession(db));
      enqueue(async () => {
        current = null;
        next();
      });
    };
    socket.on('data', (chunk: Buffer) => {
      if (ended) return;
      let framed: Framed;
      try {
        framed = frame(buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]), startup);
      } catch (error) {
        options.onWarning(describe(error));
        end();
        return;
      }
      buffer = Buffer.from(framed.rest); // a copy: the chunk's memory is not ours to keep
      const batch: Buffer[] = [];
      let leaving = false;
      for (const message of framed.messages) {
        if (startup) {
          const code = message.length >= 8 ? message.readInt32BE(4) : 0;
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            flush(batch);
            enqueue(async () => void (ended || socket.write('N'))); // no encryption: the client goes on in the clear
            continue;
          }
          if (code === CANCEL_REQUEST) {
            leaving = true; // nothing to cancel: PGlite runs one query at a time, to its end
            break;
          }
          if (code === PROTOCOL_3) startup = false;
          // Each startup-phase message on its own: PGlite recognises the StartupMessage by its first byte.
          flush(batch);
          batch.push(message);
          flush(batch);
          continue;
        }
        if (message[0] === TERMINATE) {
          leaving = true;
          break;
        }
        batch.push(message);
      }
      flush(batch);
      if (leaving) enqueue(async () => end());
    });
    socket.on('close', end);

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
