/**
 * The playground's demo clock: moving it forward runs the jobs due on the way in due order, each
 * seeing its own due time, and nothing due after the target; and its HTTP controls. On PGlite,
 * the playground's own database. The base clock stands still, so every time is exact.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clockRoutes } from '../../src/channels/playground/clock-routes.js';
import type { PlaygroundPerson } from '../../src/channels/playground/directory.js';
import type { ScheduledJob } from '../../src/core/domain.js';
import type { Feature } from '../../src/core/kernel/feature.js';
import { DemoClock } from '../../src/scheduler/demo-clock.js';
import { TestClock } from '../support/clock.js';
import { EFFECT, testFeature } from './support/feature.js';
import { createJobsEnv, type JobsEnv } from './support/env.js';
import { texts } from './support/texts.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHAIN = 'test.chain';

describe('DemoClock', () => {
  const base = new TestClock(new Date('2026-09-01T08:00:00Z'));
  const start = base.now().getTime();
  let demo: DemoClock;
  let env: JobsEnv;
  let seen: { key: string; at: string }[];
  let deliveries: number;

  beforeEach(async () => {
    demo = new DemoClock(base);
    seen = [];
    deliveries = 0;
    const effects = testFeature({ before: async (job: ScheduledJob) => void seen.push({ key: job.key, at: demo.now().toISOString() }) });
    // A job that, when it runs, schedules the next one a day later: jobs made on the way run too.
    const chain = {
      kind: CHAIN,
      run: async (work: Parameters<NonNullable<Feature['jobs']>[number]['run']>[0], job: ScheduledJob) => {
        seen.push({ key: job.key, at: demo.now().toISOString() });
        const left = Number(job.payload.left ?? 0);
        if (left > 0) await work.schedule({ kind: CHAIN, key: `chain:${left - 1}`, dueAt: new Date(work.clock.now().getTime() + DAY), payload: { left: left - 1 } });
      },
    };
    const feature: Feature = { name: 'demo-test', jobs: [...(effects.jobs ?? []), chain] };
    env = await createJobsEnv({ backend: 'pglite', clock: demo, feature });
    demo.connect({
      queue: env.queue,
      runDue: () => env.runner.kick(),
      deliver: async () => {
        deliveries += 1;
      },
    });
  });
  afterEach(() => env.close());

  const at = (ms: number) => new Date(start + ms);
  const iso = (ms: number) => at(ms).toISOString();

  it('advanced by a week, runs the jobs due within it in due order at their own times, and none due after it', async () => {
    // Scheduled out of order; one already due (left over) runs first, at the current time.
    await env.schedule({ kind: EFFECT, key: 'day-3', dueAt: at(3 * DAY) });
    await env.schedule({ kind: EFFECT, key: 'week-end', dueAt: at(7 * DAY) });
    await env.schedule({ kind: EFFECT, key: 'after-week', dueAt: at(7 * DAY + 1) });
    await env.schedule({ kind: EFFECT, key: 'hour-1', dueAt: at(HOUR) });
    await env.schedule({ kind: EFFECT, key: 'overdue', dueAt: at(-HOUR) });
    await env.schedule({ kind: CHAIN, key: 'chain:2', dueAt: at(5 * DAY), payload: { left: 2 } });
    await env.schedule({ kind: EFFECT, key: 'day-3-later', dueAt: at(3 * DAY + 30 * 60_000) });

    expect(await demo.advance(7 * DAY)).toEqual(at(7 * DAY));

    expect(seen).toEqual([
      { key: 'overdue', at: iso(0) },
      { key: 'hour-1', at: iso(HOUR) },
      { key: 'day-3', at: iso(3 * DAY) },
      { key: 'day-3-later', at: iso(3 * DAY + 30 * 60_000) },
      { key: 'chain:2', at: iso(5 * DAY) },
      { key: 'chain:1', at: iso(6 * DAY) },
      // Due at the same time: the one scheduled first (lower id) runs first.
      { key: 'week-end', at: iso(7 * DAY) },
      { key: 'chain:0', at: iso(7 * DAY) },
    ]);
    expect(demo.now()).toEqual(at(7 * DAY));
    expect(deliveries).toBe(1);
    // The rows agree: what ran is done (with the time it saw), the rest waits.
    expect(await env.job('after-week')).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await env.job('week-end')).toMatchObject({ status: 'done', finishedAt: at(7 * DAY) });
    expect(await env.prisma.scheduledJob.count({ where: { status: 'done' } })).toBe(8);
    expect((await env.effects()).map((e) => [e.key, e.at])).toEqual(seen.filter((s) => !s.key.startsWith('chain')).map((s) => [s.key, s.at]));

    // A day more reaches the one left.
    await demo.advance(DAY);
    expect(seen.at(-1)).toEqual({ key: 'after-week', at: iso(7 * DAY + 1) });
    expect(demo.now()).toEqual(at(8 * DAY));
  });

  it('only moves forward, and two advances at once run one after the other', async () => {
    await expect(demo.advance(-1)).rejects.toThrow(RangeError);
    await env.schedule({ kind: EFFECT, key: 'a', dueAt: at(DAY / 2) });
    await env.schedule({ kind: EFFECT, key: 'b', dueAt: at(DAY + DAY / 2) });
    const [first, second] = await Promise.all([demo.advance(DAY), demo.advance(DAY)]);
    expect([first, second]).toEqual([at(DAY), at(2 * DAY)]);
    expect(seen).toEqual([
      { key: 'a', at: iso(DAY / 2) },
      { key: 'b', at: iso(DAY + DAY / 2) },
    ]);
  });

  describe('GET and POST /playground/clock', () => {
    let url: string;
    let close: () => Promise<void>;
    const people = [
      { externalId: 'kari', locale: 'nb' },
      { externalId: 'sara', locale: 'en' },
    ] as PlaygroundPerson[];

    beforeEach(async () => {
      const app = express().use(clockRoutes({ clock: demo, timeZone: 'Europe/Oslo', texts, directory: { people: async () => people } }));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/playground/clock`;
      close = () => new Promise((resolve) => server.close(() => resolve()));
    });
    afterEach(() => close());

    const post = (body: unknown, user = 'sara') => fetch(`${url}?user=${user}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

    it('shows the demo time with labels in the viewer’s language', async () => {
      const sara = await (await fetch(`${url}?user=sara`)).json();
      expect(sara).toMatchObject({ now: iso(0), timeZone: 'Europe/Oslo', locale: 'en', labels: { day: '+1 day', week: '+1 week', month: '+1 month' } });
      const kari = await (await fetch(`${url}?user=kari`)).json();
      expect(kari).toMatchObject({ locale: 'nb', labels: { day: '+1 dag', week: '+1 uke', month: '+1 måned' } });
      expect(await (await fetch(url)).json()).toMatchObject({ locale: 'nb' }); // nobody chosen: the default
    });

    it('moves the clock by a day, a week or a calendar month, running what falls due, and refuses anything else', async () => {
      await env.schedule({ kind: EFFECT, key: 'noon', dueAt: at(4 * HOUR) });
      const bad = await post({ by: 'fortnight' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toMatch(/by/);
      expect(demo.now()).toEqual(at(0));

      const day = await post({ by: 'day' });
      expect(day.status).toBe(200);
      expect(await day.json()).toMatchObject({ now: iso(DAY), labels: { week: '+1 week' } });
      expect(seen).toEqual([{ key: 'noon', at: iso(4 * HOUR) }]);

      expect((await (await post({ by: 'week' })).json()).now).toBe(iso(8 * DAY));
      // 2026-09-09 + 1 month = 2026-10-09, same time of day.
      expect((await (await post({ by: 'month' })).json()).now).toBe('2026-10-09T08:00:00.000Z');
    });
  });
});
