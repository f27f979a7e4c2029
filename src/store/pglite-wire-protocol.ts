// What a PostgreSQL client may send to the wire server (pglite-wire.ts), checked before PGlite
// sees any of it. PGlite is PostgreSQL's backend in single-user mode, and whatever a server
// answers with FATAL breaks it: an unknown message type or a password message makes it loop
// forever at 100% CPU, a 4- or 7-byte startup packet throws and then loops, protocol 2.0 or a
// startup packet whose layout does not end exits the backend. It is everybody's one session, so
// every message is framed, its length bounded and its layout checked here; whatever fails gets a
// FATAL ErrorResponse and the end of its connection, as PostgreSQL's own postmaster would give.
// Errors PostgreSQL reports at ERROR level (a bad format code, an unknown statement, a type that
// does not exist) PGlite answers by itself and survives: those are left to it.
//
// Loaded in the worker by Node's own type stripping (see pglite-wire.ts): erasable TypeScript only.

/** Startup-phase requests have no type byte: a length, then one of these codes. */
export const PROTOCOL_3 = 196608;
export const SSL_REQUEST = 80877103;
export const GSSENC_REQUEST = 80877104;
export const CANCEL_REQUEST = 80877102;

/** PostgreSQL's own bounds: a startup packet is at most 10 000 bytes, and so is any small message. */
const MAX_STARTUP_PACKET = 10_000;
const SMALL_MESSAGE = 10_000;
/** Queries, binds, parses, function calls and copy data may be long (PostgreSQL allows 1 GB; no client of ours sends that). */
const LARGE_MESSAGE = 256 * 1024 * 1024;
/** The frontend messages of protocol 3.0 after startup, with their largest length ('p' is not here: there is no password phase). */
const MESSAGE_LIMITS = new Map<number, number>(
  [...'BPQFd'].map((t) => [t.charCodeAt(0), LARGE_MESSAGE] as [number, number]).concat([...'CDEHScfX'].map((t) => [t.charCodeAt(0), SMALL_MESSAGE] as [number, number])),
);

/** A message PostgreSQL would refuse with FATAL; `code` is its SQLSTATE. */
export class ProtocolError extends Error {
  readonly code: string;
  // Plain fields, not parameter properties: Node's type stripping cannot erase those.
  constructor(message: string, code = '08P01' /* protocol_violation */) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

export interface Framed {
  /** Complete messages, in order. */
  messages: Buffer[];
  /** Bytes of an incomplete message, kept for the next chunk. */
  rest: Buffer;
  /** Set when the bytes after `messages` can never be a message: the connection must end. */
  error?: ProtocolError;
}

/** A startup-phase packet that ends the startup phase (protocol 3.x; anything else is refused or is a request). */
export const isStartupMessage = (message: Buffer) => message.length >= 8 && message.readInt32BE(4) >>> 16 === 3;

/**
 * Splits what arrived into complete messages; `startup` when no StartupMessage has been seen yet.
 * A header is judged as soon as it is complete (an unknown type or an impossible length does not
 * wait for a body that may never come); messages before it are still returned.
 */
export function frame(buffer: Buffer, startup: boolean): Framed {
  const messages: Buffer[] = [];
  let offset = 0;
  let inStartup = startup;
  for (;;) {
    const headerLength = inStartup ? 4 : 5;
    if (buffer.length - offset < headerLength) break;
    let length: number;
    if (inStartup) {
      length = buffer.readInt32BE(offset);
      if (length < 8 || length > MAX_STARTUP_PACKET) return { messages, rest: Buffer.alloc(0), error: new ProtocolError(`invalid length of startup packet (${length})`) };
    } else {
      const type = buffer[offset] as number;
      const limit = MESSAGE_LIMITS.get(type);
      if (limit === undefined) return { messages, rest: Buffer.alloc(0), error: new ProtocolError(`invalid frontend message type ${type}`) };
      const declared = buffer.readInt32BE(offset + 1);
      if (declared < 4 || declared > limit) return { messages, rest: Buffer.alloc(0), error: new ProtocolError(`invalid message length ${declared} for message type ${type}`) };
      length = 1 + declared;
    }
    if (buffer.length - offset < length) break;
    const message = buffer.subarray(offset, offset + length);
    messages.push(message);
    offset += length;
    // Only the StartupMessage ends the startup phase; SSL and GSS requests come before it.
    if (inStartup && isStartupMessage(message)) inStartup = false;
  }
  return { messages, rest: buffer.subarray(offset) };
}

export type StartupKind = 'startup' | 'ssl' | 'gssenc' | 'cancel';

/** What a complete startup-phase packet asks for; throws ProtocolError for what PGlite must not see. */
export function checkStartup(message: Buffer): StartupKind {
  const code = message.readInt32BE(4);
  if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
    if (message.length !== 8) throw new ProtocolError(`invalid length of startup packet (${message.length})`);
    return code === SSL_REQUEST ? 'ssl' : 'gssenc';
  }
  if (code === CANCEL_REQUEST) return 'cancel';
  const major = code >>> 16;
  if (major !== 3) throw new ProtocolError(`unsupported frontend protocol ${major}.${code & 0xffff}: server supports 3.0 to 3.0`, '0A000');
  // Name/value pairs of NUL-terminated strings, then one more NUL, and nothing after it.
  const reader = new Reader(message, 8);
  let user = false;
  for (;;) {
    const name = reader.string();
    if (name === '') break;
    const value = reader.string();
    if (name === 'user' && value !== '') user = true;
  }
  if (!reader.done()) throw new ProtocolError('invalid startup packet layout: expected terminator as last byte');
  if (!user) throw new ProtocolError('no PostgreSQL user name specified in startup packet', '28000');
  return 'startup';
}

