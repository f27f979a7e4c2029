// Malformed bytes on the embedded database's socket (src/store/pglite-wire.ts): each named case
// of the issue gets a FATAL ErrorResponse and the server ends the connection, and a fuzz loop of
// random and mutated packets (fixed seed: a failure is reproducible) never hangs the one session
// nor leaves anything behind for the next client. Through the real worker thread, so a PGlite
// that hung would show here as connections that never end rather than as a frozen test.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PGliteWorker, startPGliteWorker } from '../../src/store/pglite-worker.js';
import { prng } from '../support/prng.js';

/** Short, so that a client stopping mid-message costs the loop little; the default is 10 s. */
const INCOMPLETE_MS = 200;
/** Every connection must be over within this (the server's own timeouts are well inside it). */
const CASE_MS = 3_000;

let dir: string;
let worker: PGliteWorker;
const warnings: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mb-wire-fuzz-'));
  await mkdir(join(dir, 'data'));
  worker = await startPGliteWorker(join(dir, 'data'), { incompleteTimeoutMs: INCOMPLETE_MS, onWarning: (m) => warnings.push(m) });
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await rm(dir, { recursive: true, force: true });
});

// --- building packets --------------------------------------------------------------------------

const typed = (type: string, body: Buffer | string, length?: number) => {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1');
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(length ?? 4 + b.length, 1);
  return Buffer.concat([header, b]);
};
const startup = (code = 196608, params = 'user\0postgres\0database\0postgres\0\0') => {
  const body = Buffer.from(params, 'latin1');
  const b = Buffer.alloc(8 + body.length);
  b.writeInt32BE(b.length, 0);
  b.writeInt32BE(code, 4);
  body.copy(b, 8);
  return b;
};
const int16 = (n: number) => Buffer.from([(n >> 8) & 0xff, n & 0xff]);
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const SSL = (() => {
  const b = Buffer.alloc(8);
  b.writeInt32BE(8);
  b.writeInt32BE(80877103, 4);
  return b;
})();
/** A prepared query as pg sends it: Parse, Bind, Describe, Execute, Sync. */
const extended = Buffer.concat([
  typed('P', Buffer.concat([Buffer.from('fz\0SELECT $1::int + 1 AS n\0'), int16(1), int32(23)])),
  typed('B', Buffer.concat([Buffer.from('\0fz\0'), int16(0), int16(1), int32(1), Buffer.from('7'), int16(0)])),
  typed('D', 'P\0'),
  typed('E', Buffer.concat([Buffer.from('\0'), int32(0)])),
  typed('S', ''),
]);

// --- talking to the server -----------------------------------------------------------------------

interface Backend {
  type: string;
  body: Buffer;
}
interface Outcome {
  /** The server ended the connection by itself (not after our Terminate). */
  closedByServer: boolean;
  messages: Backend[];
}

/** Splits the server's answer into messages (after `skipN` one-byte 'N' answers to SSL requests). */
function parse(data: Buffer, skipN: number): Backend[] {
  const out: Backend[] = [];
  let offset = 0;
  while (skipN > 0 && data[offset] === 0x4e) {
    offset += 1;
    skipN -= 1;
  }
  while (data.length - offset >= 5) {
    const length = data.readInt32BE(offset + 1);
    out.push({ type: String.fromCharCode(data[offset] as number), body: data.subarray(offset + 5, offset + 1 + length) });
    offset += 1 + length;
  }
  return out;
}

const fatal = (m: Backend | undefined) => (m?.type === 'E' && m.body.includes(Buffer.from('SFATAL\0')) ? (/C([0-9A-Z]{5})\0/.exec(m.body.toString('latin1'))?.[1] ?? '?') : null);

/**
 * Sends `chunks` on a new connection and waits, at most CASE_MS, for the server to end it. A
 * server that stays open must be alive and sane: a Sync gets ReadyForQuery, and a Terminate then
 * ends the connection. Rejects when either takes longer (a hang).
 */
