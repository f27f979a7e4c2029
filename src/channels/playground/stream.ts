/**
 * GET /playground/stream?user=ID — Server-Sent Events for one person: first their history, then
 * an `event: ready`, then every message delivered to them while the tab is open. Messages that
 * arrive while the history is being read are held and sent after it, so none fall in the gap;
 * the browser drops any it has already shown (by id).
 */
import type { RequestHandler, Response } from 'express';
import type { Logger } from '../../core/ports.js';
import type { PlaygroundDirectory, PlaygroundPerson } from './directory.js';
import type { PlaygroundHub } from './hub.js';
import { type PlaygroundEntry, toPlaygroundMessage, type ViewDeps } from './view.js';

export interface StreamOptions {
  hub: PlaygroundHub;
  directory: PlaygroundDirectory;
  heartbeatMs: number;
  /** Draws each message for the person the stream is for (their language, fresh file links). */
  view: ViewDeps;
  log?: Logger;
}

/** Open streams, so the server can end them on shutdown instead of waiting for the browser. */
export class OpenStreams {
  private readonly open = new Set<Response>();
  add(res: Response): () => void {
    this.open.add(res);
    return () => this.open.delete(res);
  }
  endAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
  get size(): number {
    return this.open.size;
  }
}

export function streamHandler(options: StreamOptions, streams: OpenStreams): RequestHandler {
  return async (req, res) => {
    const user = typeof req.query.user === 'string' ? req.query.user : '';
    const person = user ? (await options.directory.people()).find((p) => p.externalId === user) : undefined;
    if (!person) {
      res.status(404).json({ error: user ? `unknown playground user "${user}"` : 'query parameter "user" is required' });
      return;
    }
    await runStream(res, person, options, streams);
  };
}

async function runStream(res: Response, person: PlaygroundPerson, options: StreamOptions, streams: OpenStreams): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Tells buffering proxies (nginx) to pass events through at once.
    'X-Accel-Buffering': 'no',
  });
  res.write('retry: 3000\n\n');

  let live = false;
  const held: PlaygroundEntry[] = [];
  const write = (entry: PlaygroundEntry) => writeMessage(res, entry, person, options.view);
  const unsubscribe = options.hub.subscribe(person.personId, (entry) => {
    if (live) write(entry);
    else held.push(entry);
  });
  const forget = streams.add(res);
  const heartbeat = setInterval(() => res.write(': ping\n\n'), options.heartbeatMs);
  let closed = false;
  res.on('close', () => {
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    forget();
  });

  try {
    const history = await options.directory.history(person);
    if (closed) return;
    const shown = new Set(history.map((m) => m.id));
    for (const entry of history) write(entry);
    res.write('event: ready\ndata: {}\n\n');
    for (const entry of held) if (!shown.has(entry.id)) write(entry);
    live = true;
  } catch (error) {
    // Headers are gone already; ending lets EventSource reconnect and try the history again.
    options.log?.error('playground history failed', { personId: person.personId, reason: error instanceof Error ? error.message : String(error) });
    res.end();
  }
}

function writeMessage(res: Response, entry: PlaygroundEntry, person: PlaygroundPerson, view: ViewDeps): void {
  // JSON.stringify never emits raw newlines, so one `data:` line is always enough.
  res.write(`data: ${JSON.stringify(toPlaygroundMessage(entry, person.locale, view))}\n\n`);
}
