/**
 * The playground channel's HTTP side: the page, who you can be, what you do (POST inbound) and
 * what the bot says (SSE stream). It has no login — anyone who reaches it can act as any demo
 * person — so only register it where that is acceptable (local use, demos).
 */
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { HandleResult, MentorBridgeCore } from '../../core/app.js';
import { withoutMarksIn } from '../../core/kernel/rich-text.js';
import { type Inbound, inboundSchema } from '../../core/messages.js';
import type { Clock, Logger, Texts } from '../../core/ports.js';
import type { FileLinks } from '../../files/links.js';
import type { HttpServer } from '../../http/server.js';
import { clockRoutes, type PlaygroundClock } from './clock-routes.js';
import type { PlaygroundDirectory } from './directory.js';
import type { PlaygroundHub } from './hub.js';
import { DEFAULT_PROMPTS_DIR, pageTextsHandler } from './page-texts.js';
import { OpenStreams, streamHandler } from './stream.js';

export interface PlaygroundDeps {
  core: Pick<MentorBridgeCore, 'handleInbound'>;
  hub: PlaygroundHub;
  directory: PlaygroundDirectory;
  /** The playground organisation's external id; "demo" unless a test says otherwise. */
  tenant?: string;
  /** SSE comment interval that keeps proxies from closing idle streams. */
  heartbeatMs?: number;
  /** The page's own words (e.g. "Download") in each viewer's language. */
  texts: Texts;
  /** Signs the download links of pictures and files in messages (served by src/http/file-route.ts). */
  links: FileLinks;
  /** When links expire is counted from; the app's clock. */
  clock?: Clock;
  log?: Logger;
  /** The movable demo clock's controls (GET/POST /playground/clock); absent: real time only. */
  demoClock?: PlaygroundClock;
  /** Where the page's own texts are read from (prompts/); the app's PROMPTS_DIR. */
  promptsDir?: string;
}

const systemClock: Clock = { now: () => new Date() };

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

/** What the browser posts. The dedupe key is made by the browser once per action, so a resent request acts once. */
export const playgroundRequestSchema = z.object({
  user: z.string().min(1).max(100),
  dedupeKey: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, 'dedupeKey must be 8–100 letters, digits or dashes'),
  event: inboundSchema.shape.event,
});

export function registerPlayground(http: Pick<HttpServer, 'routes' | 'onClose'>, deps: PlaygroundDeps): void {
  const streams = new OpenStreams();
  http.onClose(() => streams.endAll());

  const router = express.Router();
  // Scoped to our own paths: other channels share the server and must not get these headers.
  router.get('/', securityHeaders, (_req, res) => res.sendFile('index.html', { root: PUBLIC_DIR }));
  router.use('/playground', securityHeaders);
  router.use('/playground/static', express.static(PUBLIC_DIR, { index: false }));
  router.get('/playground/people', peopleHandler(deps.directory));
  router.get('/playground/texts', pageTextsHandler({ texts: deps.texts, directory: deps.directory, promptsDir: deps.promptsDir ?? DEFAULT_PROMPTS_DIR }));
  router.post('/playground/inbound', express.json({ limit: '64kb' }), inboundHandler(deps));
  const view = { texts: deps.texts, links: deps.links, clock: deps.clock ?? systemClock };
  router.get('/playground/stream', streamHandler({ hub: deps.hub, directory: deps.directory, log: deps.log, heartbeatMs: deps.heartbeatMs ?? 15_000, view }, streams));
  if (deps.demoClock) router.use(clockRoutes({ ...deps.demoClock, texts: deps.texts, directory: deps.directory, log: deps.log }));
  router.use('/playground', bodyErrors);
  http.routes.use(router);
}

/** Only our own scripts and styles; no inline code, no framing. */
const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set({
    'Content-Security-Policy': "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  next();
};

function peopleHandler(directory: PlaygroundDirectory): RequestHandler {
  return async (_req, res) => {
    const people = await directory.people();
    res.set('Cache-Control', 'no-store');
    res.json(people.map((p) => ({ id: p.externalId, name: p.displayName, role: p.role, locale: p.locale })));
  };
}

function inboundHandler(deps: PlaygroundDeps): RequestHandler {
  return async (req, res) => {
    const people = await deps.directory.people();
    const parsed = playgroundRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      // `error` is for developers; a value refused by its length also gets words by its field.
      const sender = people.find((p) => p.externalId === (req.body as { user?: unknown } | undefined)?.user);
      const fieldErrors = sender ? envelopeErrors(parsed.error.issues, req.body, sender.locale, deps.texts) : {};
      res.status(400).json({ error: z.prettifyError(parsed.error), ...(Object.keys(fieldErrors).length ? { fieldErrors } : {}) });
      return;
    }
    const { user, dedupeKey, event } = parsed.data;
    const person = people.find((p) => p.externalId === user);
    if (!person) {
      res.status(404).json({ error: `unknown playground user "${user}"` });
      return;
    }
    const inbound: Inbound = {
      dedupeKey,
      platform: 'playground',
      tenant: deps.tenant ?? 'demo',
      user: { externalId: user, displayName: person.displayName, locale: person.locale },
      event,
    };
    reply(res, await deps.core.handleInbound(inbound));
  };
}

function reply(res: Response, result: HandleResult): void {
  switch (result.status) {
    case 'handled':
      if (result.fieldErrors && Object.keys(result.fieldErrors).length > 0) {
        // Refused, in the person's language, per field: the page shows each by its field.
        res.status(422).json({ status: 'invalid', fieldErrors: withoutMarksIn(result.fieldErrors) });
        return;
      }
      res.status(202).json({ status: result.status });
      return;
    case 'duplicate':
      // Accepted: the answer (if any) comes over the stream, not in this response.
      res.status(202).json({ status: result.status });
      return;
    case 'invalid':
      res.status(400).json({ error: result.issues });
      return;
    case 'unknown-organisation':
      res.status(409).json({ error: 'the demo organisation does not exist yet; seed it first' });
      return;
  }
}

/**
 * A form value over the inbound envelope (only a hand-made request gets there: the page checks
 * each field's own limit first) is still told by its field, in words, not as a zod path.
 */
function envelopeErrors(issues: z.core.$ZodIssue[], body: unknown, locale: string, texts: Texts): Record<string, string> {
  const values = (body as { event?: { values?: Record<string, unknown> } }).event?.values ?? {};
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const [event, key, name] = issue.path;
    if (event !== 'event' || key !== 'values' || typeof name !== 'string') continue;
    const value = values[name];
    const max = stringLimit(issue);
    if (typeof value !== 'string' || max === null) continue;
    out[name] = withoutMarksIn(texts.t(locale, 'errors.tooLong', { max, length: value.length }));
  }
  return out;
}

/** The string limit an issue reports, also from inside the union a form value is (text or list). */
function stringLimit(issue: z.core.$ZodIssue): number | null {
  if (issue.code === 'too_big' && issue.origin === 'string') return Number(issue.maximum);
  if (issue.code !== 'invalid_union') return null;
  const inner = issue.errors.flat().find((i) => i.code === 'too_big' && i.origin === 'string' && i.path.length === 0);
  return inner?.code === 'too_big' ? Number(inner.maximum) : null;
}

/** Malformed or oversized JSON gets a plain 400/413 with a reason, like any other bad input. */
const bodyErrors: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    res.status(400).json({ error: 'the request body is not valid JSON' });
  } else if (type === 'entity.too.large') {
    res.status(413).json({ error: 'the request body is too large' });
  } else {
    next(error);
  }
};