/** Throws ProtocolError unless a typed message (framed, so its type and length are known) is laid out as protocol 3.0 says. */
export function checkMessage(message: Buffer): void {
  const type = String.fromCharCode(message[0] as number);
  const r = new Reader(message, 5);
  switch (type) {
    case 'Q': // Query: the SQL
    case 'f': // CopyFail: the reason
      r.string();
      break;
    case 'P': // Parse: name, SQL, parameter type oids
      r.string();
      r.string();
      r.skip(r.count() * 4);
      break;
    case 'B': // Bind: portal, statement, parameter formats, parameters, result formats
      r.string();
      r.string();
      r.skip(r.count() * 2);
      r.values();
      r.skip(r.count() * 2);
      break;
    case 'F': // FunctionCall: function oid, argument formats, arguments, result format
      r.skip(4);
      r.skip(r.count() * 2);
      r.values();
      r.skip(2);
      break;
    case 'D': // Describe and Close: 'S'tatement or 'P'ortal, then its name
    case 'C': {
      const what = r.byte();
      if (what !== 0x53 && what !== 0x50) throw new ProtocolError(`invalid ${type === 'D' ? 'DESCRIBE' : 'CLOSE'} message subtype ${what}`);
      r.string();
      break;
    }
    case 'E': // Execute: portal, row limit
      r.string();
      r.skip(4);
      break;
    case 'd': // CopyData: any bytes
      return;
    default: // Sync, Flush, CopyDone, Terminate: nothing after the length
      break;
  }
  if (!r.done()) throw new ProtocolError(`invalid message format (message type ${message[0]})`);
}

/** An ErrorResponse with severity FATAL: the connection ends right after it. */
export function fatalResponse(error: ProtocolError): Buffer {
  const field = (tag: string, value: string) => Buffer.concat([Buffer.from(tag, 'latin1'), Buffer.from(value, 'utf8'), Buffer.from([0])]);
  const body = Buffer.concat([field('S', 'FATAL'), field('V', 'FATAL'), field('C', error.code), field('M', error.message), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0, 'latin1');
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

/** Reads a message's fields in order; any read past its end is a ProtocolError. */
class Reader {
  private readonly buffer: Buffer;
  private offset: number;

  constructor(buffer: Buffer, offset: number) {
    this.buffer = buffer;
    this.offset = offset;
  }

  done(): boolean {
    return this.offset === this.buffer.length;
  }

  byte(): number {
    this.need(1);
    return this.buffer[this.offset++] as number;
  }

  string(): string {
    const end = this.buffer.indexOf(0, this.offset);
    if (end < 0) throw new ProtocolError('invalid string in message');
    const value = this.buffer.toString('latin1', this.offset, end);
    this.offset = end + 1;
    return value;
  }

  /** An Int16 count, which may not be negative. */
  count(): number {
    this.need(2);
    const n = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    if (n < 0) throw new ProtocolError(`invalid count ${n} in message`);
    return n;
  }

  /** A count of values, each an Int32 length (-1: NULL) and that many bytes. */
  values(): void {
    for (let n = this.count(); n > 0; n -= 1) {
      this.need(4);
      const length = this.buffer.readInt32BE(this.offset);
      this.offset += 4;
      if (length < -1) throw new ProtocolError(`invalid value length ${length} in message`);
      if (length > 0) this.skip(length);
    }
  }

  skip(bytes: number): void {
    this.need(bytes);
    this.offset += bytes;
  }

  private need(bytes: number): void {
    if (this.buffer.length - this.offset < bytes) throw new ProtocolError('insufficient data left in message');
  }
}
