/**
 * POST /api/messages answered the way CloudAdapter.process answers it (400 not an activity, 401
 * refused, 200 or the invoke response, 500 when the turn failed), without its console.
 *
 * Anyone on the internet can POST here. process() prints every refused request's error with its
 * stack (console.error), and the token check inside it prints more — the signing key on a bad
 * signature, the whole TokenExpiredError — a dozen non-JSON lines on stderr per request, none
 * of it through our logger. So the route calls what process() wraps (processActivity, through
 * TeamsAdapter.handleActivity) itself and logs one JSON line per refused request; the token
 * check runs with the console muted for its own async context only (withConsoleMuted), since
 * what it prints adds nothing to that line. Nothing else in the process loses its console.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'express';
import type { Logger } from '../../core/ports.js';
import type { TeamsAdapter } from './adapter.js';

/** Thrown by the adapter's onTurnError once it has logged the failure: answered 500, not logged twice. */
export class TurnFailed extends Error {
  constructor() {
    super('the turn failed');
  }
}

export function activityHandler(adapter: TeamsAdapter, logic: (context: TurnContext) => Promise<void>, log: Logger): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const activity = asActivity(req.body);
    if (!activity) {
      log.warn('teams request refused', { channel: 'teams', status: 400, reason: 'not an activity' });
      res.status(400).json({ error: 'not an activity' });
      return;
    }
    const authorization = req.headers.authorization ?? '';
    try {
      const answer = await adapter.handleActivity(authorization, activity, logic);
      res.status(answer?.status ?? 200);
      if (answer?.body) res.send(answer.body);
      res.end();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        log.warn('teams request refused', { channel: 'teams', status: 401, reason: safeReason(error) });
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      if (!(error instanceof TurnFailed)) log.error('teams request failed', { channel: 'teams', reason: safeReason(error) });
      // Teams delivers a 500 again; the reason stays in our log, not in the answer.
      res.status(500).json({ error: 'internal error' });
    }
  };
}

/** What validateAndFixActivity (inside process()) accepts: an object with a type; its dates as Dates. */
function asActivity(body: unknown): Activity | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string') return null;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['expiration', 'rawExpiration'], ['localTimestamp', 'rawLocalTimestamp']] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/**
 * The error's message, short, with anything shaped like a token cut out: the token libraries'
 * messages name what was wrong, but a log line is no place to gamble on that.
 */
function safeReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}(\.[A-Za-z0-9_-]*)?/g, '[token]')
    .replace(/\s+/g, ' ')
    .slice(0, 160);
}

const muted = new AsyncLocalStorage<true>();
let consoleWrapped = false;

/**
 * Runs `work` with console output dropped for calls made from its own async context (the Bot
 * Framework's token check prints to the console and offers no switch). Other requests, running
 * at the same time in other contexts, print as before.
 */
export function withConsoleMuted<T>(work: () => Promise<T>): Promise<T> {
  if (!consoleWrapped) {
    consoleWrapped = true;
    for (const method of ['debug', 'info', 'log', 'warn', 'error', 'trace'] as const) {
      const original = console[method];
      console[method] = (...args: unknown[]) => {
        if (muted.getStore() !== true) original.apply(console, args);
      };
    }
  }
  return muted.run(true, work);
}
