/**
 * Bot tokens at rest: an OAuth install stores its token once, sealed with SLACK_TOKEN_KEY
 * (AES-256-GCM): no column of any row holds the token's text, and the workspace's events are still
 * answered with it. Without the key, OAuth installs do not start.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { testDatabaseUrl } from '../support/db.js';
import { dmEvent } from '../support/slack/driver.js';
import { install, startOAuthApp, whereIs } from './oauth-flow.js';

describe('SLACK_TOKEN_KEY', () => {
  const oauth = { SLACK_SIGNING_SECRET: 'signing-secret', SLACK_CLIENT_ID: '1234567890.0987654321', SLACK_CLIENT_SECRET: 'client-secret' };

  it('is required when Slack installs through OAuth, with a message that says what to set', () => {
    expect(() => loadConfig(oauth)).toThrow(/SLACK_TOKEN_KEY: required when Slack installs through OAuth/);
    expect(() => loadConfig({ SLACK_SIGNING_SECRET: 'signing-secret', SLACK_BOT_TOKEN: 'xoxb-1-2-abc' })).not.toThrow();
  });

  it('is 32 bytes, written as base64 or hex', () => {
    const key = randomBytes(32);
    expect(loadConfig({ ...oauth, SLACK_TOKEN_KEY: key.toString('base64') }).SLACK_TOKEN_KEY).toEqual(key);
    expect(loadConfig({ ...oauth, SLACK_TOKEN_KEY: key.toString('hex') }).SLACK_TOKEN_KEY).toEqual(key);
    for (const bad of ['short', randomBytes(16).toString('base64'), randomBytes(31).toString('hex')]) {
      expect(() => loadConfig({ ...oauth, SLACK_TOKEN_KEY: bad })).toThrow(/SLACK_TOKEN_KEY must be 32 random bytes/);
    }
  });
});

describe.runIf(testDatabaseUrl())('Slack bot tokens at rest (OAuth installs, PostgreSQL)', () => {
  let run: Awaited<ReturnType<typeof startOAuthApp>>;
  beforeAll(async () => {
    run = await startOAuthApp();
  });
  afterAll(async () => {
    await run?.stop();
  });

  it('stores the token once, sealed: no column of any row holds it, and events are still authorised with it', async () => {
    const { app, db } = run;
    await install(app.bot.url, 'sealed');
    expect(await db.prisma.slackInstallation.count({ where: { teamId: 'T0SEALED' } })).toBe(1);
    expect(await whereIs(db.prisma, 'xoxb-installed-sealed')).toEqual([]);

    const res = await app.slack.event(dmEvent({ team: 'T0SEALED', user: 'U0SEALED01', channel: 'D0SEALED01', text: 'help' }));
    expect(res.status).toBe(200);
    const reply = await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0SEALED01'));
    expect(reply.token).toBe('xoxb-installed-sealed');
    expect(app.fake.callsOf('users.info').filter((c) => c.args.user === 'U0SEALED01').map((c) => c.token)).toEqual(['xoxb-installed-sealed']);
  });
});
