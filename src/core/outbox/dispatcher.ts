/**
 * Delivers pending outbox messages through each channel's sender. Messages are written to the
 * outbox in the same transaction as the work that caused them, so a crash between "work done"
 * and "message sent" delays the message instead of losing it. Rate limits (429 with Retry-After)
 * push the next attempt back; nothing is dropped until MAX_ATTEMPTS.
 *
 * Different people are served side by side (a platform call takes 100–300 ms, so one at a time
 * would cap a deployment at a handful of messages a second); one person's messages go strictly
 * one after another, in the order they were written.
 */
import type { OutboxEntry } from '../domain.js';
import type { Clock, Logger, OutboxQueue, Recipient, RecipientKey, SentMark } from '../ports.js';
import { SendError, type ChannelSender } from './sender.js';

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;
const BATCH = 50;
/** People served at once per channel; each platform call is mostly waiting on the network. */
export const DELIVERY_CONCURRENCY = 8;
/**
 * How long a kick after a commit waits for the commits right behind it. Under load the claim
 * then takes the messages of several turns in one statement instead of one statement each (on
 * the embedded database every statement waits for its one session); a person waits 15 ms more.
 */
export const GATHER_MS = 15;
/** Wake-ups further away than this are left to the scheduler's tick (the clock may be a test's or the demo's). */
const MAX_WAKE_MS = 60_000;

