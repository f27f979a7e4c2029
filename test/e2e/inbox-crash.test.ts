/**
 * Nothing Slack was told "received" is lost or done twice, whatever happens to the process: the
 * real bot (src/main.ts in a child process, on the embedded database and on PostgreSQL) gets
 * 200 signed DM events from 20 people as fast as it takes them and is killed (SIGKILL) or
 * stopped (SIGTERM) half-way; restarted, it answers every acknowledged event exactly once, and
 * Slack's redeliveries of the unacknowledged ones once each too. For the SIGTERM, users.info is
 * slow (a struggling Slack during a deploy), so the work falls behind the acknowledgements and
 * more is left than the shutdown's grace can finish.
 *
 * Counting replies at the fake Web API counts the inbox's work only if the outbox adds no
 * duplicates of its own. The outbox's own crash window (posted, not yet recorded as sent) is
 * closed for Slack elsewhere: each post carries its outbox id and a retry looks for it in the
 * channel's history first (src/channels/slack/posted.ts, test/slack/exactly-once.test.ts). Here
 * Slack answers chat.postMessage with 429 during the SIGKILL run all the same, so that this test
 * measures the inbox alone: every reply is still written, and none is posted before the restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOP_BOUND_MS } from '../../src/main.js';
import { openDatabase } from '../../src/store/database.js';
import { createEmptyPostgresDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';
import { FakeSlackWebApi } from '../support/slack/fake-web-api.js';
import { acknowledged, type BotProcess, type Delivery, deliver, deliveries, expectedPerChannel, repliesPerChannel, startBotProcess } from './bot-process.js';
import { makeDataDir, removeDataDir } from './support.js';

const BACKENDS: TestBackend[] = testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
const PEOPLE = 20;

/** Waits until every person has as many replies (beyond `before`) as they have acknowledged events; then a moment more, for any extra. */
async function waitForAnswers(fake: FakeSlackWebApi, events: Delivery[], before: Map<string, number>, timeoutMs: number): Promise<Map<string, number>> {
  const expected = expectedPerChannel(events);
  const got = () => new Map([...expected.keys()].map((ch) => [ch, (repliesPerChannel(fake).get(ch) ?? 0) - (before.get(ch) ?? 0)]));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && [...expected].some(([ch, n]) => (got().get(ch) ?? 0) < n)) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 1500));
  return got();
}

describe.each(BACKENDS)('Slack events through a crash and a deploy, on %s', (backend) => {
  let fake: FakeSlackWebApi;
  let database: { url: string; drop(): Promise<void> } | { dataDir: string };
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    fake = new FakeSlackWebApi();
    await fake.start();
    const server = testDatabaseUrl();
    database = backend === 'postgres' && server ? await createEmptyPostgresDatabase(server) : { dataDir: await makeDataDir() };
    bot = await startBotProcess(fake, database);
    // First contact for everyone (a greeting may come with it), so that every later "help" is one
    // reply: the people of the SIGKILL run (W) and of the SIGTERM run (T).
    const hello = [...deliveries(PEOPLE, 1, 'W'), ...deliveries(PEOPLE, 1, 'T')];
    await deliver(bot.url, hello, 10);
    await waitForAnswers(fake, hello, new Map(), 30_000);
  }, 120_000);

  afterAll(async () => {
    if (bot && bot.child.exitCode === null && bot.child.signalCode === null) {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await fake?.stop();
    if (database && 'drop' in database) await database.drop();
    else if (database) await removeDataDir(database.dataDir);
  }, 60_000);

  /** Every inbox row of these events: one per event, all done. */
  async function inboxRows(events: Delivery[]): Promise<string[]> {
    const db = await openDatabase('url' in database ? { databaseUrl: database.url } : { dataDir: `${database.dataDir}/pglite` });
    try {
      const rows = await db.prisma.inboxItem.findMany({ where: { dedupeKey: { in: events.map((e) => e.eventId) } } });
      return rows.map((r) => r.status);
    } finally {
      await db.close();
    }
  }

  it('answers every acknowledged event exactly once after SIGKILL half-way through 200', async () => {
    if (!bot) throw new Error('no bot');
    const events = deliveries(PEOPLE, 10, 'W', 1);
    const before = repliesPerChannel(fake);
    fake.fail('chat.postMessage', { status: 429, retryAfterSeconds: 1, times: Number.POSITIVE_INFINITY });
    const running = bot;
    await deliver(running.url, events, 40, (acked) => {
      if (acked === 120) running.child.kill('SIGKILL');
    });
    expect((await running.exited).signal).toBe('SIGKILL');
    const ackedBeforeKill = events.filter(acknowledged).length;
    expect(ackedBeforeKill).toBeGreaterThanOrEqual(120);
    expect(ackedBeforeKill).toBeLessThan(200);

    fake.fail('chat.postMessage', { status: 200, times: 0 });
    bot = await startBotProcess(fake, database);
    // Slack delivers again what got no 200 (with x-slack-retry-num), and nothing else.
    await deliver(bot.url, events.filter((e) => !acknowledged(e)), 10, undefined, true);
    expect(events.every(acknowledged)).toBe(true);

    // PostgreSQL: the dead process's leases run out first (30 s); replies it had claimed wait for the outbox's (60 s).
    const got = await waitForAnswers(fake, events, before, 120_000);
    expect(got).toEqual(expectedPerChannel(events));
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(200);
    // The kill did leave acknowledged work in the inbox, and the new process took it up.
    const takenUp = bot.logs.filter((l) => String(l.msg).startsWith('inbox: t')).reduce((n, l) => n + Number(l.count), 0);
    expect(takenUp).toBeGreaterThan(0);
  }, 240_000);

  it('on SIGTERM stops within the bound, leaves the rest in the inbox, and answers everything once after the restart', async () => {
    if (!bot) throw new Error('no bot');
    const events = deliveries(PEOPLE, 10, 'T', 1);
    const before = repliesPerChannel(fake);
    // A fresh process has not asked Slack about the T people yet; Slack now takes 30 s to say (each
    // turn waits 1.5 s at most, then goes on without): the work falls far behind the acks.
    bot.child.kill('SIGTERM');
    await bot.exited;
    bot = await startBotProcess(fake, database);
    fake.methodDelayMs['users.info'] = 30_000;
    const running = bot;
    let signalledAt = 0;
    await deliver(running.url, events, 40, (acked) => {
      if (acked !== 100) return;
      signalledAt = performance.now();
      running.child.kill('SIGTERM');
    });
    const exit = await running.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(STOP_BOUND_MS);
    // It said how much it left for the next process.
    const stopped = running.logs.find((l) => l.msg === 'inbox stopped');
    expect(stopped?.leftPending).toBeGreaterThan(0);
    expect(running.logs.some((l) => l.msg === 'mentor bridge stopped')).toBe(true);

    fake.methodDelayMs['users.info'] = 0;
    bot = await startBotProcess(fake, database);
    await deliver(bot.url, events.filter((e) => !acknowledged(e)), 10, undefined, true);
    expect(events.every(acknowledged)).toBe(true);
    const got = await waitForAnswers(fake, events, before, 60_000);
    expect(got).toEqual(expectedPerChannel(events));

    bot.child.kill('SIGTERM');
    expect((await bot.exited).code).toBe(0);
    bot = undefined;
    expect(await inboxRows(events)).toEqual(events.map(() => 'done'));
  }, 180_000);
});
