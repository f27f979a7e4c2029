/**
 * The playground's demo clock controls: GET /playground/clock reads the demo time, and POST
 * /playground/clock {by: 'day'|'week'|'month'} moves it forward, running the jobs due on the way
 * (src/scheduler/demo-clock.ts). Both answer with the time and the controls' labels in the
 * viewer's language (`?user=<playground user>`; the deployment's default otherwise), since the
 * page has no texts of its own. Mounted only when main.ts gives the playground a demo clock.
 */
import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Logger, Texts } from '../../core/ports.js';
import type { PlaygroundDirectory } from './directory.js';

/** The clock a person can move (DemoClock). */
export interface DemoTime {
  now(): Date;
  /** Resolves to the new time once the jobs due on the way have run. */
  advance(ms: number): Promise<Date>;
}

/** What main.ts hands the playground to show the controls. */
export interface PlaygroundClock {
  clock: DemoTime;
  /** The deployment's time zone: the page shows the demo time in it. */
  timeZone: string;
}

export interface ClockRouteDeps extends PlaygroundClock {
  texts: Pick<Texts, 't' | 'locales'>;
  directory: Pick<PlaygroundDirectory, 'people'>;
  log?: Logger;
}

export const advanceSchema = z.object({ by: z.enum(['day', 'week', 'month']) });
export type AdvanceBy = z.infer<typeof advanceSchema>['by'];

/** prompts/<locale>/clock.json, sent whole: the page shows every one of them. */
const LABELS = ['title', 'hint', 'day', 'week', 'month', 'busy', 'failed'] as const;
const DAY_MS = 86_400_000;

export function clockRoutes(deps: ClockRouteDeps): Router {
  const router = express.Router();
  router.get('/playground/clock', clockHandler(deps, null));
  router.post('/playground/clock', express.json({ limit: '1kb' }), clockHandler(deps, advanceSchema));
  return router;
}

/** Reads the clock (schema null) or moves it by the posted step first; either way answers with the view. */
function clockHandler(deps: ClockRouteDeps, schema: typeof advanceSchema | null): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const locale = await viewerLocale(deps, req.query.user);
    if (schema) {
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: z.prettifyError(parsed.error) });
        return;
      }
      try {
        const now = deps.clock.now();
        await deps.clock.advance(targetTime(now, parsed.data.by).getTime() - now.getTime());
      } catch (error) {
        deps.log?.error('demo clock could not advance', { by: parsed.data.by, error });
        res.status(500).json({ error: deps.texts.t(locale, 'clock.failed'), ...view(deps, locale) });
        return;
      }
    }
    res.json(view(deps, locale));
  };
}

function view(deps: ClockRouteDeps, locale: string) {
  const labels = Object.fromEntries(LABELS.map((key) => [key, deps.texts.t(locale, `clock.${key}`)]));
  return { now: deps.clock.now().toISOString(), timeZone: deps.timeZone, locale, labels };
}

async function viewerLocale(deps: ClockRouteDeps, user: unknown): Promise<string> {
  const fallback = deps.texts.locales()[0] ?? 'en';
  if (typeof user !== 'string' || user === '') return fallback;
  const person = (await deps.directory.people()).find((p) => p.externalId === user);
  return person?.locale ?? fallback;
}

/**
 * A day and a week are 24 and 168 hours; a month is the same day of the next calendar month
 * (in UTC; the 31st becomes the month's last day), so "+1 month" lands where a person expects.
 */
export function targetTime(now: Date, by: AdvanceBy): Date {
  if (by === 'day') return new Date(now.getTime() + DAY_MS);
  if (by === 'week') return new Date(now.getTime() + 7 * DAY_MS);
  const next = new Date(now);
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}
