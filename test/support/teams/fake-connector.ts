/**
 * A stand-in for the Bot Connector service (the `serviceUrl` Teams puts on every activity), on
 * 127.0.0.1. It records what the bot sends — replies, updates, conversation creation, member
 * look-ups — answers like the real one, and can be told to answer 429 with Retry-After.
 * Given an `authorize` check, it also refuses (401, as the real one does) every request whose
 * `Authorization` header the check rejects, and keeps the claims of those it accepts.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  kind: 'send' | 'reply' | 'update' | 'createConversation' | 'member';
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** The verified token claims, when the connector checks tokens. */
  claims?: Record<string, unknown>;
  at: number;
}

/** Verifies a request's Authorization header: returns the token's claims, or throws why not. */
export type ConnectorAuthCheck = (authorization: string | undefined) => Record<string, unknown>;

interface Failure {
  status: number;
  retryAfter?: string;
  remaining: number;
}

export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  /** Requests answered with a failure (see failNext), with when. */
  readonly rejected: Array<{ status: number; at: number }> = [];
  /** Requests refused for their Authorization header (only with an `authorize` check). */
  readonly denied: Array<{ reason: string; path: string; at: number }> = [];
  private server: Server | null = null;
  private failures: Failure[] = [];
  private nextId = 1;
  url = '';

  constructor(private readonly authorize?: ConnectorAuthCheck) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `times` activity sends/updates answer `status` (e.g. 429 with Retry-After). */
  failNext(status: number, times = 1, retryAfter?: string): void {
    this.failures.push({ status, remaining: times, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }

  /** Messages (sends and replies) and updates, in order. */
  activities(): ConnectorCall[] {
    return this.calls.filter((c) => c.kind === 'send' || c.kind === 'reply' || c.kind === 'update');
  }

  /** Waits until `predicate` holds for the recorded calls. */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > until) throw new Error(`fake connector: condition not met in ${timeoutMs} ms; calls: ${this.calls.map((c) => c.kind).join(',')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent); // v3, conversations, id, activities, activityId
    const authorization = req.headers.authorization;
    let claims: Record<string, unknown> | undefined;
    if (this.authorize) {
      try {
        claims = this.authorize(authorization);
      } catch (error) {
        this.denied.push({ reason: (error as Error).message, path, at: Date.now() });
        return json(res, 401, { message: 'Authorization has been denied for this request.' });
      }
    }
    const record = (call: Omit<ConnectorCall, 'at' | 'authorization' | 'body' | 'claims'>) =>
      this.calls.push({ ...call, body, at: Date.now(), ...(authorization ? { authorization } : {}), ...(claims ? { claims } : {}) });
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return json(res, 404, { error: { code: 'NotFound', message: path } });
    if (req.method === 'POST' && parts.length === 2) {
      const id = `a:created-${this.nextId++}`;
      record({ kind: 'createConversation', conversationId: id });
      return json(res, 201, { id, serviceUrl: this.url });
    }
    const conversationId = parts[2];
    if (req.method === 'GET' && parts[3] === 'members') {
      record({ kind: 'member', conversationId, ...(parts[4] ? { activityId: parts[4] } : {}) });
      return json(res, 200, { id: parts[4] ?? '29:member', name: 'Member', aadObjectId: parts[4] ?? 'aad', tenantId: 'tenant' });
    }
    if (parts[3] !== 'activities') return json(res, 404, { error: { code: 'NotFound', message: path } });
    const failure = this.failures[0];
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) this.failures.shift();
      this.rejected.push({ status: failure.status, at: Date.now() });
      if (failure.retryAfter !== undefined) res.setHeader('Retry-After', failure.retryAfter);
      return json(res, failure.status, { error: { code: 'Throttled', message: `fake ${failure.status}` } });
    }
    if (req.method === 'PUT' && parts[4]) {
      record({ kind: 'update', conversationId, activityId: parts[4] });
      return json(res, 200, { id: parts[4] });
    }
    if (req.method === 'POST') {
      const id = `act-${this.nextId++}`;
      record({ kind: parts[4] ? 'reply' : 'send', conversationId, activityId: id });
      return json(res, 201, { id });
    }
    return json(res, 405, { error: { code: 'MethodNotAllowed', message: req.method ?? '' } });
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
