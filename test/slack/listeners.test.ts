/**
 * The listeners on a real Bolt App, fed payloads directly (no HTTP): the paths the sign-up does
 * not take — a select whose long values travel by position, a form button for a question that
 * is no longer open, a bare /mentor — each becomes the right neutral Inbound; and what Slack says
 * about the person (users.info) is added to it, without holding up a modal's acknowledgement.
 * Each listener stores its inbound in the inbox before the acknowledgement, and the work follows;
 * when the inbox cannot store it, there is no acknowledgement (Slack delivers again).
 */
import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../src/channels/slack/bolt-logger.js';
import { withProfile } from '../../src/channels/slack/listeners/deps.js';
import { register } from '../../src/channels/slack/listeners/index.js';
import type { SlackProfile } from '../../src/channels/slack/profiles.js';
import type { HandleResult, MentorBridgeCore } from '../../src/core/app.js';
import { Inbox } from '../../src/core/inbox/inbox.js';
import type { Inbound, Outbound } from '../../src/core/messages.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { texts } from '../support/harness.js';
import { MemoryInboxQueue } from '../support/memory-inbox.js';
import { fixture } from '../support/slack/driver.js';

class DirectReceiver implements Receiver {
  app?: App;
  init(app: App): void {
    this.app = app;
  }
  start = async () => undefined;
  stop = async () => undefined;
}

/** Profiles as SlackProfiles gives them: `known` from memory (peek), `asked` only by waiting (get). */
function stubProfiles(known: Record<string, SlackProfile> = {}, asked: Record<string, SlackProfile> = {}) {
  const calls: string[] = [];
  return {
    calls,
    get: async (_tenant: string, user: string) => {
      calls.push(`get:${user}`);
      return known[user] ?? asked[user] ?? {};
    },
    peek: (_tenant: string, user: string) => {
      calls.push(`peek:${user}`);
      return known[user] ?? {};
    },
  };
}

function setup(question: Outbound | null, profiles = stubProfiles()) {
  const inbounds: Inbound[] = [];
  const core: Pick<MentorBridgeCore, 'handleInbound' | 'home' | 'currentQuestion'> = {
    handleInbound: async (raw) => {
      inbounds.push(raw as Inbound);
      return { status: 'handled', organisationId: 'o', personId: 'p' } satisfies HandleResult;
    },
    home: async () => null,
    currentQuestion: async () => question,
  };
  const receiver = new DirectReceiver();
  const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-test', botUserId: 'U0BOT0001' }), logger: boltLogger(createLogger('silent')) });
  const queue = new MemoryInboxQueue();
  const log = createLogger('silent');
  const inbox = new Inbox({ queue, handle: (inbounds) => Promise.allSettled(inbounds.map((i) => core.handleInbound(i))), clock: { now: () => new Date('2026-11-30T10:00:00Z') }, ids: createIdSource(), log });
  inbox.prepareWith('slack', (inbound) => withProfile({ profiles }, inbound));
  register(app, { core, inbox, log, texts, defaultLocale: 'nb', profiles });
  /** Feeds a payload as the receiver would; resolves with what was acknowledged once the work is done. */
  const send = async (body: Record<string, unknown>): Promise<unknown> => {
    let acked: unknown = 'not acked';
    const ack = async (response?: unknown) => {
      acked = response;
    };
    const event: ReceiverEvent = { body, ack };
    await receiver.app?.processEvent(event);
    await inbox.idle();
    return acked;
  };
  return { inbounds, send, queue };
}

const click = (action: Record<string, unknown>) => ({ ...fixture('block-actions-button'), actions: [{ block_id: 'mb:p7', action_ts: '1700000011.1', ...action }] });

