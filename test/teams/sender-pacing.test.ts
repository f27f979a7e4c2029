/**
 * The Teams sender and its tenant's pace (src/channels/teams/sender.ts, limiter.ts), with the real
 * botbuilder adapter against a stand-in Bot Connector on 127.0.0.1: a message whose start is near
 * waits for it in the process and goes (no round through the outbox, which made late messages
 * bunch and cost a whole second of the tenant's pace); one further away is put back to come back
 * a little before its slot, and then waits the rest here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../src/channels/teams/adapter.js';
import { TenantLimiter } from '../../src/channels/teams/limiter.js';
import { COME_BACK_EARLY_MS, TeamsSender, WAIT_HERE_MS } from '../../src/channels/teams/sender.js';
import type { OutboxEntry } from '../../src/core/domain.js';
import { SendError } from '../../src/core/outbox/sender.js';
import type { Recipient } from '../../src/core/ports.js';
import { createLogger } from '../../src/log.js';
import { texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';

const SPACING_MS = 100;
const connector = new FakeConnector();
let sender: TeamsSender;

beforeAll(async () => {
  await connector.start();
  const log = createLogger('silent');
  sender = new TeamsSender({
    adapter: createTeamsAdapter({ appType: 'MultiTenant' }, log),
    appId: '',
    texts,
    defaultLocale: 'en',
    references: { anyForTenant: async () => null },
    log,
    tenantLimiter: new TenantLimiter(SPACING_MS),
  });
});
afterAll(() => connector.stop());

const entry = (i: number): OutboxEntry => ({
  id: `out-${i}`,
  organisationId: 'org',
  personId: `p${i}`,
  platform: 'teams',
  payload: { text: `hello ${i}` },
  status: 'pending',
  attempts: 0,
  nextAttemptAt: new Date(),
  externalRef: null,
  createdAt: new Date(),
});
const recipient = (i: number): Recipient => ({
  externalUserId: `aad-${i}`,
  tenant: 'tenant-a',
  locale: 'en',
  address: { serviceUrl: connector.url, channelId: 'msteams', conversation: { id: `a:conv-${i}` }, bot: { id: '28:bot' } },
});

describe('TeamsSender in its tenant’s pace', () => {
  it('waits here for a near start, puts a far one back to come early, and spaces every start one slot apart', async () => {
    const near = Math.floor(WAIT_HERE_MS / SPACING_MS) + 1; // slots 0 … WAIT_HERE_MS
    const outcomes = await Promise.allSettled(Array.from({ length: near + 1 }, (_, i) => sender.send(entry(i), null, recipient(i))));
    expect(outcomes.slice(0, near).every((o) => o.status === 'fulfilled')).toBe(true);
    const far = outcomes[near];
    expect(far?.status).toBe('rejected');
    const refusal = (far as PromiseRejectedResult).reason as SendError;
    expect(refusal).toBeInstanceOf(SendError);
    expect(refusal.throttled).toBe(true);
    // Its slot is near × SPACING_MS away; it is asked back COME_BACK_EARLY_MS before.
    expect(refusal.retryAfterMs).toBeGreaterThan(near * SPACING_MS - COME_BACK_EARLY_MS - 30);
    expect(refusal.retryAfterMs).toBeLessThanOrEqual(near * SPACING_MS - COME_BACK_EARLY_MS);

    await new Promise((resolve) => setTimeout(resolve, refusal.retryAfterMs ?? 0));
    await sender.send(entry(near), null, recipient(near)); // waits the rest of the way here
    const arrivals = connector.activities().map((c) => c.at);
    expect(arrivals).toHaveLength(near + 1);
    const gaps = arrivals.slice(1).map((at, i) => at - (arrivals[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SPACING_MS - 25); // timers and sockets jitter a little
    expect((arrivals[near] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(near * SPACING_MS - 25);
  });
});