/** Exponential back-off with a ceiling, for failures that gave no Retry-After. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

export class OutboxDispatcher {
  private running = new Map<string, Promise<number>>();
  private again = new Set<string>();
  private gathering: ReturnType<typeof setTimeout> | null = null;
  private wake: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private closed = false;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly senders: readonly ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Delivers what is due now on every channel; safe to call as often as you like. */
  async kick(): Promise<number> {
    const counts = await Promise.all(this.senders.map((s) => this.kickOne(s)));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** A kick GATHER_MS from now, shared by every call until then; failures are logged. For "I just wrote to the outbox". */
  kickSoon(): void {
    if (this.gathering || this.closed) return;
    this.gathering = setTimeout(() => {
      this.gathering = null;
      this.kick().catch((error: unknown) => this.log.error('outbox dispatch failed', { error }));
    }, GATHER_MS);
  }

  /** No more kicks from kickSoon (before the database closes); a delivery under way finishes. */
  close(): void {
    this.closed = true;
    if (this.gathering) clearTimeout(this.gathering);
    this.gathering = null;
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = null;
  }

  /**
   * A kick when a message becomes due again (a Retry-After of 1 s is kept to 1 s, not to the
   * scheduler's next 10-second tick). Only the earliest wake-up is kept; the tick is the safety net.
   */
  private wakeAt(at: Date): void {
    if (this.closed || (this.wake && this.wake.at <= at.getTime())) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const delay = Math.max(0, at.getTime() - this.clock.now().getTime());
    if (delay > MAX_WAKE_MS) return;
    const timer = setTimeout(() => {
      this.wake = null;
      this.kick().catch((error: unknown) => this.log.error('outbox dispatch failed', { error }));
    }, delay);
    timer.unref();
    this.wake = { at: at.getTime(), timer };
  }

  /** One delivery loop per channel at a time; a kick during a loop makes it go round once more. */
  private kickOne(sender: ChannelSender): Promise<number> {
    const current = this.running.get(sender.platform);
    if (current) {
      this.again.add(sender.platform);
      return current;
    }
    const loop = (async () => {
      let total = 0;
      do {
        this.again.delete(sender.platform);
        total += await this.deliverDue(sender);
      } while (this.again.has(sender.platform));
      return total;
    })().finally(() => this.running.delete(sender.platform));
    this.running.set(sender.platform, loop);
    return loop;
  }

  private async deliverDue(sender: ChannelSender): Promise<number> {
    let delivered = 0;
    for (;;) {
      const now = this.clock.now();
      const batch = await this.queue.claimDue(sender.platform, now, BATCH, new Date(now.getTime() + LEASE_MS));
      if (batch.length === 0) return delivered;
      // An address a sender learns (a DM it opened) is kept for the person's later messages in the batch.
      const recipients = new Map(batch.map((entry) => [recipientKey(entry), entry.recipient]));
      const marks = new SentMarks(this.queue, this.log);
      const lines = [...groupBy(batch, recipientKey).values()];
      const counts = await mapConcurrently(lines, DELIVERY_CONCURRENCY, (line) => this.deliverLine(sender, line, recipients, marks, now));
      await marks.flushed();
      delivered += counts.reduce((a, b) => a + b, 0);
      if (batch.length < BATCH) return delivered;
    }
  }

  /**
   * One person's messages of the batch, in order. After a failure the rest are released, not
   * tried: message 2 must not overtake message 1.
   */
  private async deliverLine(sender: ChannelSender, line: OutboxEntry[], recipients: Map<string, Recipient | null>, marks: SentMarks, now: Date): Promise<number> {
    let delivered = 0;
    // Prompts sent in this line and not yet marked sent in the database: a later message may replace one.
    const sentHere = new Map<string, unknown>();
    for (const [i, entry] of line.entries()) {
      const externalRef = await this.deliverOne(sender, entry, recipients, sentHere);
      if (externalRef === FAILED) {
        for (const held of line.slice(i + 1)) await this.queue.release(held.id, now);
        break;
      }
      if (entry.payload.prompt) sentHere.set(entry.payload.prompt.id, externalRef);
      marks.add({ id: entry.id, sentAt: this.clock.now(), externalRef });
      delivered += 1;
    }
    return delivered;
  }

  private async deliverOne(sender: ChannelSender, entry: OutboxEntry, recipients: Map<string, Recipient | null>, sentHere: Map<string, unknown>): Promise<unknown> {
    try {
      const replaceId = entry.payload.replacesPromptId;
      const replaceRef = !replaceId ? null : sentHere.has(replaceId) ? sentHere.get(replaceId) : await this.queue.findRefForPrompt(entry.organisationId, entry.personId, replaceId);
      const key = recipientKey(entry);
      const recipient = recipients.get(key) ?? null;
      const { externalRef, address } = await sender.send(entry, replaceRef ?? null, recipient);
      if (address !== undefined) {
        await this.queue.saveAddress(entry.organisationId, entry.personId, entry.platform, address);
        if (recipient) recipients.set(key, { ...recipient, address });
      }
      return externalRef ?? null;
    } catch (error) {
      if (error instanceof SendError && error.throttled && error.retryAfterMs !== null) {
        // A rate limit is not a failure: wait as told, as often as told; the person's later
        // messages wait behind this one, so their order holds through the whole storm.
        const next = new Date(this.clock.now().getTime() + error.retryAfterMs);
        this.log.info('outbox delivery throttled', { outboxId: entry.id, platform: entry.platform, reason: error.message, retryAfterMs: error.retryAfterMs });
        await this.queue.markThrottled(entry.id, error.message, next);
        this.wakeAt(next);
        return FAILED;
      }
      const attempts = entry.attempts + 1;
      const retryAfter = error instanceof SendError ? error.retryAfterMs : backoffMs(attempts);
      const giveUp = retryAfter === null || attempts >= MAX_ATTEMPTS;
      const next = giveUp ? null : new Date(this.clock.now().getTime() + retryAfter);
      const reason = error instanceof Error ? error.message : String(error);
      // Log ids and the platform's error only: the payload may hold a person's private words.
      this.log.warn('outbox delivery failed', { outboxId: entry.id, platform: entry.platform, attempts, giveUp, reason });
      await this.queue.markFailed(entry.id, reason, next);
      if (next) this.wakeAt(next);
      return FAILED;
    }
  }
}

const FAILED = Symbol('failed');

/**
 * Marks sent messages in the database, several per statement: while one write is under way,
 * the marks that arrive meanwhile wait and go together in the next. A message sent but not yet
 * marked when the process dies is sent again once its lease ends (at least once, never lost).
 */
class SentMarks {
  private pending: SentMark[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly log: Logger,
  ) {}

  add(mark: SentMark): void {
    this.pending.push(mark);
    this.writing ??= this.writeAll().finally(() => {
      this.writing = null;
    });
  }

  /** Resolves once every mark added so far is written (or its failure logged). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeAll(): Promise<void> {
    // Marks added in the same tick as the first go with it.
    await Promise.resolve();
    while (this.pending.length > 0) {
      const marks = this.pending.splice(0);
      try {
        await this.queue.markSent(marks);
      } catch (error) {
        // The messages stay leased and are sent again after the lease: a duplicate, never a loss.
        this.log.warn('outbox could not mark messages sent', { count: marks.length, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** `work` over every item, at most `limit` at a time; results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const recipientKey = (k: RecipientKey) => `${k.organisationId}\u0000${k.personId}\u0000${k.platform}`;
