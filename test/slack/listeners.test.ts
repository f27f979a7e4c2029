/**
 * The listeners on a real Bolt App, fed payloads directly (no HTTP): the paths the sign-up does
 * not take — a select whose long values travel by position, a form button for a question that
 * is no longer open, a bare /mentor — each becomes the right neutral Inbound.
 */
import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../src/channels/slack/bolt-logger.js';
import { register } from '../../src/channels/slack/listeners/index.js';
import { WorkQueue } from '../../src/channels/slack/work-queue.js';
import type { HandleResult, MentorBridgeCore } from '../../src/core/app.js';
import type { Inbound, Outbound } from '../../src/core/messages.js';
import { createLogger } from '../../src/log.js';
import { texts } from '../support/harness.js';
import { fixture } from '../support/slack/driver.js';

class DirectReceiver implements Receiver {
  app?: App;
  init(app: App): void {
    this.app = app;
  }
  start = async () => undefined;
  stop = async () => undefined;
}

function setup(question: Outbound | null) {
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
  register(app, { core, log: createLogger('silent'), texts, defaultLocale: 'nb', queue: new WorkQueue(2) });
  const send = async (body: Record<string, unknown>): Promise<unknown> => {
    let acked: unknown = 'not acked';
    const ack = async (response?: unknown) => {
      acked = response;
    };
    const event: ReceiverEvent = { body, ack };
    await receiver.app?.processEvent(event);
    return acked;
  };
  return { inbounds, send };
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
    await send(click({ action_id: 'mb:multi:p7', type: 'checkboxes', selected_options: [{ value: 'v:en' }] }));
    expect(inbounds).toEqual([]);
    const state = { values: { 'mb:p7': { 'mb:multi:p7': { type: 'checkboxes', selected_options: [{ value: 'v:en' }, { value: 'v:ti' }] } } } };
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
});
