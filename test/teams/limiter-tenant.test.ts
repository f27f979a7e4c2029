/**
 * Teams' per-tenant limit (30 requests a second; src/channels/teams/limiter.ts): a slot booked per
 * message, so a weekly run of thousands in one tenant waits once each and then goes; never more
 * than 30 starts in any second, also when slots are taken late and bunch; a first message (it
 * creates the conversation) counts two requests; tenants do not hold each other up.
 */
import { describe, expect, it } from 'vitest';
import { HORIZON_MS, TenantLimiter } from '../../src/channels/teams/limiter.js';

function busiest(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while ((sorted[j] as number) <= (sorted[i] as number) - ms) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** Asks for every message at t=0, then again `lateMs` after each wait it is told, until each goes. */
function run(limiter: TenantLimiter, clock: { t: number }, ids: string[], tenant: (id: string) => string, lateMs = 0) {
  const sentAt = new Map<string, number>();
  const refusals = new Map<string, number>();
  const due = ids.map((id) => ({ id, at: 0 }));
  while (due.length > 0) {
    due.sort((a, b) => a.at - b.at);
    const next = due.shift() as (typeof due)[number];
    clock.t = Math.max(clock.t, next.at);
    const wait = limiter.take(tenant(next.id), next.id);
    if (wait === 0) sentAt.set(next.id, clock.t);
    else {
      refusals.set(next.id, (refusals.get(next.id) ?? 0) + 1);
      due.push({ id: next.id, at: clock.t + wait + lateMs });
    }
  }
  return { sentAt, refusals };
}

describe('TenantLimiter', () => {
  it('books 3,000 messages in one tenant at 28.6 a second (a twentieth under 30), each refused once or (a far slot) twice', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(undefined, () => clock.t);
    const ids = Array.from({ length: 3000 }, (_, i) => `m${i}`);
    const { sentAt, refusals } = run(limiter, clock, ids, () => 'tenant-a');
    const times = [...sentAt.values()];
    expect(times).toHaveLength(3000);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(30);
    const rate = 2999 / (Math.max(...times) / 1000);
    expect(rate).toBeGreaterThan(28.5);
    expect(rate).toBeLessThanOrEqual(30);
    expect(Math.max(...refusals.values())).toBe(2);
    expect([...refusals.values()].filter((n) => n === 2).length).toBeLessThan(3000 - (HORIZON_MS / 1000) * 28);
  });

  it('holds slots taken late to 30 in any second (the guard), and the late ones still go', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(undefined, () => clock.t);
    const ids = Array.from({ length: 300 }, (_, i) => `m${i}`);
    const { sentAt } = run(limiter, clock, ids, () => 'tenant-a', 400);
    const times = [...sentAt.values()];
    expect(times).toHaveLength(300);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(30);
  });

  it('lets other tenants go while one is busy, and counts a new conversation as two requests', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(100, () => clock.t);
    expect(limiter.take('a', 'first', 2)).toBe(0);
    expect(limiter.take('a', 'second')).toBe(200);
    expect(limiter.take('b', 'elsewhere')).toBe(0);
    clock.t = 150;
    expect(limiter.take('a', 'second')).toBe(50); // its own slot, not a new one
    clock.t = 200;
    expect(limiter.take('a', 'second')).toBe(0);
  });

  it('forgets tenants at rest and bookings nobody came back for', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(100, () => clock.t);
    for (let i = 0; i < 10; i += 1) limiter.take('a', `m${i}`);
    expect(limiter.held).toBe(10); // the tenant and 9 bookings
    clock.t = 120_000;
    limiter.take('b', 'later');
    expect(limiter.held).toBe(1);
  });
});
