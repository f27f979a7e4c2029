/**
 * The Slack sender under the real outbox dispatcher, with a clock the test moves: proactive
 * messages open the DM and keep its address; a 429 waits exactly Retry-After and then delivers;
 * a 500 backs off; an error that retrying cannot fix gives up. Real core and database (harness),
 * fake Web API on 127.0.0.1.
 */
import { describe, expect, it } from 'vitest';
import type { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import type { Harness } from '../support/harness.js';
import { BOT_TOKEN } from '../support/slack/app.js';
import { useSlackDelivery } from '../support/slack/delivery.js';
import { DEFAULT_TEAM, type FakeSlackWebApi } from '../support/slack/fake-web-api.js';

const TEAM = DEFAULT_TEAM.team_id;

describe('SlackSender with the outbox dispatcher', () => {
  let h: Harness;
  let fake: FakeSlackWebApi;
  let dispatcher: OutboxDispatcher;
  useSlackDelivery((started) => ({ h, fake, dispatcher } = started));

  const outboxOf = async (user: string) => {
    const identity = await h.prisma.channelIdentity.findFirstOrThrow({ where: { externalUserId: user, platform: 'slack' } });
    return h.prisma.outboxMessage.findMany({ where: { personId: identity.personId }, orderBy: { id: 'asc' } });
  };

  it('opens the DM with conversations.open for a person it has no address for, posts, and keeps the address', async () => {
    const chat = h.chat('U0PROACT01', { platform: 'slack', tenant: TEAM });
    await chat.say('hjelp');
    expect(await dispatcher.kick()).toBe(1);
    expect(fake.calls.map((c) => c.method)).toEqual(['conversations.open', 'chat.postMessage']);
    expect(fake.calls[0]?.args).toMatchObject({ users: 'U0PROACT01' });
    expect(fake.calls[1]?.args).toMatchObject({ channel: 'D0PROACT01' });
    expect(fake.calls[1]?.token).toBe(BOT_TOKEN);
    const identity = await h.prisma.channelIdentity.findFirstOrThrow({ where: { externalUserId: 'U0PROACT01' } });
    expect(identity.address).toEqual({ channel: 'D0PROACT01' });

    await chat.say('profil');
    await dispatcher.kick();
    expect(fake.callsOf('conversations.open')).toHaveLength(1);
  });

  it('waits Retry-After on a 429 and then delivers, dropping nothing', async () => {
    const chat = h.chat('U0RATED001', { platform: 'slack', tenant: TEAM });
    fake.fail('conversations.open', { status: 429, retryAfterSeconds: 2 });
    await chat.say('hjelp');
    expect(await dispatcher.kick()).toBe(0);
    const [pending] = await outboxOf('U0RATED001');
    expect(pending).toMatchObject({ status: 'pending', attempts: 0, lastError: 'slack rate limited' }); // a rate limit is not an attempt
    expect(pending?.nextAttemptAt.getTime()).toBe(h.clock.now().getTime() + 2000);

    h.clock.advance(1999);
    expect(await dispatcher.kick()).toBe(0); // not due yet
    h.clock.advance(1);
    expect(await dispatcher.kick()).toBe(1);
    expect((await outboxOf('U0RATED001'))[0]).toMatchObject({ status: 'sent' });
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('backs off after a 500 (a plain error: the dispatcher’s exponential back-off)', async () => {
    const chat = h.chat('U0FIVEHUN1', { platform: 'slack', tenant: TEAM });
    fake.fail('conversations.open', { status: 500 });
    await chat.say('hjelp');
    expect(await dispatcher.kick()).toBe(0);
    const [pending] = await outboxOf('U0FIVEHUN1');
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: 'slack http 500' });
    h.clock.advance(1000);
    expect(await dispatcher.kick()).toBe(1);
  });

  it('gives up at once when Slack says the user or channel is gone', async () => {
    const chat = h.chat('U0GONE0001', { platform: 'slack', tenant: TEAM });
    fake.fail('conversations.open', { status: 200, error: 'user_not_found' });
    await chat.say('hjelp');
    expect(await dispatcher.kick()).toBe(0);
    expect((await outboxOf('U0GONE0001'))[0]).toMatchObject({ status: 'failed', lastError: 'slack: user_not_found' });
  });

  it('updates the answered question in place, and posts anew when Slack cannot update it', async () => {
    const chat = h.chat('U0UPDATE01', { platform: 'slack', tenant: TEAM });
    await chat.say('språk');
    await dispatcher.kick();
    const question = fake.callsOf('chat.postMessage').at(-1);
    await chat.click('en');
    await dispatcher.kick();
    const update = fake.callsOf('chat.update').at(-1);
    expect(update?.args).toMatchObject({ channel: question?.args.channel, ts: question?.result?.ts });

    await chat.say('språk');
    await dispatcher.kick();
    fake.fail('chat.update', { status: 200, error: 'message_not_found' });
    const posts = fake.callsOf('chat.postMessage').length;
    await chat.click('nb');
    await dispatcher.kick();
    expect(fake.callsOf('chat.postMessage').length).toBe(posts + 2);
  });
});
