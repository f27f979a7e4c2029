/**
 * Delivers pending outbox messages through each channel's sender. Messages are written to the
 * outbox in the same transaction as the work that caused them, so a crash between "work done"
 * and "message sent" delays the message instead of losing it. Rate limits (429 with Retry-After)
 * push the next attempt back without counting; other failures are retried with back-off until
 * MAX_ATTEMPTS. A message that ends undelivered (retrying cannot help, or it failed every
 * attempt) is recorded in the audit log with the reason in a word, for the people who look
 * after its recipient (the coordinator's home view and help list them).
 *
 * Several processes may deliver from one database: a claim leases its messages, the lease is
 * renewed while the batch is delivered (lease.ts), and a message is sent only while this process
 * still holds it, so a slow platform does not hand the rest of a batch to a second process.
 *
 * Different people are served side by side (a platform call takes 100–300 ms, so one at a time
 * would cap a deployment at a handful of messages a second); one person's messages go strictly
 * one after another, in the order they were written.
 */
import type { ClaimedEntry, Clock, Logger, OutboxQueue, Recipient, RecipientKey } from '../ports.js';
import type { Platform } from '../messages.js';
import { groupBy, mapConcurrently } from './batch-helpers.js';
import { HeldBackWrites, Lease, SentMarks } from './lease.js';
import { type ChannelSender, type DeliveryFailure, SendError } from './sender.js';

export const MAX_ATTEMPTS = 12;
/** How long a claim holds its messages; renewed every third of it while the batch is delivered. */
export const LEASE_MS = 60_000;
const BATCH = 50;
/**
 * After a claim whose messages were mostly put back (slots booked by a pacer: a weekly run's
 * thousands due at once), the next claims take this many: booking costs a claim's statement
 * and one write, and a claim's statement costs about the same whatever its limit.
 */
const BOOKING_BATCH = 500;
/** The audit action of a message that ended undelivered (data: outboxId, platform, reason, attempts). */
export const UNDELIVERABLE_ACTION = 'outbox:undeliverable';
/**
 * People served at once per channel; each platform call is mostly waiting on the network. The
 * platforms allow 20–30 a second per workspace or tenant, and a call takes 100–300 ms: 8 at once
 * capped a deployment's Teams tenants together at about 65 a second (8 / 120 ms), under the 120
 * that four tenants allow. The pacers, not this, keep each workspace and tenant to its rate.
 */
export const DELIVERY_CONCURRENCY = 32;
/**
 * How long a kick after a commit waits for the commits right behind it. Under load the claim
 * then takes the messages of several turns in one statement instead of one statement each (on
 * the embedded database every statement waits for its one session); a person waits 15 ms more.
 */
export const GATHER_MS = 15;
/** Wake-ups further away than this are left to the scheduler's tick (the clock may be a test's or the demo's). */
const MAX_WAKE_MS = 60_000;
/** Added to every wake-up so that it never comes before the message is due. */
const WAKE_SLACK_MS = 20;
/** Wake-ups are kept to this grain: a paced run of thousands of slots needs one kick per grain, not per slot. */
const WAKE_GRAIN_MS = 50;

/** Exponential back-off with a ceiling, for failures that gave no Retry-After. */
export function backoffMs(attempt: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5 * 60_000);
}

export interface DispatcherOptions {
  /** LEASE_MS unless given (tests shorten it to see a batch outlast its lease). */
  leaseMs?: number;
}