function probe(chunks: Buffer[], skipN = 0): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = connect(join(worker.host, `.s.PGSQL.${worker.port}`));
    const received: Buffer[] = [];
    let phase: 'sent' | 'synced' | 'terminated' = 'sent';
    let timer = setTimeout(() => settle(), INCOMPLETE_MS * 3);
    const settle = () => {
      // Still open: the server is waiting for more. Ask it to prove it is alive, then leave.
      if (phase !== 'sent') return fail(`no answer after ${phase}`);
      phase = 'synced';
      socket.write(typed('S', ''));
      timer = setTimeout(() => fail('no ReadyForQuery after Sync'), CASE_MS);
    };
    const fail = (why: string) => {
      socket.destroy();
      reject(new Error(`${why}: sent ${Buffer.concat(chunks).toString('hex').slice(0, 200)}`));
    };
    socket.on('data', (data) => {
      received.push(data);
      if (phase === 'synced' && parse(Buffer.concat(received), skipN).at(-1)?.type === 'Z') {
        phase = 'terminated';
        clearTimeout(timer);
        socket.write(typed('X', ''));
        timer = setTimeout(() => fail('not closed after Terminate'), CASE_MS);
      }
    });
    socket.on('error', () => undefined); // 'close' follows
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedByServer: phase !== 'terminated', messages: parse(Buffer.concat(received), skipN) });
    });
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        socket.write(chunk);
        await new Promise((r) => setImmediate(r));
      }
    });
  });
}

