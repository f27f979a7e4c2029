/**
 * Inbounds worked together (the inbox's batches): one transaction for several people when they
 * all succeed, with each result in its place; when one of them throws, nothing of the batch is
 * kept from that transaction and each runs again alone, so the others still commit once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batches } from '../../src/core/inbox/batches.js';
import type { Inbound } from '../../src/core/messages.js';
import { createHarness, type Harness } from '../support/harness.js';

const help = (user: string, key: string): Inbound => ({ dedupeKey: key, platform: 'playground', tenant: 'demo', user: { externalId: user, displayName: user, locale: 'en' }, event: { kind: 'text', text: 'help' } });

describe('several inbounds in one unit of work', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    await h.organisation();
  });
  afterAll(async () => {
    await h?.close();
  });

  const outboxCount = () => h.prisma.outboxMessage.count();

  it('works a batch in one transaction, each result in its place, a retried key as a duplicate', async () => {
    const before = await outboxCount();
    const results = await h.core.handleInbounds([help('ann', 'b-1'), { bogus: true }, help('bob', 'b-2')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.status : 'rejected'))).toEqual(['handled', 'invalid', 'handled']);
    expect(await outboxCount()).toBeGreaterThan(before);
    const again = await h.core.handleInbounds([help('ann', 'b-1'), help('bob', 'b-2')]);
    expect(again.map((r) => (r.status === 'fulfilled' ? r.value.status : 'rejected'))).toEqual(['duplicate', 'duplicate']);
  });

  it('runs each alone when one throws: the others commit once, the one that threw rolls back', async () => {
    let calls = 0;
    const body = (n: number) => async (repos: Parameters<Parameters<typeof h.core.units.run>[0]>[0]) => {
      calls += 1;
      await repos.inbox.receive({ organisationId: 'x', platform: 'slack', tenant: 'T-batch', dedupeKey: `k-${n}`, externalUserId: `U${n}` });
      if (n === 2) throw new Error('feature bug');
      return { result: n };
    };
    const results = await h.core.units.runMany([body(1), body(2), body(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(calls).toBe(2 + 3); // the batch up to the throw, then each alone
    const rows = await h.prisma.inboxItem.findMany({ where: { tenant: 'T-batch' }, orderBy: { dedupeKey: 'asc' } });
    expect(rows.map((r) => r.dedupeKey)).toEqual(['k-1', 'k-3']);
  });
});

describe('Batches', () => {
  it('runs what arrives while one batch is under way together in the next, at most `running` at once', async () => {
    const seen: number[][] = [];
    let release: () => void = () => undefined;
    const first = new Promise<void>((r) => {
      release = r;
    });
    const batches = new Batches<number, number>({ running: 1, size: 3 }, async (inputs) => {
      seen.push(inputs);
      if (inputs[0] === 0) await first;
      return inputs.map((n) => (n === 4 ? { status: 'rejected', reason: new Error('four') } : { status: 'fulfilled', value: n * 10 }));
    });
    const all = [0, 1, 2, 3, 4].map((n) => batches.run(n).catch((e: Error) => e.message));
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toEqual([[0]]);
    release();
    expect(await Promise.all(all)).toEqual([0, 10, 20, 30, 'four']);
    expect(seen).toEqual([[0], [1, 2, 3], [4]]);
  });
});