export class OutboxDispatcher {
  private readonly leaseMs: number;
  /** The delivery loops under way, per channel (more than one only for a sender with overlappingClaims). */
  private running = new Map<string, Set<Promise<number>>>();
  /** Kicks so far, per channel: a loop compares before and after its round. */
  private kicks = new Map<string, number>();
  /** Per channel, the claim under way (or the last one queued): claims go one at a time. */
  private claims = new Map<string, Promise<void>>();
  private gathering: ReturnType<typeof setTimeout> | null = null;
  private wake: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;
  /** Every wake-up asked for (ms, sorted, one per grain); the timer serves the earliest, then the next. */
  private wakes: number[] = [];
  private closed = false;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly senders: readonly ChannelSender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    options: DispatcherOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? LEASE_MS;
  }

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
    this.wakes = [];
  }

  /**
   * A kick when a message becomes due again (a Retry-After of 1 s is kept to 1 s, not to the
   * scheduler's next 10-second tick). Every wake-up is kept, not only the earliest: a paced run
   * (slots booked for thousands of messages, src/channels/slack/pacing.ts) would otherwise wait
   * for the tick after the first slot. The tick is the safety net.
   */
  private wakeAt(at: Date): void {
    if (this.closed || at.getTime() - this.clock.now().getTime() > MAX_WAKE_MS) return;
    const t = Math.ceil(at.getTime() / WAKE_GRAIN_MS) * WAKE_GRAIN_MS;
    let i = this.wakes.length;
    while (i > 0 && (this.wakes[i - 1] as number) > t) i -= 1;
    if (this.wakes[i - 1] !== t) this.wakes.splice(i, 0, t);
    this.armWake();
  }

  /** One timer, at the earliest wake-up; when it fires it serves every wake-up up to its own and arms the next. */
  private armWake(): void {
    const first = this.wakes[0];
    if (this.closed || first === undefined || (this.wake && this.wake.at <= first)) return;
    if (this.wake) clearTimeout(this.wake.timer);
    // Node may fire a timer a millisecond early by the wall clock; a wake-up that found nothing
    // due yet would leave the message to the 10-second tick, so it comes a little late instead.
    const delay = Math.max(0, first - this.clock.now().getTime()) + WAKE_SLACK_MS;
    const timer = setTimeout(() => {
      this.wake = null;
      // By its own time, not the clock's: a test's clock may stand still, and each wake-up fires once.
      while ((this.wakes[0] ?? Number.POSITIVE_INFINITY) <= first) this.wakes.shift();
      this.kick().catch((error: unknown) => this.log.error('outbox dispatch failed', { error }));
      this.armWake();
    }, delay);
    timer.unref();
    this.wake = { at: first, timer };
  }

  /**
   * One delivery loop per channel at a time (or the sender's overlappingClaims). A loop goes round
   * once more when a kick came after its round began, also when that kick started a loop of its
   * own: the new loop's claim skips a person's message held behind one this loop has leased, and
   * only this loop, once its batch is done, can take it. Resolves when every loop of the channel
   * under way at the call has ended, so "kick, then look" sees what was due delivered.
   */
  private kickOne(sender: ChannelSender): Promise<number> {
    const platform = sender.platform;
    this.kicks.set(platform, (this.kicks.get(platform) ?? 0) + 1);
    const loops = this.running.get(platform) ?? new Set<Promise<number>>();
    this.running.set(platform, loops);
    if (loops.size < Math.max(1, sender.overlappingClaims ?? 1) && !this.claims.has(platform)) {
      const loop: Promise<number> = (async () => {
        let total = 0;
        for (;;) {
          const seen = this.kicks.get(platform);
          total += await this.deliverDue(sender);
          if (this.kicks.get(platform) === seen) return total;
        }
      })().finally(() => loops.delete(loop));
      loops.add(loop);
    }
    return Promise.all([...loops]).then((counts) => counts.reduce((a, b) => a + b, 0));
  }

  /**
   * One claim at a time per channel, also with overlapping loops: the batches overlap, their claims
   * queue. A claim's statement reads every due row of the channel, so several at once only made
   * each slower (on the embedded database they wait for its one session, behind a nudge run's
   * planning); and a kick while a claim is under way leaves it to that loop to go round again.
   */
  private claim(platform: Platform, size: number): Promise<{ now: Date; batch: ClaimedEntry[] }> {
    const before = this.claims.get(platform) ?? Promise.resolve();
    const mine = before.then(async () => {
      // The time when its turn comes, not when it queued: what fell due meanwhile is taken too.
      const now = this.clock.now();
      return { now, batch: await this.queue.claimDue(platform, now, size, new Date(now.getTime() + this.leaseMs)) };
    });
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.claims.set(platform, settled);
    void settled.then(() => {
      if (this.claims.get(platform) === settled) this.claims.delete(platform);
    });
    return mine;
  }

  private async deliverDue(sender: ChannelSender): Promise<number> {
    let delivered = 0;
    let size = BATCH;
    for (;;) {
      const { now, batch } = await this.claim(sender.platform, size);
      const first = batch[0];
      if (!first) return delivered;
      const lease = new Lease(this.queue, this.clock, this.log, this.leaseMs, first.leaseToken, batch.map((e) => e.id), now);
      try {
        // An address a sender learns (a DM it opened) is kept for the person's later messages in the batch.
        const recipients = new Map(batch.map((entry) => [recipientKey(entry), entry.recipient]));
        const marks = new SentMarks(this.queue, this.log, (ids) => lease.done(ids));
        // Once put back, a message with a time of its own (a slot, a retry) gets its wake-up; the ones held behind it follow it.
        const held = new HeldBackWrites(this.queue, this.log, (items) => {
          lease.done(items.map((h) => h.id));
          for (const h of items) if (h.error !== null) this.wakeAt(h.nextAttemptAt);
        });
        const lines = [...groupBy(batch, recipientKey).values()];
        const counts = await mapConcurrently(lines, DELIVERY_CONCURRENCY, (line) =>
          // One person's trouble (a database error while recording an outcome) does not stop the others'.
          this.deliverLine(sender, line, recipients, marks, held, lease).catch((error: unknown) => {
            this.log.error('outbox delivery failed', { error });
            return 0;
          }),
        );
        await Promise.all([marks.flushed(), held.flushed()]);
        const sent = counts.reduce((a, b) => a + b, 0);
        delivered += sent;
        if (batch.length < size) return delivered;
        size = sent * 2 < batch.length ? BOOKING_BATCH : BATCH;
      } finally {
        await lease.stop();
      }
    }
  }

  /**
   * One person's messages of the batch, in order. After a failure that will be retried the rest
   * are released, not tried: message 2 must not overtake message 1. A message given up for good
   * holds nothing back: the next one goes on. When the lease on a message is gone, it and the rest
   * are left alone: they may be another process's to send now.
   */
  private async deliverLine(sender: ChannelSender, line: ClaimedEntry[], recipients: Map<string, Recipient | null>, marks: SentMarks, held: HeldBackWrites, lease: Lease): Promise<number> {
    let delivered = 0;
    // Prompts sent in this line and not yet marked sent in the database: a later message may replace one.
    const sentHere = new Map<string, unknown>();
    for (const [i, entry] of line.entries()) {
      if (!lease.holds(entry.id)) {
        this.log.warn('outbox lease lost: leaving the messages to whoever holds them now', { outboxId: entry.id, platform: entry.platform, left: line.length - i });
        break;
      }
      const externalRef = await this.deliverOne(sender, entry, recipients, sentHere, held);
      if (externalRef === GAVE_UP) {
        lease.done([entry.id]);
        continue;
      }
      if (externalRef === LOST) break; // another claim holds it now, and the rest with it
      if (externalRef === FAILED) {
        // Released behind it, in the same write: due now, but the claim leaves them until it has gone.
        const now = this.clock.now();
        for (const later of line.slice(i + 1)) held.add({ id: later.id, leaseToken: later.leaseToken, nextAttemptAt: now, error: null, attempt: false });
        break;
      }
      if (entry.payload.prompt) sentHere.set(entry.payload.prompt.id, externalRef);
      marks.add({ id: entry.id, sentAt: this.clock.now(), externalRef });
      delivered += 1;
    }
    return delivered;
  }

  private async deliverOne(sender: ChannelSender, entry: ClaimedEntry, recipients: Map<string, Recipient | null>, sentHere: Map<string, unknown>, held: HeldBackWrites): Promise<unknown> {
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
        held.add({ id: entry.id, leaseToken: entry.leaseToken, nextAttemptAt: next, error: error.message, attempt: false });
        return FAILED;
      }
      const attempts = entry.attempts + 1;
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof SendError && error.retryAfterMs === null;
      if (permanent || attempts >= MAX_ATTEMPTS) {
        return (await this.giveUp(entry, attempts, reason, permanent ? error.failure : 'kept-failing')) ? GAVE_UP : LOST;
      }
      const retryAfter = error instanceof SendError && error.retryAfterMs !== null ? error.retryAfterMs : backoffMs(attempts);
      const next = new Date(this.clock.now().getTime() + retryAfter);
      // Log ids and the platform's error only: the payload may hold a person's private words.
      this.log.warn('outbox delivery failed', { outboxId: entry.id, platform: entry.platform, attempts, giveUp: false, reason });
      held.add({ id: entry.id, leaseToken: entry.leaseToken, nextAttemptAt: next, error: reason, attempt: true });
      return FAILED;
    }
  }

  /** Ends the message undelivered, with an audit entry (ids and the reason's code, never its words) that coordinators are shown. */
  private giveUp(entry: ClaimedEntry, attempts: number, platformError: string, failure: DeliveryFailure): Promise<boolean> {
    this.log.warn('outbox delivery failed', { outboxId: entry.id, platform: entry.platform, attempts, giveUp: true, reason: platformError, failure });
    return this.queue.markUndeliverable(entry.id, entry.leaseToken, platformError, {
      organisationId: entry.organisationId,
      actorPersonId: null,
      action: UNDELIVERABLE_ACTION,
      subjectType: 'Person',
      subjectId: entry.personId,
      data: { outboxId: entry.id, platform: entry.platform, reason: failure, attempts },
    });
  }
}

/** Tried again later: the person's later messages wait. */
const FAILED = Symbol('failed');
/** Never tried again: the person's later messages go on. */
const GAVE_UP = Symbol('gave up');
/** Not ours any more (the lease was lost): neither it nor the person's later messages are ours to touch. */
const LOST = Symbol('lost');

const recipientKey = (k: RecipientKey) => `${k.organisationId}\u0000${k.personId}\u0000${k.platform}`;