/** A normal client: it works, and sees a session as new (no transaction, statement or setting left over). */
async function normalClientSeesFreshSession(): Promise<void> {
  const c = new pg.Client({ host: worker.host, port: worker.port, user: 'postgres', database: 'postgres' });
  c.on('error', () => undefined);
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT now() = statement_timestamp() AS fresh_transaction,
      (SELECT count(*)::int FROM pg_prepared_statements) AS prepared, current_setting('application_name') AS app, 6 * 7 AS answer`);
    expect(rows).toEqual([{ fresh_transaction: true, prepared: 0, app: '', answer: 42 }]);
  } finally {
    await c.end();
  }
}

describe('malformed bytes on the wire server', () => {
  const named: [string, Buffer[], string][] = [
    ['a 4-byte startup packet', [Buffer.from([0, 0, 0, 4])], '08P01'],
    ['a 7-byte startup packet', [Buffer.from([0, 0, 0, 7, 0, 3, 0])], '08P01'],
    ['7 bytes of an 8-byte startup packet, then nothing', [Buffer.from([0, 0, 0, 8, 0, 3, 0])], '08P01'],
    ['protocol version 2', [startup(2 << 16)], '0A000'],
    ['a startup packet whose layout does not end', [startup(196608, 'user\0postgres')], '08P01'],
    ['a startup packet without a user', [startup(196608, 'database\0postgres\0\0')], '28000'],
    ['a negative startup length', [int32(-8)], '08P01'],
    ['a typed message before the startup packet', [typed('Q', 'SELECT 1\0')], '08P01'],
    ['an unknown message type', [startup(), typed('z', 'abc')], '08P01'],
    ['a password message (there is no password phase)', [startup(), typed('p', 'secret\0')], '08P01'],
    ['a length that is too small', [startup(), typed('Q', 'SELECT 1\0', 2)], '08P01'],
    ['a length that is negative', [startup(), typed('Q', 'SELECT 1\0', -5)], '08P01'],
    ['a length beyond any limit', [startup(), typed('Q', 'SELECT 1\0', 0x7fffffff)], '08P01'],
    ['a length too large for its type', [startup(), typed('S', '', 20_000)], '08P01'],
    ['a length larger than what follows', [startup(), typed('Q', 'SELECT 1\0', 5_000)], '08P01'],
    ['a length shorter than its body', [startup(), typed('Q', 'SELECT 1\0', 6)], '08P01'],
    ['a Bind whose counts lie', [startup(), typed('B', Buffer.from([0, 0, 0, 5, 0xff, 0xff])), typed('S', '')], '08P01'],
    ['garbage after startup', [startup(), Buffer.from('\x00\x01\x02garbage\xff\xfe', 'latin1')], '08P01'],
  ];

  it.each(named)('%s: a FATAL ErrorResponse, the connection closed, the next client unharmed', async (_name, chunks, code) => {
    const outcome = await probe(chunks);
    expect(outcome.closedByServer).toBe(true);
    expect(fatal(outcome.messages.at(-1))).toBe(code);
    await normalClientSeesFreshSession();
  }, 20_000);

  it('serves what came before the malformed message, then rolls back what it left open', async () => {
    const open = typed('Q', `BEGIN; SET application_name = 'fuzz'; PREPARE left_over AS SELECT 1; CREATE TABLE fuzz_uncommitted (id int); SELECT 41 + 1 AS n\0`);
    const outcome = await probe([startup(), open, typed('z', '')]);
    expect(outcome.messages.some((m) => m.type === 'D' && m.body.includes(Buffer.from('42')))).toBe(true);
    expect(fatal(outcome.messages.at(-1))).toBe('08P01');
    await normalClientSeesFreshSession();
  }, 20_000);

  it('survives 300 random and mutated packets, each on its own connection, each over within seconds', async () => {
    const random = prng(0x5eed_2026);
    const int = (n: number) => Math.floor(random() * n);
    const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
    /** Flips, inserts, deletes or truncates a few bytes (never the first `keep`). */
    const mutate = (b: Buffer, keep = 0): Buffer => {
      let out = Buffer.from(b);
      for (let i = 1 + int(3); i > 0; i -= 1) {
        const at = keep + int(Math.max(1, out.length - keep));
        const op = int(4);
        if (op === 0) out[at] = int(256);
        else if (op === 1) out = Buffer.concat([out.subarray(0, at), bytes(1 + int(4)), out.subarray(at)]);
        else if (op === 2) out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1 + int(4))]);
        else out = out.subarray(0, at);
      }
      return out;
    };
    const TYPES = 'BCDEFHPQSdcfzpA\0\xff';
    const generators: (() => { chunks: Buffer[]; skipN?: number })[] = [
      () => ({ chunks: [bytes(1 + int(64))] }),
      () => ({ chunks: [Buffer.concat([int32(8 + int(64)), bytes(int(72))])] }), // a plausible length, random rest
      () => ({ chunks: [mutate(startup())] }),
      () => ({ chunks: [SSL, mutate(startup())], skipN: 1 }),
      () => {
        const type = TYPES[int(TYPES.length)] as string;
        const body = bytes(int(40));
        const lengths = [4 + body.length, 4 + body.length, int(8), -1 - int(1000), 4 + body.length + 1 + int(50), 0x7fffffff - int(10)];
        return { chunks: [startup(), typed(type, body, lengths[int(lengths.length)])] };
      },
      () => ({ chunks: [startup(), mutate(extended)] }),
      () => ({ chunks: [Buffer.concat([startup(), extended]), mutate(extended, 5)] }),
      () => ({ chunks: [startup(), bytes(1 + int(32))] }),
    ];
    const started = Date.now();
    const seen = { byServer: 0, alive: 0 };
    for (let i = 0; i < 300; i += 1) {
      const { chunks, skipN } = (generators[i % generators.length] as () => { chunks: Buffer[]; skipN?: number })();
      const outcome = await probe(chunks, skipN);
      if (outcome.closedByServer) {
        seen.byServer += 1;
        // The server ends a connection on its own only after saying why.
        expect(fatal(outcome.messages.at(-1)), `case ${i}: ${Buffer.concat(chunks).toString('hex').slice(0, 120)}`).not.toBeNull();
      } else seen.alive += 1;
      if (i % 50 === 49) await normalClientSeesFreshSession();
    }
    await normalClientSeesFreshSession();
    // Both ways were exercised, and the whole loop stayed bounded.
    expect(seen.byServer).toBeGreaterThan(100);
    expect(seen.alive).toBeGreaterThan(10);
    expect(Date.now() - started).toBeLessThan(120_000);
    expect(worker.failure).toBeUndefined();
  }, 180_000);
});

