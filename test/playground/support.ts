/**
 * A real HTTP server with the playground on it, but a hand-written core: it records every
 * inbound and can answer with scripted messages, which go out through the real PlaygroundSender
 * (as the dispatcher would) and into an in-memory outbox the stream reads its history from.
 * The download route is mounted too, reading files from `options.files` (none by default).
 */
import { join } from 'node:path';
import type { HandleResult, MentorBridgeCore } from '../../src/core/app.js';
import type { OutboxEntry } from '../../src/core/domain.js';
import { type Inbound, inboundSchema, type Outbound } from '../../src/core/messages.js';
import type { Clock, FileReader } from '../../src/core/ports.js';
import { type PlaygroundDirectory, type PlaygroundPerson, PlaygroundHub, PlaygroundSender, registerPlayground } from '../../src/channels/playground/index.js';
import { createFileLinks, type FileLinks } from '../../src/files/links.js';
import { DemoClock } from '../../src/scheduler/demo-clock.js';
import { registerFileRoute } from '../../src/http/file-route.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';

export const ORG = 'org-demo';

/** The prompts/ texts, as the app loads them. */
export const TEXTS = new CatalogueTexts(loadCatalogues(join(import.meta.dirname, '../../prompts')), 'nb', 'Europe/Oslo');

export const PEOPLE: PlaygroundPerson[] = [
  { externalId: 'kari', personId: 'p-kari', organisationId: ORG, displayName: 'Kari Nordmann', role: 'coordinator', locale: 'nb' },
  { externalId: 'amina', personId: 'p-amina', organisationId: ORG, displayName: 'Amina Yusuf', role: 'mentee', locale: 'nb' },
  { externalId: 'sara', personId: 'p-sara', organisationId: ORG, displayName: 'Sara', role: null, locale: 'en' },
];

/** Stands in for the outbox table plus the dispatcher: stores each message, then sends it. */
export class FakeOutbox {
  readonly entries: OutboxEntry[] = [];
  private next = 1;

  constructor(private readonly sender: PlaygroundSender) {}

  async deliver(personId: string, payload: Outbound): Promise<{ externalRef: unknown }> {
    const entry: OutboxEntry = {
      id: `out-${String(this.next++).padStart(4, '0')}`,
      organisationId: ORG,
      personId,
      platform: 'playground',
      payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(),
      externalRef: null,
      createdAt: new Date(),
    };
    this.entries.push(entry);
    return this.sender.send(entry, null);
  }

  history(personId: string) {
    return this.entries.filter((e) => e.personId === personId);
  }
}

export type Script = (inbound: Inbound, person: PlaygroundPerson) => Outbound[];

export class FakeCore implements Pick<MentorBridgeCore, 'handleInbound'> {
  readonly calls: unknown[] = [];
  script: Script = () => [];
  result: HandleResult | null = null;

  constructor(private readonly outbox: FakeOutbox) {}

  async handleInbound(raw: unknown): Promise<HandleResult> {
    this.calls.push(raw);
    if (this.result) return this.result;
    const inbound = inboundSchema.parse(raw);
    const person = PEOPLE.find((p) => p.externalId === inbound.user.externalId);
    if (!person) return { status: 'invalid', issues: 'unknown person' };
    for (const message of this.script(inbound, person)) await this.outbox.deliver(person.personId, message);
    return { status: 'handled', organisationId: ORG, personId: person.personId };
  }
}

export interface Playground {
  url: string;
  http: HttpServer;
  hub: PlaygroundHub;
  sender: PlaygroundSender;
  outbox: FakeOutbox;
  core: FakeCore;
  links: FileLinks;
  close(): Promise<void>;
}

export interface PlaygroundOptions {
  heartbeatMs?: number;
  /** Where the download route reads files from; default: it finds none. */
  files?: FileReader;
  clock?: Clock;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const hub = new PlaygroundHub();
  const sender = new PlaygroundSender(hub);
  const outbox = new FakeOutbox(sender);
  const core = new FakeCore(outbox);
  const directory: PlaygroundDirectory = {
    people: async () => PEOPLE,
    history: async (person) => outbox.history(person.personId),
  };
  const http = createHttpServer({ host: '127.0.0.1', port: 0, closeGraceMs: 1000 });
  const clock = options.clock ?? { now: () => new Date() };
  // The base is the app's PUBLIC_URL; the playground only uses each link's path, so any will do.
  const links = createFileLinks('test-file-link-secret-0123456789abcdef', 'https://public.example');
  registerFileRoute(http, { links, files: options.files ?? { read: async () => null }, clock });
  // The page's clock widget asks for the demo time; serve it as the app does in the playground.
  const demoClock = { clock: new DemoClock(clock), timeZone: 'Europe/Oslo' };
  registerPlayground(http, { core, hub, directory, heartbeatMs: options.heartbeatMs, texts: TEXTS, links, clock, demoClock });
  const { url } = await http.start();
  return { url, http, hub, sender, outbox, core, links, close: () => http.close() };
}

export interface SseEvent {
  event: string;
  data: string;
}

/** A minimal EventSource for tests: reads `fetch`'s body and yields parsed events and comments. */
export async function openStream(url: string) {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const reader = res.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const comments: string[] = [];

  async function next(timeoutMs = 3000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const parsed = takeEvent();
      if (parsed) return parsed;
      if (!reader) throw new Error('no body');
      const chunk = await within(reader.read(), deadline - Date.now());
      if (!chunk) throw new Error('no SSE event in time');
      if (chunk.done) throw new Error('stream ended');
      buffer += chunk.value;
    }
  }

  function takeEvent(): SseEvent | null {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end < 0) return null;
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event: SseEvent = { event: 'message', data: '' };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) comments.push(line.slice(1).trim());
        else if (line.startsWith('event: ')) event.event = line.slice(7);
        else if (line.startsWith('data: ')) {
          event.data += line.slice(6);
          hasData = true;
        }
      }
      if (hasData) return event;
    }
  }

  /** Resolves when the server ends the stream. */
  async function ended(timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const chunk = reader && (await within(reader.read(), deadline - Date.now()));
      if (!chunk) throw new Error('stream did not end');
      if (chunk.done) return;
    }
  }

  return { res, next, ended, comments, close: () => controller.abort() };
}

/** The promise's value, or null when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(ms, 1));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function postInbound(url: string, body: unknown, contentType = 'application/json') {
  return fetch(`${url}/playground/inbound`, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
