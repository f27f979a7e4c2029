/**
 * app_uninstalled and tokens_revoked on the real bot (OAuth installs, PostgreSQL): the workspace's
 * installation and token are deleted and its organisation marked; a message still waiting for
 * that workspace ends undelivered (visible to coordinators: an audit entry with the reason) instead
 * of being retried; nothing more is sent with the old token; a reinstall clears the mark.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNDELIVERABLE_ACTION } from '../../src/core/outbox/dispatcher.js';
import { testDatabaseUrl } from '../support/db.js';
import { dmEvent } from '../support/slack/driver.js';
import { install, startOAuthApp } from './oauth-flow.js';

/** An Events API callback as Slack sends these two: no authorizations (the token is gone). */
const lifecycle = (team: string, event: Record<string, unknown>) => ({
  token: 'verification-token',
  team_id: team,
  api_app_id: 'A0MENTOR01',
  event: { ...event, event_ts: `${Math.floor(Date.now() / 1000)}.000100` },
  type: 'event_callback',
  event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
  event_time: Math.floor(Date.now() / 1000),
});

/** Polls the database until `read` finds something (or fails after `timeoutMs`). */
async function until<T>(read: () => Promise<T | null>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await read();
    if (found) return found;
    if (Date.now() > end) throw new Error('timed out waiting for the database');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(testDatabaseUrl())('Slack app_uninstalled and tokens_revoked', () => {
  let run: Awaited<ReturnType<typeof startOAuthApp>>;
  beforeAll(async () => {
    run = await startOAuthApp();
    await install(run.app.bot.url, 'gone');
    await install(run.app.bot.url, 'revoked');
  });
  afterAll(async () => {
    await run?.stop();
  });

  const organisation = (team: string) => run.db.prisma.organisation.findFirstOrThrow({ where: { platform: 'slack', externalId: team } });

  it('app_uninstalled: forgets the token, marks the organisation, and a waiting message ends undelivered', async () => {
    const { app, db } = run;
    const dm = (text: string) => app.slack.event(dmEvent({ team: 'T0GONE', user: 'U0GONE0001', channel: 'D0GONE0001', text }));
    expect((await dm('help')).status).toBe(200);
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0GONE0001'));
    // The next reply meets a rate limit and waits 2 s: it is still queued when the app is removed.
    app.fake.fail('chat.postMessage', { status: 429, retryAfterSeconds: 2 });
    const posts = () => app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0GONE0001');
    expect((await dm('hjelp')).status).toBe(200);
    await app.fake.waitFor(() => posts().length === 2);

    expect((await app.slack.event(lifecycle('T0GONE', { type: 'app_uninstalled' }))).status).toBe(200);
    const org = await organisation('T0GONE');
    expect(org.uninstalledAt).not.toBeNull();
    expect(await db.prisma.slackInstallation.count({ where: { teamId: 'T0GONE' } })).toBe(0);

    const failed = await until(() => db.prisma.outboxMessage.findFirst({ where: { organisationId: org.id, status: 'failed' } }), 10_000);
    expect(failed.lastError).toMatch(/no installation/);
    expect(await db.prisma.outboxMessage.count({ where: { organisationId: org.id, status: 'pending' } })).toBe(0);
    const audit = await db.prisma.auditEvent.findMany({ where: { organisationId: org.id, action: UNDELIVERABLE_ACTION } });
    expect(audit.map((a) => (a.data as { reason?: string }).reason)).toEqual(['not-authorised']);
    expect(posts()).toHaveLength(2);
  });

  it('tokens_revoked: user tokens alone change nothing; the bot token revoked is handled as an uninstall', async () => {
    const { app, db } = run;
    expect((await app.slack.event(lifecycle('T0REVOKED', { type: 'tokens_revoked', tokens: { oauth: ['U0ADMIN001'], bot: [] } }))).status).toBe(200);
    expect(await db.prisma.slackInstallation.count({ where: { teamId: 'T0REVOKED' } })).toBe(1);
    expect((await organisation('T0REVOKED')).uninstalledAt).toBeNull();

    expect((await app.slack.event(lifecycle('T0REVOKED', { type: 'tokens_revoked', tokens: { bot: ['U0INSTBOT1'] } }))).status).toBe(200);
    expect(await db.prisma.slackInstallation.count({ where: { teamId: 'T0REVOKED' } })).toBe(0);
    expect((await organisation('T0REVOKED')).uninstalledAt).not.toBeNull();
    // Its events are refused from now on, as any workspace's without an installation.
    expect((await app.slack.event(dmEvent({ team: 'T0REVOKED', user: 'U0REVOK001', channel: 'D0REVOK001', text: 'help' }))).status).toBe(401);
  });

  it('a reinstall clears the mark and serves the workspace again', async () => {
    const { app } = run;
    await install(app.bot.url, 'gone');
    expect((await organisation('T0GONE')).uninstalledAt).toBeNull();
    expect((await app.slack.event(dmEvent({ team: 'T0GONE', user: 'U0GONE0002', channel: 'D0GONE0002', text: 'help' }))).status).toBe(200);
    const reply = await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0GONE0002'));
    expect(reply.token).toBe('xoxb-installed-gone');
  });
});
