/**
 * Socket Mode with the database away: an envelope whose inbound cannot be stored is not
 * acknowledged (Bolt would ack before the listeners ran; index.ts holds the ack), so Slack
 * delivers it again; once the database is back, the redelivery is acknowledged and answered once.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../support/db.js';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { dmEvent } from '../support/slack/driver.js';
import { FakeSocketMode } from '../support/slack/fake-socket-mode.js';

const server = testDatabaseUrl();

async function admin(sql: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

describe.runIf(server)('Slack over Socket Mode while the database is down', () => {
  let app: SlackTestApp;
  let socket: FakeSocketMode;
  let database: { url: string; drop(): Promise<void> };
  const name = () => new URL(database.url).pathname.slice(1);

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase(server as string);
    socket = new FakeSocketMode();
    await socket.start();
    app = await startSlackApp({ SLACK_APP_TOKEN: 'xapp-1-A0MENTOR01-1234567890-abcdef', DATABASE_URL: database.url }, (f) => {
      f.socketModeUrl = socket.url;
    });
    await socket.connected();
  });

  afterAll(async () => {
    await admin(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await app?.stop();
    await socket?.stop();
    await database?.drop();
  });

  it('does not acknowledge what it could not store, and answers the redelivery once the database is back', async () => {
    const event = dmEvent({ team: 'T0MENTOR1', user: 'U0DOWN0001', channel: 'D0DOWN0001', text: 'help', eventId: 'Ev0SOCKDOWN01' });
    await admin(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS false`);
    await admin('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name()]);
    socket.sendEvent('env-down-1', event);
    await new Promise((r) => setTimeout(r, 3000));
    expect(socket.acks).not.toContain('env-down-1');

    await admin(`ALTER DATABASE "${name()}" ALLOW_CONNECTIONS true`);
    socket.sendEvent('env-down-2', event);
    await app.fake.waitFor(() => socket.acks.includes('env-down-2'), 10_000, 'the redelivery acknowledged');
    await app.fake.waitFor(() => app.fake.callsOf('chat.postMessage').find((c) => c.args.channel === 'D0DOWN0001'), 10_000, 'the reply');
    await new Promise((r) => setTimeout(r, 500));
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'D0DOWN0001')).toHaveLength(1);
    expect(socket.acks).not.toContain('env-down-1');
  });
});
