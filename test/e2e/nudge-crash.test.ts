/**
 * Issue 14: a test kills the bot process in the middle of a nudge run (SIGKILL) and proves every
 * nudge was delivered exactly once after the restart. The real bot (src/main.ts in a child
 * process) on PostgreSQL, 200 pairs (400 people, one nudge each), the fake Slack Web API taking
 * 400 ms to answer each post, so that at the kill some posts have reached Slack whose answer the
 * bot never read: the messages Slack has and the outbox still holds as pending. The restarted bot
 * takes them up after their lease and must find them in the DM's history (posted.ts), not post
 * them again; the rest it posts once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/db.js';
import { DEFAULT_TEAM, FakeSlackWebApi } from '../support/slack/fake-web-api.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { postedIds, postsPerChannel, repeated, type SeededRun, seedPairs, startNudgeRun, until } from './nudge-run.js';

const PAIRS = 200;
const POST_MS = 400;

describe.skipIf(!testDatabaseUrl())('a nudge run through a SIGKILL (PostgreSQL)', () => {
  let db: TestDatabase;
  let fake: FakeSlackWebApi;
  let run: SeededRun;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ backend: 'postgres' });
    fake = new FakeSlackWebApi();
    await fake.start();
    fake.methodDelayMs['chat.postMessage'] = POST_MS;
    run = await seedPairs(db.prisma, { orgId: 'crash', team: DEFAULT_TEAM.team_id, pairs: PAIRS });
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) {
      if (bot.child.exitCode !== null || bot.child.signalCode !== null) continue;
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
    await fake?.stop();
    await db?.close();
  }, 60_000);

  const outbox = () => db.prisma.outboxMessage.findMany({ select: { id: true, personId: true, status: true, attempts: true } });

  it('delivers every nudge exactly once though the bot is killed half-way through posting them', async () => {
    await startNudgeRun(db.prisma, run.orgId);
    const first = await startBotProcess(fake, { url: db.url as string });
    bots.push(first);

    // Half-way: Slack has received a good part of the posts, not all, and some are in flight.
    const received = () => fake.callsOf('chat.postMessage').length;
    expect(await until(() => received() >= (2 * PAIRS) / 4, 90_000, 0), 'the run never got going').toBe(true);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, POST_MS + 200)); // the posts in flight land at "Slack"
    const beforeRestart = postedIds(fake, killedAt);
    const rows = await outbox();
    expect(rows).toHaveLength(2 * PAIRS); // one nudge per person, all written before the kill
    expect(beforeRestart.length).toBeGreaterThan(0);
    expect(beforeRestart.length).toBeLessThan(rows.length);
    // The window under test: posted at Slack, not marked sent.
    const postedNotMarked = beforeRestart.filter((id) => rows.find((r) => r.id === id)?.status === 'pending');
    expect(postedNotMarked.length, 'the kill left no post unmarked: nothing was tested').toBeGreaterThan(0);

    const second = await startBotProcess(fake, { url: db.url as string });
    bots.push(second);
    // The dead process's leases end after 60 s; then its unmarked posts are looked for, not posted.
    const allSent = async () => (await outbox()).every((r) => r.status === 'sent');
    expect(await until(allSent, 150_000), 'not every nudge was marked sent').toBe(true);

    const ids = postedIds(fake);
    expect(repeated(ids), 'outbox messages posted twice').toEqual([]);
    const perChannel = postsPerChannel(fake);
    const wrong = [...run.channels].filter(([, channel]) => perChannel.get(channel) !== 1).map(([personId, channel]) => `${personId}: ${perChannel.get(channel) ?? 0}`);
    expect(wrong, 'people without exactly one nudge').toEqual([]);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
    // The restarted bot found them in the history (attempts 1: the dead claim counted).
    const after = await outbox();
    for (const id of postedNotMarked) expect(after.find((r) => r.id === id)?.attempts).toBe(1);
    expect(fake.callsOf('conversations.history').length).toBeGreaterThanOrEqual(postedNotMarked.length);
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 300_000);
});
