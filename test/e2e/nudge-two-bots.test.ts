/**
 * Issue 14: two bot processes on one PostgreSQL run the jobs and the outbox together, and no job
 * runs twice and no message goes twice. The real bot twice (src/main.ts in two child processes,
 * each with a bot token of its own so the fake Slack can tell who posted), a nudge run of 300
 * pairs (600 people: two `nudges.send` chunks) and an ordinary job for each of them (a
 * training reminder, one message each), all due at once; the fake Slack Web API answers each
 * post after 100 ms, so both processes are busy at the same time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDatabaseUrl } from '../support/db.js';
import { BOT_TOKEN } from '../support/slack/app.js';
import { DEFAULT_TEAM, FakeSlackWebApi } from '../support/slack/fake-web-api.js';
import { type BotProcess, startBotProcess } from './bot-process.js';
import { dueJob, postedIds, postsPerChannel, repeated, type SeededRun, seedPairs, startNudgeRun, until } from './nudge-run.js';

const PAIRS = 300;
const TOKENS = [`${BOT_TOKEN}-first`, `${BOT_TOKEN}-second`];

describe.skipIf(!testDatabaseUrl())('two bot processes on one PostgreSQL: a nudge run and ordinary jobs', () => {
  let db: TestDatabase;
  let fake: FakeSlackWebApi;
  let run: SeededRun;
  const bots: BotProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ backend: 'postgres' });
    fake = new FakeSlackWebApi();
    await fake.start();
    fake.methodDelayMs['chat.postMessage'] = 100;
    run = await seedPairs(db.prisma, { orgId: 'twin', team: DEFAULT_TEAM.team_id, pairs: PAIRS });
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

  it('runs every job once and posts every message once', async () => {
    await startNudgeRun(db.prisma, run.orgId);
    for (const personId of run.channels.keys()) await dueJob(db.prisma, run.orgId, 'training.send-reminder', `training.send-reminder:${personId}-m`, { membershipId: `${personId}-m` });
    bots.push(...(await Promise.all(TOKENS.map((token) => startBotProcess(fake, { url: db.url as string }, { SLACK_BOT_TOKEN: token })))));

    const people = run.channels.size;
    const outbox = () => db.prisma.outboxMessage.findMany({ select: { id: true, personId: true, status: true } });
    // Every person's two messages written and sent (a nudge and a reminder).
    const done = async () => {
      const rows = await outbox();
      return rows.length >= 2 * people && rows.every((r) => r.status === 'sent');
    };
    expect(await until(done, 180_000, 3000), 'not everything was sent').toBe(true);

    // No job ran twice: each was claimed once and finished (the planner's next hour may wait).
    const jobs = await db.prisma.scheduledJob.findMany({ where: { dueAt: { lte: new Date() } }, select: { kind: true, status: true, attempts: true } });
    const summary = new Map<string, number>();
    for (const j of jobs) summary.set(`${j.kind} ${j.status} ${j.attempts}`, (summary.get(`${j.kind} ${j.status} ${j.attempts}`) ?? 0) + 1);
    const plans = summary.get('nudges.plan done 1') ?? 0; // 2 if the test ran across the hour
    expect(Object.fromEntries(summary)).toEqual({ 'nudges.plan done 1': plans, 'nudges.send done 1': 2, 'training.send-reminder done 1': people });
    expect(plans).toBeGreaterThanOrEqual(1);

    // Their effects once: two messages per person, and each posted once.
    const rows = await outbox();
    const perPerson = new Map<string, number>();
    for (const r of rows) perPerson.set(r.personId, (perPerson.get(r.personId) ?? 0) + 1);
    expect([...perPerson.values()].every((n) => n === 2) && perPerson.size === people).toBe(true);
    const ids = postedIds(fake);
    expect(repeated(ids), 'outbox messages posted twice').toEqual([]);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.id)));
    const perChannel = postsPerChannel(fake);
    expect([...run.channels.values()].filter((channel) => perChannel.get(channel) !== 2)).toEqual([]);

    // Both processes posted (each has its own token), so they really did share the work.
    const byToken = new Map<string, number>();
    for (const c of fake.callsOf('chat.postMessage')) byToken.set(String(c.token), (byToken.get(String(c.token)) ?? 0) + 1);
    for (const token of TOKENS) expect(byToken.get(token) ?? 0, `posts by ${token.slice(-6)}`).toBeGreaterThan(0);
  }, 300_000);
});
