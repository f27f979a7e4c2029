// The wire server in front of PGlite's one session (src/store/pglite-wire.ts), through the real
// worker thread and real `pg` clients: a connection that ends hands the next one a new session
// (no prepared statements, settings, locks or open transaction left over), a second connection
// waits its turn, messages split across chunks or sent before the StartupMessage are handled,
// and the framing itself is checked on its own.
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PGliteWorker, startPGliteWorker } from '../../src/store/pglite-worker.js';
import { frame } from '../../src/store/pglite-wire-protocol.js';

let dir: string;
let worker: PGliteWorker;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mb-wire-'));
  await mkdir(join(dir, 'data'));
  worker = await startPGliteWorker(join(dir, 'data'));
}, 60_000);

afterAll(async () => {
  await worker?.stop();
  await rm(dir, { recursive: true, force: true });
});

function client(): pg.Client {
  const c = new pg.Client({ host: worker.host, port: worker.port, user: 'postgres', database: 'postgres' });
  c.on('error', () => undefined); // a connection we cut is reported here too
  return c;
}

/** Connects a new client, hands it to `use`, and ends it whatever happens. */
async function withClient<T>(use: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = client();
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end();
  }
}

/** Cuts the client's connection as a crash or a network fault would: no Terminate message. */
async function cut(c: pg.Client): Promise<void> {
  const stream = (c as unknown as { connection: { stream: Socket } }).connection.stream;
  const closed = once(stream, 'close');
  stream.destroy();
  await closed;
}

const ADD = { name: 'mb_1', text: 'SELECT $1::int + 1 AS n' };

describe('PGlite wire server', () => {
  it('gives the next connection a new session after one is cut in the middle of a failed transaction', async () => {
    const first = client();
    await first.connect();
    expect((await first.query({ ...ADD, values: [1] })).rows).toEqual([{ n: 2 }]);
    await first.query(`SET application_name = 'first'`);
    await first.query('SELECT pg_advisory_lock(4242)');
    await first.query('BEGIN');
    await first.query('CREATE TABLE wire_uncommitted (id int)');
    await expect(first.query({ text: 'SELECT $1::int AS n', values: ['not a number'] })).rejects.toThrow(/invalid input syntax/);
    await cut(first);

    await withClient(async (second) => {
      // The same name prepared again: it would fail with "already exists" in the old session.
      expect((await second.query({ ...ADD, values: [41] })).rows).toEqual([{ n: 42 }]);
      expect((await second.query('SHOW application_name')).rows[0].application_name).not.toBe('first');
      expect((await second.query('SELECT pg_try_advisory_lock(4242) AS got')).rows).toEqual([{ got: true }]);
      expect((await second.query(`SELECT to_regclass('wire_uncommitted') AS t`)).rows).toEqual([{ t: null }]);
      // Not inside the cut connection's transaction: this commits and is seen by the next session.
      await second.query('CREATE TABLE wire_committed (id int)');
    });
    await withClient(async (third) => {
      expect((await third.query(`SELECT to_regclass('wire_committed')::text AS t`)).rows).toEqual([{ t: 'wire_committed' }]);
    });
  }, 30_000);

  it('serves one connection at a time: the next waits, then is served', async () => {
    const first = client();
    await first.connect();
    const second = client();
    let secondConnected = false;
    const connecting = second.connect().then(() => {
      secondConnected = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondConnected).toBe(false);
    expect((await first.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await first.end();
    await connecting;
    try {
      expect((await second.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
    } finally {
      await second.end();
    }
  }, 30_000);

  it('reassembles a message that arrives in many chunks, and answers it whole', async () => {
    await withClient(async (c) => {
      const big = 'x'.repeat(3_000_000);
      const { rows } = await c.query({ text: 'SELECT length($1::text) AS n, $1::text AS echo', values: [big] });
      expect(rows[0].n).toBe(3_000_000);
      expect(rows[0].echo).toBe(big);
    });
  }, 30_000);

  it('answers an SSL request with N (no encryption), and a cancel request by closing', async () => {
    /** A raw connection that sends one startup-phase request: its length, its code, zero padding. */
    const request = async (code: number, length: number): Promise<Socket> => {
      const socket = connect(join(worker.host, `.s.PGSQL.${worker.port}`));
      await once(socket, 'connect');
      const message = Buffer.alloc(length);
      message.writeInt32BE(length, 0);
      message.writeInt32BE(code, 4);
      socket.write(message);
      return socket;
    };
    const ssl = await request(80877103, 8);
    const [answer] = (await once(ssl, 'data')) as [Buffer];
    expect(answer.toString()).toBe('N');
    ssl.destroy();

    const cancel = await request(80877102, 16);
    await once(cancel, 'close');

    // The session is still there for the next client.
    await withClient(async (c) => expect((await c.query('SELECT 3 AS three')).rows).toEqual([{ three: 3 }]));
  }, 30_000);
});

describe('frame', () => {
  const typed = (type: string, body: string) => {
    const b = Buffer.alloc(5 + body.length);
    b.write(type, 0);
    b.writeInt32BE(4 + body.length, 1);
    b.write(body, 5);
    return b;
  };
  const startupMessage = () => {
    const body = Buffer.from('user\0postgres\0\0');
    const b = Buffer.alloc(8 + body.length);
    b.writeInt32BE(b.length, 0);
    b.writeInt32BE(196608, 4);
    body.copy(b, 8);
    return b;
  };

  it('splits the startup message and the typed messages after it, and keeps an incomplete tail', () => {
    const query = typed('Q', 'SELECT 1\0');
    const sync = typed('S', '');
    const all = Buffer.concat([startupMessage(), query, sync]);
    const cut = all.length - 2;
    const first = frame(all.subarray(0, cut), true);
    expect(first.messages.map((m) => m.length)).toEqual([startupMessage().length, query.length]);
    expect(first.rest.length).toBe(sync.length - 2);
    const second = frame(Buffer.concat([first.rest, all.subarray(cut)]), false);
    expect(second.messages).toEqual([sync]);
    expect(second.rest.length).toBe(0);
  });

  it('waits for a header that is not complete yet, and refuses an impossible length or type at once', () => {
    expect(frame(Buffer.from([0x51, 0, 0]), false)).toMatchObject({ messages: [], rest: Buffer.from([0x51, 0, 0]) });
    expect(frame(Buffer.from([0x51, 0, 0, 0, 2]), false).error?.message).toMatch(/invalid message length 2/);
    expect(frame(Buffer.from([0x51, 0xff, 0xff, 0xff, 0xfb]), false).error?.message).toMatch(/invalid message length -5/);
    expect(frame(Buffer.from([0x53, 0, 0, 0x4e, 0x20]), false).error?.message).toMatch(/invalid message length 20000/); // Sync is small
    expect(frame(Buffer.from([0x7a, 0, 0, 0, 4]), false).error?.message).toMatch(/invalid frontend message type 122/);
    expect(frame(Buffer.from([0x7f, 0xff, 0xff, 0xff]), true).error?.message).toMatch(/invalid length of startup packet/);
    expect(frame(Buffer.from([0, 0, 0, 4]), true).error?.message).toMatch(/invalid length of startup packet \(4\)/);
  });

  it('keeps the messages before a header that can never be a message', () => {
    const query = typed('Q', 'SELECT 1\0');
    const framed = frame(Buffer.concat([query, Buffer.from('garbage')]), false);
    expect(framed.messages).toEqual([query]);
    expect(framed.error?.message).toMatch(/invalid frontend message type/);
  });
});
