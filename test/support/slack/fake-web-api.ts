/**
 * A stand-in for Slack's Web API on 127.0.0.1: answers the methods Mentor Bridge calls the way
 * Slack documents them, records every call (method, arguments, token), and can be told to
 * answer the next calls of a method with 429 + Retry-After or a 500. users.info answers with
 * each user's profile as set with `setUser` (a plain member of a Norwegian workspace otherwise).
 * File uploads follow Slack's flow: files.getUploadURLExternal hands out an upload URL on this
 * server, the bytes POSTed there are kept in `uploads`, files.completeUploadExternal shares them.
 * Posted messages are kept per channel with their message metadata, and conversations.history
 * answers from them as Slack does (newest first, `limit`, cursor pages; metadata only with
 * include_all_metadata).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
  /** What the fake answered (ok responses only). */
  result?: Record<string, unknown>;
}

interface Failure {
  /** 429 with Retry-After, a 500, or 200 with `ok: false` and `error` (a platform error). */
  status: 429 | 500 | 200;
  retryAfterSeconds?: number;
  error?: string;
  times: number;
}

export interface FakeTeam {
  team_id: string;
  team: string;
  user_id: string;
  bot_id: string;
}

/** Bytes POSTed to an upload URL, as Slack would store them before completeUploadExternal. */
export interface FakeUpload {
  fileId: string;
  /** As given to files.getUploadURLExternal. */
  filename: string;
  bytes: Buffer;
  token: string | null;
}

/** A message as the fake keeps it (the fields of conversations.history it answers with). */
export interface FakeMessage {
  type: 'message';
  user: string;
  bot_id: string;
  app_id: string;
  text: string;
  ts: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export const DEFAULT_TEAM: FakeTeam = { team_id: 'T0MENTOR1', team: 'Acme Mentoring', user_id: 'U0BOT0001', bot_id: 'B0BOT0001' };

/** The users.info fields Mentor Bridge reads; `locale` is only sent when asked for (include_locale). */
export interface FakeUser {
  /** The person's full name (Slack's real_name); `Person <id>` when not set. */
  real_name?: string;
  /** The name they chose to be shown by; Slack sends "" when they chose none. */
  display_name?: string;
  locale?: string;
  tz?: string | null;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
}

/** Who a user is when no test said otherwise: a plain member in Norway. */
export const DEFAULT_USER: FakeUser = { locale: 'nb-NO', tz: 'Europe/Oslo', is_admin: false, is_owner: false, is_primary_owner: false };

export class FakeSlackWebApi {
  readonly calls: RecordedCall[] = [];
  readonly uploads: FakeUpload[] = [];
  private readonly pendingUploads = new Map<string, string>();
  private readonly failures = new Map<string, Failure>();
  private readonly users = new Map<string, FakeUser>();
  /** Channel → its messages, oldest first. */
  readonly messages = new Map<string, FakeMessage[]>();
  private server: Server | null = null;
  private ts = 1_700_000_000;
  team: FakeTeam = DEFAULT_TEAM;
  /** Set to make every method except auth.test answer slower (benchmarks). */
  delayMs = 0;
  /** Extra milliseconds before one method answers, e.g. { 'users.info': 5000 } for a slow Slack. */
  readonly methodDelayMs: Record<string, number> = {};

  /** What apps.connections.open hands out (Socket Mode tests). */
  socketModeUrl = '';

  /** The base URL to give WebClient (SLACK_API_URL), ending in /api/. */
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/upload/')) {
        void this.receiveUpload(req).then(({ status, body }) => {
          res.writeHead(status, { 'content-type': 'text/plain' });
          res.end(body);
        });
        return;
      }
      void this.handle(req).then(({ status, headers, body }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/api/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** users.info answers for `userId` with this (over DEFAULT_USER; an undefined field is left out). */
  setUser(userId: string, user: FakeUser): void {
    this.users.set(userId, user);
  }

  /** The next `times` calls of `method` fail this way. */
  fail(method: string, failure: Omit<Failure, 'times'> & { times?: number }): void {
    this.failures.set(method, { times: 1, ...failure });
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clear(): void {
    this.calls.length = 0;
    this.uploads.length = 0;
  }

  /** Polls until `check` returns something truthy (or throws after `timeoutMs`). */
  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 5000, what = 'the expected Slack calls'): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}; calls: ${this.calls.map((c) => c.method).join(', ')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** An upload URL's POST: multipart form data with the bytes in one file field (as the WebClient sends them). */
  private async receiveUpload(req: IncomingMessage): Promise<{ status: number; body: string }> {
    const fileId = (req.url ?? '').slice('/upload/'.length).split('?')[0] ?? '';
    const filename = this.pendingUploads.get(fileId);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (filename === undefined) return { status: 404, body: 'unknown upload' };
    const form = await new Request('http://fake/upload', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) }).formData();
    const file = [...form.values()].find((v): v is File => typeof v !== 'string');
    if (!file) return { status: 400, body: 'no file in the upload' };
    const auth = req.headers.authorization;
    this.uploads.push({ fileId, filename, bytes: Buffer.from(await file.arrayBuffer()), token: auth?.startsWith('Bearer ') ? auth.slice(7) : null });
    return { status: 200, body: `OK - ${file.size}` };
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; headers?: Record<string, string>; body: unknown }> {
    const method = (req.url ?? '').replace(/^\/(api\/)?/, '').split('?')[0] ?? '';
    const args = parseBody(await readBody(req), req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const call: RecordedCall = { method, args, token: auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : null, at: Date.now() };
    this.calls.push(call);
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      if (failure.status === 429) return { status: 429, headers: { 'retry-after': String(failure.retryAfterSeconds ?? 1) }, body: { ok: false, error: 'ratelimited' } };
      if (failure.status === 200) return { status: 200, body: { ok: false, error: failure.error ?? 'unknown_error' } };
      return { status: 500, body: { ok: false, error: 'internal_error' } };
    }
    if (this.delayMs > 0 && method !== 'auth.test') await new Promise((r) => setTimeout(r, this.delayMs));
    const extra = this.methodDelayMs[method] ?? 0;
    if (extra > 0) await new Promise((r) => setTimeout(r, extra));
    call.result = this.answer(method, args) as Record<string, unknown>;
    return { status: 200, body: call.result };
  }

