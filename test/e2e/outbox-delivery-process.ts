/**
 * A bot process reduced to its outbox: an OutboxDispatcher on a PostgreSQL database, kicked the
 * way the scheduler kicks it (here every KICK_MS rather than every 10 s), delivering to a slow
 * fake platform over HTTP. Started by outbox-two-bots.test.ts, twice, on one database.
 *
 * Environment: DATABASE_URL, PLATFORM_URL (the fake platform), LEASE_MS, KICK_MS, NAME. Prints
 * one line "ready" once connected; exits by itself once nothing is pending any more, or on SIGTERM.
 */
import type { OutboxEntry } from '../../src/core/domain.js';
import { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import { type ChannelSender, SendError } from '../../src/core/outbox/sender.js';
import { createLogger } from '../../src/log.js';
import { openDatabase } from '../../src/store/database.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const platformUrl = need('PLATFORM_URL');
const name = need('NAME');
const kickMs = Number(need('KICK_MS'));

/** Posts each message to the fake platform, which takes its time (like Slack at 2 s a call) and records it. */
const sender: ChannelSender = {
  platform: 'slack',
  async send(entry: OutboxEntry) {
    const response = await fetch(`${platformUrl}/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: entry.id, personId: entry.personId, text: entry.payload.text, by: name }),
    });
    if (!response.ok) throw new SendError(`fake platform answered ${response.status}`, 1_000);
    return { externalRef: await response.json() };
  },
};

const db = await openDatabase({ databaseUrl: need('DATABASE_URL') });
const log = createLogger('warn');
const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [sender], { now: () => new Date() }, log, { leaseMs: Number(need('LEASE_MS')) });

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});
process.stdout.write('ready\n');

// The scheduler's tick: a kick that finds a delivery loop running makes it go round once more.
const ticks = setInterval(() => void dispatcher.kick().catch((error: unknown) => log.error('outbox dispatch failed', { error })), kickMs);
while (!stopping) {
  await new Promise((resolve) => setTimeout(resolve, kickMs));
  const pending = await db.prisma.outboxMessage.count({ where: { status: 'pending' } });
  if (pending === 0) break;
}
clearInterval(ticks);
dispatcher.close();
await dispatcher.kick(); // a delivery under way finishes before the database closes
await db.close();
