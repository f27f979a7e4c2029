/**
 * Delivery to Teams when Teams pushes back: a 429 with Retry-After is retried after the wait
 * (through the outbox, not by blocking), a 403 (bot blocked or removed) gives up at once, and
 * our own per-conversation limiter keeps a burst under Teams' 7-a-second limit.
 */
import { describe, expect, it } from 'vitest';
import { ConversationLimiter } from '../../src/channels/teams/index.js';
import { retryAfterMs, toSendError } from '../../src/channels/teams/errors.js';
import { SendError } from '../../src/core/outbox/sender.js';
import { seedProgramme, type TeamsTestApp, texts } from '../support/teams/app.js';
import { useTeamsTestApp } from '../support/teams/connected-app.js';
import { TeamsUser } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

let app: TeamsTestApp;
const connector = useTeamsTestApp((started) => {
  app = started;
});

const person = (aadObjectId: string, name: string) => new TeamsUser(app.url, connector, { aadObjectId, name, locale: 'en-US' });
async function rowsFor(name: string) {
  const found = await app.prisma.person.findFirst({ where: { displayName: name } });
  return app.prisma.outboxMessage.findMany({ where: { personId: found?.id ?? '' }, orderBy: { id: 'asc' } });
}

describe('Teams delivery under pressure', () => {
  it('retries a reply that got 429 after the Retry-After wait, and delivers it once', async () => {
    const omar = person('22222222-3333-4444-8555-666666666666', 'Omar Ali');
    connector.failNext(429, 1, '1');
    const res = await omar.post(omar.activity('conversation-update-bot-added'));
    expect(res.status).toBe(200);
    await omar.waitForText(texts.t('en', 'help.welcome', { name: 'Omar Ali' }), 15_000);
    await connector.waitFor(() => omar.messages().length >= 2); // the welcome and the help after it
    const [rejected] = connector.rejected;
    const delivered = connector.activities().find((c) => c.conversationId === omar.conversationId);
    expect(rejected?.status).toBe(429);
    expect((delivered?.at ?? 0) - (rejected?.at ?? 0)).toBeGreaterThanOrEqual(950);
    // botbuilder's client did not retry on its own: one rejection, then our retry.
    expect(connector.rejected).toHaveLength(1);
    // The connector has the message a moment before the outbox row is marked sent.
    await expect.poll(async () => (await rowsFor('Omar Ali')).every((r) => r.status === 'sent'), { timeout: 5000 }).toBe(true);
    expect(app.logs.some((l) => l.msg === 'outbox delivery throttled' && l.retryAfterMs === 1000)).toBe(true);
    expect((await rowsFor('Omar Ali')).every((r) => r.attempts === 0)).toBe(true); // a rate limit is not an attempt
    expect(omar.texts().filter((t) => t.includes('Omar Ali'))).toHaveLength(1);
  });

  it('gives up at once when Teams answers 403 (the person blocked or removed the bot)', async () => {
    const ida = person('33333333-4444-4555-8666-777777777777', 'Ida Lund');
    connector.failNext(403, 1);
    await ida.say('help');
    await connector.waitFor(() => connector.rejected.some((r) => r.status === 403));
    await deliverDue(app);
    const rows = await rowsFor('Ida Lund');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(app.logs.some((l) => l.msg === 'outbox delivery failed' && l.giveUp === true && String(l.reason).includes('403'))).toBe(true);
  });

  it('keeps a burst to one conversation under 7 messages a second, delivering the rest later', async () => {
    const nora = person('44444444-5555-4666-8777-888888888888', 'Nora Vik');
    await nora.say('help');
    await Promise.all(Array.from({ length: 9 }, () => nora.say('help')));
    await connector.waitFor(() => connector.activities().filter((c) => c.conversationId === nora.conversationId).length >= 10, 15_000);
    const times = connector.activities().filter((c) => c.conversationId === nora.conversationId).map((c) => c.at);
    expect(times).toHaveLength(10);
    // Measured where the fake receives them, as Teams counts: never 8 within Teams' second, even
    // when the sends' trips take different times (the limiter leaves a tenth in hand for that).
    for (let i = 7; i < times.length; i += 1) expect((times[i] ?? 0) - (times[i - 7] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(app.logs.some((l) => l.reason === 'teams per-conversation rate limit (local)')).toBe(true);
  });
});

describe('Teams conversation references', () => {
  it('stores the reference on first contact and does not rewrite it when it has not changed', async () => {
    const eva = person('66666666-7777-4888-8999-aaaaaaaaaaaa', 'Eva Strand');
    await eva.say('help');
    const identity = () => app.prisma.channelIdentity.findFirst({ where: { platform: 'teams', externalUserId: '66666666-7777-4888-8999-aaaaaaaaaaaa' } });
    const first = await identity();
    expect(first?.address).toMatchObject({ serviceUrl: connector.url, conversation: { id: eva.conversationId }, bot: { id: expect.stringMatching(/^28:/) }, user: { id: eva.userId } });
    await eva.say('help');
    expect((await identity())?.updatedAt).toEqual(first?.updatedAt);
  });
});

describe('Teams proactive messages without any reference', () => {
  it('waits (10 minutes) when nobody in the tenant has talked to the bot yet, so no serviceUrl is known', async () => {
    const tenant = '77777777-8888-4999-8aaa-bbbbbbbbbbbb';
    const { organisationId, coordinatorId } = await seedProgramme(app, tenant, { aadObjectId: '88888888-9999-4aaa-8bbb-cccccccccccc', name: 'Kari Lone' });
    const id = app.ids.next();
    const now = new Date();
    await app.store.transaction((r) => r.outbox.enqueue({ id, organisationId, personId: coordinatorId, platform: 'teams', payload: { text: 'hello' }, nextAttemptAt: now, createdAt: now }));
    await deliverDue(app);
    const row = await app.prisma.outboxMessage.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'no Teams conversation reference is known in this tenant yet' });
    expect(row.nextAttemptAt.getTime() - now.getTime()).toBeGreaterThanOrEqual(9 * 60_000);
    expect(connector.calls.filter((c) => c.kind === 'createConversation')).toHaveLength(0);
  });
});

