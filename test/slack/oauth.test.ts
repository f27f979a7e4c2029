/**
 * Multi-workspace mode on the real app (no bot token; SLACK_CLIENT_ID/SECRET, SLACK_TOKEN_KEY):
 * /slack/install sends the admin to Slack's consent page with our scopes; Slack's redirect back
 * to /slack/oauth_redirect stores the installation (oauth.v2.access answered by the fake) and
 * registers the workspace (its state works once); from then on its events are authorised with its own bot token, and a
 * workspace that never installed is refused (401) without any reply. The person who installed the
 * app may create programmes there, like a workspace admin; other members may not.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/channels/slack/index.js';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { dmEvent } from '../support/slack/driver.js';
import { SlackPerson } from '../support/slack/person.js';
import { beginInstall, redirectBack } from './oauth-flow.js';

const TOKEN_KEY = randomBytes(32).toString('base64');

describe('Slack OAuth installs', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackApp({ SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '1234567890.0987654321', SLACK_CLIENT_SECRET: 'client-secret-for-tests', SLACK_TOKEN_KEY: TOKEN_KEY });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('needs no Slack call to start (no auth.test without a bot token)', () => {
    expect(app.fake.callsOf('auth.test')).toEqual([]);
  });

  it('refuses events from a workspace that has not installed the app', async () => {
    const res = await app.slack.event(dmEvent({ team: 'T0FJORD', user: 'U0EARLY001', channel: 'D0EARLY001', text: 'help' }));
    expect(res.status).toBe(401);
    expect(app.fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('installs through /slack/install and /slack/oauth_redirect, then serves the workspace with its own token', async () => {
    const install = await fetch(`${app.bot.url}/slack/install`, { redirect: 'manual' });
    expect(install.status).toBe(302);
    const location = new URL(install.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('scope')?.split(',').sort()).toEqual([...BOT_SCOPES].sort());
    const state = location.searchParams.get('state') ?? '';
    const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const back = await fetch(`${app.bot.url}/slack/oauth_redirect?code=fjord&state=${encodeURIComponent(state)}`, { headers: { cookie }, redirect: 'manual' });
    expect(back.status).toBe(200);
    expect(await back.text()).toContain('Thank you!');
    expect(app.fake.callsOf('oauth.v2.access')).toHaveLength(1);

    const res = await app.slack.event(dmEvent({ team: 'T0FJORD', user: 'U0FJORD001', channel: 'D0FJORD001', text: 'help' }));
    expect(res.status).toBe(200);
    const reply = await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0FJORD001'));
    expect(reply.token).toBe('xoxb-installed-fjord');
    // The notification is plain words (the emphasis lives in the blocks).
    expect(String(reply.args.text)).toContain('Dette kan du gjøre nå');
    expect(String(reply.args.text)).not.toContain('*');
  });

  it('accepts an OAuth state once: the same redirect again (a replay) is refused and installs nothing', async () => {
    const start = await beginInstall(app.bot.url);
    expect((await redirectBack(app.bot.url, 'once', start)).status).toBe(200);
    const replay = await redirectBack(app.bot.url, 'twice', start);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain('slack_oauth_invalid_state');
    expect(app.fake.callsOf('oauth.v2.access').map((c) => c.args.code)).not.toContain('twice');
    // A state the bot never handed out is refused the same way.
    const forged = await redirectBack(app.bot.url, 'forged', { state: 'made-up-state', cookie: 'slack-app-oauth-state=made-up-state' });
    expect(forged.status).toBe(400);
    expect(app.fake.callsOf('oauth.v2.access').map((c) => c.args.code)).not.toContain('forged');
  });

  it('lets the person who installed the app create a programme, and refuses a plain member', async () => {
    // The install above: oauth.v2.access named U0ADMIN001 as the installing user (authed_user).
    // Both are plain members to users.info (the fake's default), so only the installation says who may.
    const member = new SlackPerson(app.slack, app.fake, 'U0FJORD001', 'D0FJORD001', 'T0FJORD', 'member');
    await member.say('nytt program');
    await member.waitForText('Bare koordinatorer og administratorer');
    const installer = new SlackPerson(app.slack, app.fake, 'U0ADMIN001', 'D0ADMIN001', 'T0FJORD', 'installer');
    await installer.say('nytt program');
    const q = await installer.question();
    expect(q.actions.elements?.[0]?.text?.text).toBe('Fyll ut: Nytt program');
    const asked = app.fake.callsOf('users.info').filter((c) => c.args.user === 'U0ADMIN001');
    expect(asked.map((c) => c.token)).toEqual(['xoxb-installed-fjord']);
  });
});