  private answer(method: string, args: Record<string, unknown>): unknown {
    switch (method) {
      case 'apps.connections.open':
        // Socket Mode: where the app should open its WebSocket (test/support/slack/fake-socket-mode.ts).
        return this.socketModeUrl ? { ok: true, url: this.socketModeUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.com/', user: 'mentor_bridge', ...this.team, is_enterprise_install: false };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'chat.postMessage': {
        this.ts += 1;
        const message = this.keep(String(args.channel), `${this.ts}.000100`, String(args.text ?? ''), args.metadata);
        return { ok: true, channel: args.channel, ts: message.ts, message: { text: args.text } };
      }
      case 'conversations.history':
        return this.history(args);
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'views.open':
      case 'views.publish':
      case 'views.update':
        return { ok: true, view: { id: `V${this.calls.length}`, hash: `${this.calls.length}.abc` } };
      case 'oauth.v2.access':
        // Slack's documented response for a bot install; the code is echoed into the team so tests can pick the workspace.
        return {
          ok: true,
          access_token: `xoxb-installed-${String(args.code)}`,
          token_type: 'bot',
          scope: 'app_mentions:read,chat:write,commands,im:history,im:read,im:write,users:read',
          bot_user_id: 'U0INSTBOT1',
          app_id: 'A0MENTOR01',
          team: { name: `Workspace ${String(args.code)}`, id: `T0${String(args.code).toUpperCase()}` },
          enterprise: null,
          is_enterprise_install: false,
          authed_user: { id: 'U0ADMIN001' },
        };
      case 'users.info':
        return this.userInfo(String(args.user), args.include_locale === true || args.include_locale === 'true');
      case 'files.getUploadURLExternal': {
        const fileId = `F0UPLOAD${String(this.pendingUploads.size + 1).padStart(3, '0')}`;
        this.pendingUploads.set(fileId, String(args.filename));
        return { ok: true, upload_url: `${this.url.replace(/api\/$/, '')}upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal': {
        const files = Array.isArray(args.files) ? (args.files as Array<{ id: string; title?: string }>) : [];
        if (files.some((f) => !this.uploads.some((u) => u.fileId === f.id))) return { ok: false, error: 'file_not_found' };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${this.ts}.000200` };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private keep(channel: string, ts: string, text: string, metadata: unknown): FakeMessage {
    const message: FakeMessage = { type: 'message', user: this.team.user_id, bot_id: this.team.bot_id, app_id: 'A0MENTOR01', text, ts };
    // Slack keeps metadata given as an object with an event_type and an event_payload.
    const m = metadata as { event_type?: unknown; event_payload?: unknown } | undefined;
    if (m && typeof m.event_type === 'string' && m.event_payload && typeof m.event_payload === 'object') message.metadata = { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> };
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    return message;
  }

  /** conversations.history: newest first, `limit` (default 100, at most 999) per page, the cursor an offset. */
  private history(args: Record<string, unknown>): unknown {
    const all = this.messages.get(String(args.channel)) ?? [];
    const limit = Math.min(999, Math.max(1, Number(args.limit ?? 100) || 100));
    const from = args.cursor ? Number(Buffer.from(String(args.cursor), 'base64').toString().replace('offset:', '')) : 0;
    const withMetadata = args.include_all_metadata === true || args.include_all_metadata === 'true';
    const page = [...all].reverse().slice(from, from + limit).map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
    const more = from + limit < all.length;
    return { ok: true, messages: page, has_more: more, pin_count: 0, response_metadata: { next_cursor: more ? Buffer.from(`offset:${from + limit}`).toString('base64') : '' } };
  }

  /** Slack's documented users.info answer, trimmed to a member's usual fields. */
  private userInfo(id: string, includeLocale: boolean): unknown {
    const { locale, tz, real_name = `Person ${id}`, display_name = '', ...flags } = { ...DEFAULT_USER, ...this.users.get(id) };
    const user: Record<string, unknown> = {
      id,
      team_id: this.team.team_id,
      name: id.toLowerCase(),
      deleted: false,
      real_name,
      ...(tz !== undefined ? { tz, tz_label: 'Central European Time', tz_offset: 3600 } : {}),
      ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)),
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: false,
      is_app_user: false,
      updated: 1_700_000_000,
      profile: { real_name, display_name },
      ...(includeLocale && locale !== undefined ? { locale } : {}),
    };
    return { ok: true, user };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      data += chunk;
    });
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

/** WebClient posts form fields, with arrays and objects (blocks, view) as JSON strings. */
function parseBody(body: string, contentType: string): Record<string, unknown> {
  if (body === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(body) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    out[key] = /^[[{]/.test(value) ? tryJson(value) : value;
  }
  return out;
}

function tryJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value; // a text that merely starts with a bracket
  }
}
