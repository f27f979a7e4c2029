/**
 * What one claimed batch needs while the dispatcher delivers it: its lease, kept alive, and the
 * marks of what was sent, written promptly. Both serve one promise: a message is sent once. A
 * batch can take longer than its lease (a slow platform, one person's forty replies one after
 * another), and a lease that ran out lets another process claim the messages not sent yet.
 */
import type { Clock, HeldBack, Logger, OutboxQueue, SentMark } from '../ports.js';

/**
 * A batch's lease: renewed every third of its length while the batch is delivered, for the
 * messages not finished yet. `holds` is asked before each send; it answers from what the last
 * renewal said (no round trip per message): false once a renewal found the message taken by
 * another claim, or when renewals failed for so long that less than a third of the lease is left,
 * which may be too little for the send itself to end inside it.
 */
export class Lease {
  private heldUntil: number;
  private readonly open: Set<string>;
  private readonly lost = new Set<string>();
  private readonly timer: ReturnType<typeof setInterval>;
  private renewing: Promise<void> | null = null;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly ms: number,
    private readonly token: string,
    ids: readonly string[],
    claimedAt: Date,
  ) {
    this.heldUntil = claimedAt.getTime() + ms;
    this.open = new Set(ids);
    this.timer = setInterval(() => void this.renew(), Math.max(1, Math.floor(ms / 3)));
    this.timer.unref?.();
  }

  /** Whether this holder may still send `id`. */
  holds(id: string): boolean {
    return !this.lost.has(id) && this.heldUntil - this.clock.now().getTime() >= this.ms / 3;
  }

  /** The messages are finished here (marked sent, failed, released): renewals leave them alone. */
  done(ids: readonly string[]): void {
    for (const id of ids) this.open.delete(id);
  }

  /** No more renewals (the batch is over); resolves once one under way has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.renewing;
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.open.size === 0) return;
    const ids = [...this.open];
    const until = this.clock.now().getTime() + this.ms;
    this.renewing = (async () => {
      try {
        const held = new Set(await this.queue.renewLease(this.token, ids, new Date(until)));
        // Not held and not finished here: another claim took it after a lease that ran out.
        for (const id of ids) if (!held.has(id) && this.open.has(id)) this.lost.add(id);
        this.heldUntil = until;
      } catch (error) {
        // The next renewal tries again; meanwhile `holds` counts down on the last one that worked.
        this.log.warn('outbox lease could not be renewed', { count: ids.length, reason: error instanceof Error ? error.message : String(error) });
      }
    })().finally(() => {
      this.renewing = null;
    });
    await this.renewing;
  }
}

/** How often the end of a batch tries again to write marks that failed, and how long it waits between tries. */
const FINAL_MARK_TRIES = 5;
const MARK_RETRY_MS = 200;

/**
 * Marks sent messages in the database, several per statement: while one write is under way, the
 * marks that arrive meanwhile wait and go together in the next. A write that fails keeps its marks
 * for the next one (and the end of the batch tries a few more times): a message sent but never
 * marked is tried again once its lease ends, so a mark is not dropped on a first failure. A process
 * that dies between sending and marking leaves the message to be tried again after the lease,
 * as an attempt: Slack then finds it posted (src/channels/slack/posted.ts), Teams sends it again.
 */
export class SentMarks {
  private pending: SentMark[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly log: Logger,
    /** Called with the ids of every mark written. */
    private readonly onWritten: (ids: string[]) => void,
  ) {}

  add(mark: SentMark): void {
    this.pending.push(mark);
    this.write();
  }

  /** Resolves once every mark added so far is written, or its last try failed (logged). */
  async flushed(): Promise<void> {
    for (let tries = 0; ; tries += 1) {
      while (this.writing) await this.writing;
      if (this.pending.length === 0) return;
      if (tries >= FINAL_MARK_TRIES) break;
      await new Promise((resolve) => setTimeout(resolve, MARK_RETRY_MS * 2 ** tries));
      this.write();
    }
    this.log.error('outbox could not mark messages sent: they go out again after their lease', { count: this.pending.length });
  }

  private write(): void {
    this.writing ??= this.writeAll().finally(() => {
      this.writing = null;
    });
  }

  private async writeAll(): Promise<void> {
    // Marks added in the same tick as the first go with it.
    await Promise.resolve();
    while (this.pending.length > 0) {
      const marks = this.pending.splice(0);
      try {
        await this.queue.markSent(marks);
      } catch (error) {
        this.pending.unshift(...marks);
        this.log.warn('outbox could not mark messages sent yet', { count: marks.length, reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      this.onWritten(marks.map((m) => m.id));
    }
  }
}

/**
 * The messages a batch puts back in the queue (a paced slot booked, a failure to retry, a person's
 * later messages behind it), written together: while one write is under way the rest wait for the
 * next, and the first waits for the batch's sends of that moment (a weekly run's thousands of
 * bookings come 50 a claim, all within a tick, and a write each capped booking at the statement
 * rate). Until written, a message stays leased (renewed with the batch), so nothing claims it early.
 * A write that fails keeps its messages for the next one; one that never succeeds leaves them to
 * their lease's end, when they are due again as an attempt.
 */
export class HeldBackWrites {
  private pending: HeldBack[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly queue: OutboxQueue,
    private readonly log: Logger,
    /** Called with every message written. */
    private readonly onWritten: (items: HeldBack[]) => void,
  ) {}

  add(item: HeldBack): void {
    this.pending.push(item);
    this.writing ??= this.writeAll().finally(() => {
      this.writing = null;
    });
  }

  /** Resolves once every message added so far is written, or its last try failed (logged). */
  async flushed(): Promise<void> {
    for (let tries = 0; ; tries += 1) {
      while (this.writing) await this.writing;
      if (this.pending.length === 0) return;
      if (tries >= FINAL_MARK_TRIES) break;
      await new Promise((resolve) => setTimeout(resolve, MARK_RETRY_MS * 2 ** tries));
      this.writing ??= this.writeAll().finally(() => {
        this.writing = null;
      });
    }
    this.log.error('outbox could not put messages back: they are due again after their lease', { count: this.pending.length });
  }

  private async writeAll(): Promise<void> {
    // The sends under way now end in microtasks when refused locally (a pacer's slot): let them all land.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.pending.length > 0) {
      const items = this.pending.splice(0);
      try {
        await this.queue.holdBack(items);
      } catch (error) {
        this.pending.unshift(...items);
        this.log.warn('outbox could not put messages back yet', { count: items.length, reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      this.onWritten(items);
    }
  }
}
