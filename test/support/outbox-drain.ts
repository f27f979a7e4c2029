/**
 * Delivers what the outbox has due now, as often as it takes. One `dispatcher.kick()` is not
 * enough when a test looks right after it: Teams' tenant pacing (30 requests a second, one slot
 * every 35 ms) may hold a message back a few milliseconds because the reply before it just went,
 * and the kick then returns with the message still pending. This kicks until nothing pending is
 * due within `withinMs` (a held-back slot is), so messages put off for minutes (a failure's
 * retry) are left alone, as the test expects.
 */
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import type { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';

export async function deliverDue(app: { prisma: PrismaClient; dispatcher: OutboxDispatcher }, withinMs = 2_000, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await app.dispatcher.kick();
    const due = await app.prisma.outboxMessage.count({ where: { status: 'pending', nextAttemptAt: { lte: new Date(Date.now() + withinMs) } } });
    if (due === 0) return;
    if (Date.now() > until) throw new Error(`${due} outbox message(s) still due after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
