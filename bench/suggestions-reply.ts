/**
 * What a mentee feels when she asks for mentors: the time from sending "mentors" in the
 * playground until her three cards arrive on her stream, against "help" (the cheapest full turn)
 * for the same person in the same run. The real app (startMentorBridge) on its embedded database,
 * as `./scripts/start.sh` runs it: first with the demo programme's three mentors, then with
 * MENTORS more mentors (random realistic profiles, bench/support/profiles.ts) added to it.
 * Asking again withdraws her earlier cards and offers new ones, so every sample does the whole
 * work: read the mentors and their places, score, record three suggestions, send the card.
 *
 *   npx tsx bench/suggestions-reply.ts [mentors=2000] [samples=40]
 *
 * Target: the cards arrive within 1 s at p95 with 2,000 mentors, and within 3× of "help" with the
 * demo's three.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { EMPTY_PROFILE } from '../src/core/domain.js';
import { startMentorBridge } from '../src/main.js';
import { openDatabase } from '../src/store/database.js';
import { PrismaStore } from '../src/store/prisma-store.js';
import { createIdSource } from '../src/ids.js';
import { e2eConfig, makeDataDir, removeDataDir } from '../test/e2e/support.js';
import { openStream } from '../test/playground/support.js';
import { profileSource } from './support/profiles.js';

const MENTORS = Number(process.argv[2] ?? 2000);
const SAMPLES = Number(process.argv[3] ?? 40);
const MENTEES = ['amina', 'yonas'];

interface Figures {
  p50: number;
  p95: number;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const figures = (samples: number[]): Figures => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
};

/** Sends `text` as `user` and waits for the bot's next message on her stream (for "mentors": the one with the cards' buttons). */
async function timeReply(url: string, user: string, text: string, wantPrompt: boolean): Promise<number> {
  const stream = await openStream(`${url}/playground/stream?user=${user}`);
  try {
    while ((await stream.next(10_000)).event !== 'ready') {
      // the stored history is replayed first
    }
    const started = performance.now();
    const res = await fetch(`${url}/playground/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, dedupeKey: randomUUID(), event: { kind: 'text', text } }),
    });
    if (!res.ok) throw new Error(`${text} answered ${res.status}`);
    for (;;) {
      const event = await stream.next(30_000);
      if (event.event !== 'message') continue;
      const message = JSON.parse(event.data) as { message: { prompt?: { spec?: { kind?: string } } } };
      if (!wantPrompt || message.message.prompt?.spec?.kind === 'choice') return performance.now() - started;
    }
  } finally {
    stream.close();
  }
}

async function measure(url: string, label: string): Promise<void> {
  const help: number[] = [];
  const mentors: number[] = [];
  // Warm-up: the first turns load code paths and fill caches.
  for (const user of MENTEES) {
    await timeReply(url, user, 'help', false);
    await timeReply(url, user, 'mentors', true);
  }
  for (let i = 0; i < SAMPLES; i++) {
    const user = MENTEES[i % MENTEES.length]!;
    help.push(await timeReply(url, user, 'help', false));
    mentors.push(await timeReply(url, user, 'mentors', true));
  }
  const h = figures(help);
  const m = figures(mentors);
  console.log(`${label}: "help" p50 ${h.p50.toFixed(0)} ms, p95 ${h.p95.toFixed(0)} ms; "mentors" (three cards) p50 ${m.p50.toFixed(0)} ms, p95 ${m.p95.toFixed(0)} ms; ratio p50 ${(m.p50 / h.p50).toFixed(2)}×`);
}

/** Adds `count` mentors with finished profiles to the demo programme, straight into the data folder. */
async function addMentors(dataDir: string, count: number): Promise<void> {
  // Where the app keeps its embedded database (main.ts).
  const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    const ids = createIdSource();
    const clock = { now: () => new Date() };
    const store = new PrismaStore(db.prisma, { ids, clock });
    const { profile } = profileSource(1);
    const programme = await db.prisma.programme.findFirstOrThrow({ where: { joinCode: 'DEMO2026' } });
    const org = programme.organisationId;
    const now = new Date();
    for (let start = 0; start < count; start += 200) {
      await store.transaction(async (r) => {
        for (let i = start; i < Math.min(count, start + 200); i++) {
          const personId = ids.next();
          await r.people.create({ id: personId, organisationId: org, displayName: `Mentor ${i}`, locale: 'nb', timeZone: 'Europe/Oslo' });
          await r.memberships.create({
            id: ids.next(), organisationId: org, programmeId: programme.id, personId, role: 'mentor', status: 'active', consentedAt: now,
            consentVersion: 'bench', profileDoneAt: now, profile: { ...EMPTY_PROFILE, ...profile(true), fullName: `Mentor ${i}` }, joinedAt: now, leftAt: null,
          });
        }
      });
    }
  } finally {
    await db.close();
  }
}

const dataDir = await makeDataDir();
try {
  const config = e2eConfig(dataDir, { NODE_ENV: 'development', PLAYGROUND: 'true' });
  let app = await startMentorBridge(config);
  await measure(app.url, 'demo programme (3 mentors)');
  await app.stop();
  const t = performance.now();
  await addMentors(dataDir, MENTORS);
  console.log(`(added ${MENTORS} mentors in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  app = await startMentorBridge(config);
  await measure(app.url, `with ${MENTORS + 3} mentors`);
  await app.stop();
} finally {
  await removeDataDir(dataDir);
}