describe('Teams limits and errors', () => {
  it('allows 7 a second and 60 in 30 seconds per conversation, with a tenth in hand', () => {
    let now = 0;
    const limiter = new ConversationLimiter(undefined, () => now);
    for (let i = 0; i < 7; i += 1) expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1100);
    expect(limiter.take('b')).toBe(0);
    now = 10_000;
    for (let step = 0; step < 10; step += 1) {
      now = 10_000 + step * 1100;
      for (let i = 0; i < 6; i += 1) if (limiter.take('c') !== 0) throw new Error(`refused in step ${step}`);
    }
    now = 21_000;
    expect(limiter.take('c')).toBe(22_000); // 60 in the last 33 s: wait until the first (at 10 s) leaves the window
  });

  it('maps connector failures to SendErrors the outbox understands', () => {
    const http = (status: number, retryAfter?: string) => Object.assign(new Error('x'), { statusCode: status, response: { status, headers: new Map(retryAfter ? [['retry-after', retryAfter]] : []) } });
    expect(toSendError(http(429, '3'), 1).retryAfterMs).toBe(3000);
    expect(toSendError(http(429), 3).retryAfterMs).toBe(4000);
    expect(toSendError(http(429, '3'), 1).throttled).toBe(true);
    expect(toSendError(http(503), 1).throttled).toBe(false);
    for (const status of [412, 502, 504]) expect(toSendError(http(status), 1).retryAfterMs).toBe(1000);
    for (const status of [403, 404]) expect(toSendError(http(status), 1).retryAfterMs).toBeNull();
    expect(toSendError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }), 2)).toMatchObject({ message: 'teams request failed (ECONNREFUSED)', retryAfterMs: 2000 });
    expect(retryAfterMs(http(429, new Date(Date.now() + 5000).toUTCString()))).toBeGreaterThan(3000);
    const mine = new SendError('mine', 5);
    expect(toSendError(mine, 1)).toBe(mine);
  });
});
