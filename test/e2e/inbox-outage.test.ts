/**
 * PostgreSQL away for 7 seconds while Slack events keep coming (the real bot in a child process,
 * on a database of its own that the test closes: no new connections, and every open one ended).
 * Slack gets a 200 only for what was stored; what could not be stored is answered with an error
 * status, and Slack delivers it again later. Afterwards every event Slack got a 200 for is
 * answered, and each redelivered one too — exactly once. Teams and the playground answer only
 * after their work has committed, so an outage gives them an error status as well (Teams
 * redelivers; the page says so), and nothing they were told "received" is lost.
 *
 * As in inbox-crash.test.ts, Slack answers chat.postMessage with 429 until the database is
 * back, so that the outbox's own send-then-record window (a post that could not be recorded as
 * sent during the outage is posted again: at least once) does not blur the count of the inbox's work.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyPostgresDatabase, testDatabaseUrl } from '../support/db.js';
import { SIGNING_SECRET } from '../support/slack/app.js';
import { SignedSlack } from '../support/slack/driver.js';
import { FakeSlackWebApi } from '../support/slack/fake-web-api.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { TeamsUser } from '../support/teams/teams-user.js';
import { acknowledged, type BotProcess, type Delivery, deliver, deliveries, expectedPerChannel, repliesPerChannel, startBotProcess } from './bot-process.js';
import { send } from './support.js';

const server = testDatabaseUrl();
const PEOPLE = 10;

async function admin<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The database goes away: no new connections, and the bot's open ones are ended. */
const block = (name: string) =>
  admin(async (c) => {
    await c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  });
const unblock = (name: string) => admin((c) => c.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`));

/** Sends the events at a steady pace (`perSecond`), without waiting for the answers in between. */
async function paced(url: string, events: Delivery[], perSecond: number, onSent: (i: number) => Promise<void> | void): Promise<void> {
  const slack = new SignedSlack(url, SIGNING_SECRET);
  const started = performance.now();
  const answers: Promise<void>[] = [];
  for (const [i, event] of events.entries()) {
    const wait = started + (i * 1000) / perSecond - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await onSent(i);
    answers.push(
      slack.event(event.body).then(
        (res) => void event.statuses.push(res.status),
        () => void event.statuses.push('error'),
      ),
    );
  }
  await Promise.all(answers);
}

describe.runIf(server)('a PostgreSQL outage under Slack load', () => {
  let fake: FakeSlackWebApi;
  let connector: FakeConnector;
  let database: { url: string; drop(): Promise<void> };
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    fake = new FakeSlackWebApi();
    await fake.start();
    connector = new FakeConnector();
    await connector.start();
    database = await createEmptyPostgresDatabase(server as string);
    bot = await startBotProcess(fake, database, { TEAMS_ENABLED: 'true', PLAYGROUND: 'true' });
  }, 120_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await fake?.stop();
    await connector?.stop();
    await database?.drop();
  }, 60_000);

  it('answers every event Slack got a 200 for, and every one it delivered again, exactly once', async () => {
    if (!bot) throw new Error('no bot');
    const name = new URL(database.url).pathname.slice(1);
    const hello = deliveries(PEOPLE, 1, 'O');
    await deliver(bot.url, hello, 5);
    await fake.waitFor(() => hello.every((e) => (repliesPerChannel(fake).get(e.channel) ?? 0) >= 1), 30_000, 'the greetings');
    const kari = new TeamsUser(bot.url, connector, { aadObjectId: '00000000-0000-4000-8000-0000000000aa', name: 'Kari', locale: 'nb-NO' });
    expect((await kari.say('hjelp')).status).toBe(200);
    await connector.waitFor(() => kari.messages().length >= 1, 30_000);
    const kariBefore = kari.messages().length;
    expect((await send(bot.url, 'sara', { kind: 'text', text: 'help' })).status).toBe(202);

    const events = deliveries(PEOPLE, 8, 'O', 1);
    const before = repliesPerChannel(fake);
    fake.fail('chat.postMessage', { status: 429, retryAfterSeconds: 1, times: Number.POSITIVE_INFINITY });
    const during: Array<{ what: string; status: number }> = [];
    const teamsRetry = kari.activity('message', { text: 'hjelp', id: 'f:outage-activity-1' });
    // 80 events over 10 s; the database goes away after 2 s and comes back 7 s later.
    await paced(bot.url, events, 8, async (i) => {
      if (i === 16) await block(name);
      if (i === 40) {
        during.push({ what: 'teams', status: (await kari.post(teamsRetry)).status });
        during.push({ what: 'playground', status: (await send(bot?.url ?? '', 'sara', { kind: 'text', text: 'help' }, 'outage-key-0001')).status });
      }
      if (i === 72) await unblock(name);
    });
    // What Slack was not told "received" it delivers again (here: once the database is back).
    const refused = events.filter((e) => !acknowledged(e));
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.statuses.every((s) => s === 'error' || s >= 500))).toBe(true);
    expect(during.every((d) => d.status >= 500)).toBe(true);

    await new Promise((r) => setTimeout(r, 2000));
    fake.fail('chat.postMessage', { status: 200, times: 0 });
    await deliver(bot.url, refused, 5, undefined, true);
    expect(events.every(acknowledged)).toBe(true);
    // Teams and the playground, delivered again after the outage: handled once.
    expect((await kari.post(teamsRetry)).status).toBe(200);
    expect((await kari.post(teamsRetry)).status).toBe(200);
    expect((await send(bot.url, 'sara', { kind: 'text', text: 'help' }, 'outage-key-0001')).body).toEqual({ status: 'handled' });
    expect((await send(bot.url, 'sara', { kind: 'text', text: 'help' }, 'outage-key-0001')).body).toEqual({ status: 'duplicate' });

    // Kari's message from the outage, delivered twice after it: answered once.
    await connector.waitFor(() => kari.messages().length >= kariBefore + 1, 30_000);

    const expected = expectedPerChannel(events);
    const got = () => new Map([...expected.keys()].map((ch) => [ch, (repliesPerChannel(fake).get(ch) ?? 0) - (before.get(ch) ?? 0)]));
    const until = Date.now() + 120_000;
    while (Date.now() < until && [...expected].some(([ch, n]) => (got().get(ch) ?? 0) < n)) await new Promise((r) => setTimeout(r, 250));
    await new Promise((r) => setTimeout(r, 1500));
    expect(got()).toEqual(expected);
    expect(kari.messages().length).toBe(kariBefore + 1);
  }, 240_000);
});
