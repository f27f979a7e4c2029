/**
 * Slack messages go out once though the process dies between posting and marking sent: every
 * post carries its outbox id as message metadata, and a message tried before (attempts > 0,
 * which a claim that never finished counts) is first looked for in the DM's history. Real core,
 * database, dispatcher and sender; the fake Web API keeps what was posted and answers
 * conversations.history as Slack does.
 */
import { describe, expect, it, vi } from 'vitest';
import { boltLogger } from '../../src/channels/slack/bolt-logger.js';
import { SlackClients } from '../../src/channels/slack/clients.js';
import { MAX_PAGES, OUTBOX_EVENT_TYPE, PAGE_SIZE } from '../../src/channels/slack/posted.js';
import { SlackSender } from '../../src/channels/slack/sender.js';
import { LEASE_MS, OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { type Harness, texts } from '../support/harness.js';
import { BOT_TOKEN } from '../support/slack/app.js';
import { useSlackDelivery } from '../support/slack/delivery.js';
import { DEFAULT_TEAM, type FakeSlackWebApi } from '../support/slack/fake-web-api.js';

const TEAM = DEFAULT_TEAM.team_id;
const log = createLogger('silent');

describe('Slack: exactly once across a crash between posting and marking', () => {
  let h: Harness;
  let fake: FakeSlackWebApi;
  let dispatcher: OutboxDispatcher;
  useSlackDelivery((started) => ({ h, fake, dispatcher } = started));

  /** A dispatcher whose process "dies" after posting: its sent marks never reach the database. */
  function crashingDispatcher(): OutboxDispatcher {
    const clients = new SlackClients({ kind: 'single', botToken: BOT_TOKEN }, { slackApiUrl: fake.url, logger: boltLogger(log) });
    const queue = new PrismaOutboxQueue(h.prisma);
    vi.spyOn(queue, 'markSent').mockResolvedValue();
    return new OutboxDispatcher(queue, [new SlackSender({ clients, texts })], h.clock, log);
  }

  const rowsOf = async (user: string) => {
    const identity = await h.prisma.channelIdentity.findFirstOrThrow({ where: { externalUserId: user, platform: 'slack' } });
    return h.prisma.outboxMessage.findMany({ where: { personId: identity.personId }, orderBy: { id: 'asc' } });
  };
  const postsTo = (channel: string) => fake.callsOf('chat.postMessage').filter((c) => c.args.channel === channel && c.result);

  it('posts with the outbox id as metadata; after the crash the next claim finds it in the history and posts nothing', async () => {
    const chat = h.chat('U0CRASH001', { platform: 'slack', tenant: TEAM });
    await chat.say('hjelp');
    const [row] = await rowsOf('U0CRASH001');
    if (!row) throw new Error('no outbox row');

    expect(await crashingDispatcher().kick()).toBe(1);
    expect(postsTo('D0CRASH001')).toHaveLength(1);
    expect(postsTo('D0CRASH001')[0]?.args.metadata).toEqual({ event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: row.id } });
    // The mark was lost: the row is still pending under the dead claim's lease.
    expect((await rowsOf('U0CRASH001'))[0]).toMatchObject({ status: 'pending', attempts: 0, leaseToken: expect.any(String) });

    // Within the lease nobody touches it; after it, the next claim counts the unfinished one.
    expect(await dispatcher.kick()).toBe(0);
    h.clock.advance(LEASE_MS);
    expect(await dispatcher.kick()).toBe(1);
    expect(postsTo('D0CRASH001')).toHaveLength(1);
    const history = fake.callsOf('conversations.history');
    expect(history).toHaveLength(1);
    expect(history[0]?.args).toMatchObject({ channel: 'D0CRASH001', include_all_metadata: 'true', limit: String(PAGE_SIZE) }) // form fields, as the WebClient sends them;
    const [sent] = await rowsOf('U0CRASH001');
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, leaseToken: null, externalRef: { channel: 'D0CRASH001', ts: postsTo('D0CRASH001')[0]?.result?.ts } });
  });

  it('finds it below what the person wrote since, on a later page', async () => {
    const chat = h.chat('U0CRASH002', { platform: 'slack', tenant: TEAM });
    await chat.say('hjelp');
    expect(await crashingDispatcher().kick()).toBe(1);
    // The person wrote twenty lines meanwhile (newer than the bot's message).
    const dm = fake.messages.get('D0CRASH002') ?? [];
    for (let i = 0; i < 20; i += 1) dm.push({ type: 'message', user: 'U0CRASH002', bot_id: '', app_id: '', text: `line ${i}`, ts: `1800000000.${String(i).padStart(6, '0')}` });
    h.clock.advance(LEASE_MS);
    expect(await dispatcher.kick()).toBe(1);
    expect(postsTo('D0CRASH002')).toHaveLength(1);
    expect(fake.callsOf('conversations.history')).toHaveLength(2);
    expect(MAX_PAGES).toBeGreaterThanOrEqual(2);
  });

  it('a failure before posting: looks, finds nothing, posts once', async () => {
    const chat = h.chat('U0CRASH003', { platform: 'slack', tenant: TEAM });
    await chat.say('hjelp');
    await dispatcher.kick(); // opens the DM and posts the greeting
    fake.clear();
    await chat.say('hjelp');
    fake.fail('chat.postMessage', { status: 500 });
    expect(await dispatcher.kick()).toBe(0);
    expect((await rowsOf('U0CRASH003')).at(-1)).toMatchObject({ status: 'pending', attempts: 1 });
    h.clock.advance(1000);
    expect(await dispatcher.kick()).toBe(1);
    expect(fake.callsOf('conversations.history')).toHaveLength(1);
    expect(postsTo('D0CRASH003')).toHaveLength(1);
    expect((await rowsOf('U0CRASH003')).at(-1)).toMatchObject({ status: 'sent' });
  });

  it('a first try posts without looking, and a 429 (not an attempt) does not make it look', async () => {
    const chat = h.chat('U0CRASH004', { platform: 'slack', tenant: TEAM });
    fake.fail('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    await chat.say('hjelp');
    expect(await dispatcher.kick()).toBe(0);
    h.clock.advance(1000);
    expect(await dispatcher.kick()).toBe(1);
    expect(fake.callsOf('conversations.history')).toHaveLength(0);
    expect(postsTo('D0CRASH004')).toHaveLength(1);
  });

  it('a history it may not read (an install without im:history) posts rather than loses the message', async () => {
    const chat = h.chat('U0CRASH005', { platform: 'slack', tenant: TEAM });
    await chat.say('hjelp');
    fake.fail('chat.postMessage', { status: 500 });
    await dispatcher.kick();
    fake.fail('conversations.history', { status: 200, error: 'missing_scope' });
    h.clock.advance(1000);
    expect(await dispatcher.kick()).toBe(1);
    expect(postsTo('D0CRASH005')).toHaveLength(1);
  });
});