describe('Slack listeners → Inbound', () => {
  it('decodes a select option sent by position through the open question', async () => {
    const long = 'x'.repeat(300);
    const question: Outbound = { text: 'Which?', prompt: { id: 'p7', spec: { kind: 'choice', options: Array.from({ length: 7 }, (_, i) => ({ value: `${i}${long}`, label: `P${i}` })) } } };
    const { inbounds, send } = setup(question);
    await send(click({ action_id: 'mb:select:p7', type: 'static_select', selected_option: { value: 'i:3', text: { type: 'plain_text', text: 'P3' } } }));
    expect(inbounds).toEqual([expect.objectContaining({ dedupeKey: 'action:U0SARA0001:1700000011.1', tenant: 'T0MENTOR1', event: { kind: 'choice', promptId: 'p7', values: [`3${long}`] } })]);
    expect(inbounds[0]?.user).toMatchObject({ externalId: 'U0SARA0001', address: { channel: 'D0SARA0001' } });
  });

  it('ignores ticking a box, and answers with the ticks when the submit button is pressed', async () => {
    const { inbounds, send } = setup(null);
    await send(click({ action_id: 'mb:multi:p7', type: 'checkboxes', selected_options: [{ value: 'en' }] }));
    expect(inbounds).toEqual([]);
    const state = { values: { 'mb:p7': { 'mb:multi:p7': { type: 'checkboxes', selected_options: [{ value: 'en' }, { value: 'v:ti' }] } } } };
    await send({ ...click({ action_id: 'mb:multisubmit:p7', type: 'button', value: 'submit' }), state });
    expect(inbounds.map((i) => i.event)).toEqual([{ kind: 'choice', promptId: 'p7', values: ['en', 'ti'] }]);
  });

  it('sends a form click for a question no longer open on to the core as a stale answer', async () => {
    const { inbounds, send } = setup(null);
    await send(click({ action_id: 'mb:form:p7', type: 'button', value: 'form' }));
    expect(inbounds.map((i) => i.event)).toEqual([{ kind: 'choice', promptId: 'p7', values: [] }]);
  });

  it('turns a bare /mentor into help, acknowledged at once', async () => {
    const { inbounds, send } = setup(null);
    const acked = await send({ ...fixture('command-mentor'), text: '' });
    expect(acked).toBeUndefined();
    expect(inbounds.map((i) => [i.dedupeKey, i.event])).toEqual([['command:13345224609.738474920.8088930838d88f008e0', { kind: 'text', text: 'hjelp' }]]);
  });

  it('adds what Slack says about the person (language, time zone, admin) to a DM', async () => {
    const profiles = stubProfiles({}, { U0SARA0001: { locale: 'nb-NO', timeZone: 'Europe/Oslo', isAdmin: false } });
    const { inbounds, send } = setup(null, profiles);
    await send(fixture('event-message-im'));
    expect(inbounds).toHaveLength(1);
    expect(inbounds[0]?.user).toEqual({ externalId: 'U0SARA0001', address: { channel: 'D0SARA0001' }, locale: 'nb-NO', timeZone: 'Europe/Oslo', isAdmin: false });
    expect(profiles.calls).toEqual(['get:U0SARA0001']);
  });

  it('leaves the fields out when Slack said nothing', async () => {
    const { inbounds, send } = setup(null);
    await send(fixture('event-message-im'));
    expect(inbounds[0]?.user).toEqual({ externalId: 'U0SARA0001', address: { channel: 'D0SARA0001' } });
  });

  it('does not wait for Slack before a modal submission is acknowledged: only what is known goes along', async () => {
    const question: Outbound = { text: 'Form', prompt: { id: 'p9', spec: { kind: 'form', title: 'Form', submitLabel: 'Save', fields: [] } } };
    const profiles = stubProfiles({ U0SARA0001: { locale: 'en-US', isAdmin: true } });
    const { inbounds, send } = setup(question, profiles);
    const view = fixture<{ view: Record<string, unknown> }>('view-submission');
    const acked = await send({ ...view, view: { ...view.view, private_metadata: JSON.stringify({ promptId: 'p9' }) } });
    expect(acked).toBeUndefined();
    expect(inbounds.map((i) => [i.event.kind, i.user.locale, i.user.isAdmin])).toEqual([['form', 'en-US', true]]);
    expect(profiles.calls.every((c) => c.startsWith('peek:'))).toBe(true);
    expect(profiles.calls.length).toBeGreaterThan(0);
  });

  it('stores a DM in the inbox before it is worked, and a redelivery of it is stored and worked once', async () => {
    const { inbounds, send, queue } = setup(null);
    await send(fixture('event-message-im'));
    await send(fixture('event-message-im'));
    expect(queue.rows.map((r) => [r.dedupeKey, r.externalUserId])).toEqual([['Ev0MSG0000001', 'U0SARA0001']]);
    expect(inbounds).toHaveLength(1);
  });

  it('does not acknowledge a click or a command the inbox could not store, so that Slack delivers it again', async () => {
    const { inbounds, send, queue } = setup(null);
    queue.down = true;
    await expect(send(click({ action_id: 'mb:choice:p7', type: 'button', value: 'en' }))).rejects.toThrow('connection refused');
    await expect(send({ ...fixture('command-mentor'), text: 'help' })).rejects.toThrow('connection refused');
    expect(inbounds).toEqual([]);
    queue.down = false;
    await send(click({ action_id: 'mb:choice:p7', type: 'button', value: 'en' }));
    expect(inbounds.map((i) => i.event)).toEqual([{ kind: 'choice', promptId: 'p7', values: ['en'] }]);
  });
});
