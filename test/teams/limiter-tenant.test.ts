/**
 * Teams' per-tenant limit (30 requests a second; src/channels/teams/limiter.ts): a slot booked per
 * message, so a weekly run of thousands in one tenant waits once each and then goes; starts
 * strictly spaced, never more than 30 in any second, also when messages come back late (they
 * queue up for the next starts); a slot near enough is given as a start to wait for in the
 * process; a first message (it creates the conversation) counts two requests; tenants do not hold
 * each other up.
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
    const { waitMs, start } = limiter.take(tenant(next.id), next.id);
    if (start) sentAt.set(next.id, clock.t + waitMs);
    else {
      refusals.set(next.id, (refusals.get(next.id) ?? 0) + 1);
      due.push({ id: next.id, at: clock.t + waitMs + lateMs });
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

  it('spaces the starts of messages that come back late one slot apart, so they never bunch, and the late ones still go', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(undefined, () => clock.t);
    const ids = Array.from({ length: 300 }, (_, i) => `m${i}`);
    const { sentAt } = run(limiter, clock, ids, () => 'tenant-a', 400);
    const times = [...sentAt.values()].sort((a, b) => a - b);
    expect(times).toHaveLength(300);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(30);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(1050 / 30 - 1e-9);
  });

  it('gives a near slot as a start to wait for, and queues late messages behind the starts already given', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(100, () => clock.t);
    expect(limiter.take('a', 'm1', 1, 250)).toEqual({ waitMs: 0, start: true });
    expect(limiter.take('a', 'm2', 1, 250)).toEqual({ waitMs: 100, start: true });
    expect(limiter.take('a', 'm3', 1, 250)).toEqual({ waitMs: 200, start: true });
    expect(limiter.take('a', 'm4', 1, 250)).toEqual({ waitMs: 300, start: false }); // booked for 300: come back
    expect(limiter.take('a', 'm5', 1, 250)).toEqual({ waitMs: 400, start: false });
    clock.t = 900; // both come back late, m5 first
    expect(limiter.take('a', 'm5')).toEqual({ waitMs: 0, start: true });
    expect(limiter.take('a', 'm4')).toEqual({ waitMs: 100, start: true }); // the next start, not at once
  });

  it('admits at most 30 starts in any 1.05 s when timers fire together, and says how long until the next', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(undefined, () => clock.t);
    for (let i = 0; i < 30; i += 1) expect(limiter.admit('a')).toBe(0);
    expect(limiter.admit('a')).toBe(1050);
    expect(limiter.admit('b')).toBe(0); // another tenant is not held up
    clock.t = 1050;
    expect(limiter.admit('a')).toBe(0);
  });

  it('lets other tenants go while one is busy, and counts a new conversation as two requests', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(100, () => clock.t);
    expect(limiter.take('a', 'first', 2)).toEqual({ waitMs: 0, start: true });
    expect(limiter.take('a', 'second')).toEqual({ waitMs: 200, start: false });
    expect(limiter.take('b', 'elsewhere')).toEqual({ waitMs: 0, start: true });
    clock.t = 150;
    expect(limiter.take('a', 'second')).toEqual({ waitMs: 50, start: false }); // its own slot, not a new one
    clock.t = 200;
    expect(limiter.take('a', 'second')).toEqual({ waitMs: 0, start: true });
  });

  it('forgets tenants at rest and bookings nobody came back for', () => {
    const clock = { t: 0 };
    const limiter = new TenantLimiter(100, () => clock.t);
    for (let i = 0; i < 10; i += 1) limiter.take('a', `m${i}`);
    expect(limiter.held).toBe(11); // the tenant's next slot and next start, and 9 bookings
    clock.t = 120_000;
    limiter.take('b', 'later');
    expect(limiter.held).toBe(2);
  });
});
