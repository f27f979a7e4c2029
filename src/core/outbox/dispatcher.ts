/**
 * Delivers pending outbox messages through each channel's sender. Messages are written to the
 * outbox in the same transaction as the work that caused them, so a crash between "work done"
 * and "message sent" delays the message instead of losing it. Rate limits (429 with Retry-After)
 * push the next attempt back; nothing is dropped until MAX_ATTEMPTS.
 */
import type { OutboxEntry } from '../domain.js';
import type { Clock, Logger, OutboxQueue, Recipient, RecipientKey } from '../ports.js';
import { SendError, type ChannelSender } from './sender.js';

export const MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;
const BATCH = 50;

/** Exponential back-off with a ceiling, for failures that gave no Retry-After. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

export class OutboxDispatcher {
  private running = new Map<string, Promise<number>>();
  private again = new Set<string>();

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
      // Every recipient of the batch in one read; an address a sender learns is kept for the rest of it.
      const found = await this.queue.recipients(batch);
      const recipients = new Map(batch.map((entry, i) => [recipientKey(entry), found[i] ?? null]));
      // A person whose message failed gets nothing more in this batch: message 2 must not overtake message 1.
      const blocked = new Set<string>();
      for (const entry of batch) {
        if (blocked.has(entry.personId)) {
          await this.queue.release(entry.id, now);
          continue;
        }
        if (await this.deliverOne(sender, entry, recipients)) delivered += 1;
        else blocked.add(entry.personId);
      }
      if (batch.length < BATCH) return delivered;
    }
  }

  private async deliverOne(sender: ChannelSender, entry: OutboxEntry, recipients: Map<string, Recipient | null>): Promise<boolean> {
    try {
      const replaceId = entry.payload.replacesPromptId;
      const replaceRef = replaceId ? await this.queue.findRefForPrompt(entry.organisationId, entry.personId, replaceId) : null;
      const key = recipientKey(entry);
      const recipient = recipients.get(key) ?? null;
      const { externalRef, address } = await sender.send(entry, replaceRef ?? null, recipient);
      if (address !== undefined) {
        await this.queue.saveAddress(entry.organisationId, entry.personId, entry.platform, address);
        if (recipient) recipients.set(key, { ...recipient, address });
      }
      await this.queue.markSent(entry.id, this.clock.now(), externalRef);
      return true;
    } catch (error) {
      const attempts = entry.attempts + 1;
      const retryAfter = error instanceof SendError ? error.retryAfterMs : backoffMs(attempts);
      const giveUp = retryAfter === null || attempts >= MAX_ATTEMPTS;
      const next = giveUp ? null : new Date(this.clock.now().getTime() + retryAfter);
      const reason = error instanceof Error ? error.message : String(error);
      // Log ids and the platform's error only: the payload may hold a person's private words.
      this.log.warn('outbox delivery failed', { outboxId: entry.id, platform: entry.platform, attempts, giveUp, reason });
      await this.queue.markFailed(entry.id, reason, next);
      return false;
    }
  }
}

const recipientKey = (k: RecipientKey) => `${k.organisationId}\u0000${k.personId}\u0000${k.platform}`;
