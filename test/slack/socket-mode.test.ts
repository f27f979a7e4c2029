/**
 * Socket Mode (SLACK_APP_TOKEN): no public URL; the real Bolt app opens a WebSocket to the URL that
 * apps.connections.open gives it, acknowledges each envelope, and answers over the Web API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN, type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { dmEvent } from '../support/slack/driver.js';
import { FakeSocketMode } from '../support/slack/fake-socket-mode.js';
import type { FakeSlackWebApi } from '../support/slack/fake-web-api.js';

const APP_TOKEN = 'xapp-1-A0MENTOR01-1234567890-abcdef';
let app: SlackTestApp;
let fake: FakeSlackWebApi;
let socket: FakeSocketMode;

beforeAll(async () => {
  socket = new FakeSocketMode();
  await socket.start();
  app = await startSlackApp({ SLACK_APP_TOKEN: APP_TOKEN }, (f) => {
    f.socketModeUrl = socket.url;
  });
  fake = app.fake;
});

afterAll(async () => {
  await app?.stop();
  await socket?.stop();
});

describe('Slack over Socket Mode', () => {
  it('connects with the app-level token, acknowledges an event and answers in the DM', async () => {
    await socket.connected();
    const open = fake.callsOf('apps.connections.open');
    expect(open.map((c) => c.token)).toEqual([APP_TOKEN]);

    socket.sendEvent('env-1', dmEvent({ team: 'T0MENTOR1', user: 'U0SARA0001', channel: 'D0SARA0001', text: 'help', eventId: 'Ev0SOCK000001' }));
    const posted = await fake.waitFor(() => fake.callsOf('chat.postMessage').at(0), 10_000, 'the help reply');
    expect(socket.acks).toContain('env-1');
    expect(posted.token).toBe(BOT_TOKEN);
    expect(posted.args.channel).toBe('D0SARA0001');
    expect(String(posted.args.text)).toMatch(/hjelp|help/i);
  });

  it('acts once when Slack redelivers the same event over the socket', async () => {
    fake.clear();
    const event = dmEvent({ team: 'T0MENTOR1', user: 'U0SARA0001', channel: 'D0SARA0001', text: 'profil', eventId: 'Ev0SOCK000002' });
    socket.sendEvent('env-2', event);
    socket.sendEvent('env-3', event);
    await fake.waitFor(() => fake.callsOf('chat.postMessage').at(0), 10_000, 'the profile reply');
    await new Promise((r) => setTimeout(r, 500));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    expect(socket.acks).toEqual(expect.arrayContaining(['env-2', 'env-3']));
  });
});
