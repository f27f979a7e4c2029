/**
 * Only Slack gets in, and only registered workspaces get service. Requests are signed the way
 * Slack signs them; a wrong signature, a replayed (over five minutes old) timestamp or one dated
 * over a minute ahead is refused with 401 before anything runs; the url_verification handshake
 * answers its challenge; an event from a workspace other than the bot token's is acknowledged but
 * answered by nobody, and nothing is looked up about its sender with the bot's token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { dmEvent, fixture } from '../support/slack/driver.js';
import { DEFAULT_TEAM } from '../support/slack/fake-web-api.js';

describe('Slack request verification and tenancy', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const hello = (user: string, team = DEFAULT_TEAM.team_id) => dmEvent({ team, user, channel: `D${user.slice(1)}`, text: 'hjelp' });

  it('answers the url_verification challenge', async () => {
    const body = fixture<{ challenge: string }>('url-verification');
    const res = await app.slack.event(body);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ challenge: body.challenge });
  });

  it('refuses a forged signature with 401 and does nothing', async () => {
    const res = await app.slack.event(hello('U0FORGE001'), { secret: 'not-the-signing-secret' });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(app.fake.calls.filter((c) => c.args.channel === 'D0FORGE001')).toEqual([]);
  });

  it('refuses a correctly signed but stale request (timestamp over 5 minutes old) with 401', async () => {
    const res = await app.slack.event(hello('U0STALE001'), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(app.fake.calls.filter((c) => c.args.channel === 'D0STALE001')).toEqual([]);
  });

  it('refuses a correctly signed request dated over a minute ahead with 401, and stores nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const ahead = hello('U0AHEAD001');
    expect((await app.slack.event(ahead, { timestamp: now + 4 * 60 })).status).toBe(401);
    // Clocks drift: 30 s ahead is still Slack's "now". Answered after the refused one would have been.
    expect((await app.slack.event(hello('U0NEARLY01'), { timestamp: now + 30 })).status).toBe(200);
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0NEARLY01'));
    expect(app.fake.calls.filter((c) => JSON.stringify(c.args).includes('0AHEAD001'))).toEqual([]);
    // Not stored: the same event (same event id), signed now, is new to the inbox and answered.
    expect((await app.slack.event(ahead)).status).toBe(200);
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0AHEAD001'));
  });

  it('accepts the same request freshly signed (the control for the two above)', async () => {
    const res = await app.slack.event(hello('U0FRESH001'));
    expect(res.status).toBe(200);
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0FRESH001'));
  });

  it('acknowledges an event from an unregistered workspace but posts nothing', async () => {
    const res = await app.slack.event(hello('U0OUTSID01', 'T0UNKNOWN1'));
    expect(res.status).toBe(200);
    // A registered workspace's event sent after it is answered; by then the unknown one would have been too.
    await app.slack.event(hello('U0AFTER001'));
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0AFTER001'));
    expect(app.fake.calls.filter((c) => c.args.channel === 'D0OUTSID01' || c.args.users === 'U0OUTSID01')).toEqual([]);
  });

  it('refuses another workspace before anything is looked up with the bot token (no users.info)', async () => {
    const before = app.fake.calls.length;
    expect((await app.slack.event(hello('U0OUTSID03', 'T0UNKNOWN2'))).status).toBe(200);
    await app.slack.event(hello('U0AFTER003'));
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0AFTER003'));
    await new Promise((r) => setTimeout(r, 300));
    const made = app.fake.calls.slice(before);
    expect(made.filter((c) => JSON.stringify(c.args).includes('OUTSID03'))).toEqual([]);
    expect(made.filter((c) => c.method === 'users.info').map((c) => c.args.user)).toEqual(['U0AFTER003']);
  });

  it('tells a person who uses /mentor in an unregistered workspace, privately, and nothing more', async () => {
    const fields = { ...fixture<Record<string, string>>('command-mentor'), team_id: 'T0UNKNOWN1', user_id: 'U0OUTSID02', trigger_id: 'tr-unknown-1', response_url: `${app.fake.url.replace(/api\/$/, '')}respond/unknown` };
    const res = await app.slack.command(fields);
    expect(res.status).toBe(200);
    const reply = await app.fake.waitFor(() => app.fake.calls.find((c) => c.method === 'respond/unknown'));
    expect(reply.args).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Mentor Bridge er ikke satt opp') });
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0OUTSID02')).toEqual([]);
    expect(app.fake.callsOf('users.info').filter((c) => c.args.user === 'U0OUTSID02')).toEqual([]);
  });

  it('ignores bot messages and message subtypes (edits, joins)', async () => {
    const bot = hello('U0BOTMSG01') as { event: Record<string, unknown> };
    bot.event.bot_id = 'B0OTHER001';
    const edit = hello('U0EDITED01') as { event: Record<string, unknown> };
    edit.event.subtype = 'message_changed';
    expect((await app.slack.event(bot)).status).toBe(200);
    expect((await app.slack.event(edit)).status).toBe(200);
    await app.slack.event(hello('U0AFTER002'));
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0AFTER002'));
    expect(app.fake.calls.filter((c) => c.args.channel === 'D0BOTMSG01' || c.args.channel === 'D0EDITED01')).toEqual([]);
  });
});
