/**
 * The transactional inbox: what a platform delivers is stored before the platform hears
 * "received", then worked. A channel that must answer fast (Slack: 3 seconds, and no resend once
 * acknowledged) calls `accept`, answers, and the work follows here; the unit of work that does it
 * marks the row done in its own transaction (InboxRepo.receive), so a crash before that commit
 * leaves the row pending — worked again, by the start-up or periodic sweep — and after it done:
 * never again. A platform retry finds the row and is acknowledged without a second one.
 *
 * A row taken here is held (a lease, renewed while it waits) so another process on the same
 * PostgreSQL leaves it alone; if this process dies, the lease runs out and the sweep of any
 * process takes it. Even two workers on one row commit it once: the done-mark is conditional.
 * A person's rows are worked in the order they arrived (lanes.ts).
 */
import type { HandleResult } from '../app.js';
import { type Inbound, inboundSchema, type Platform } from '../messages.js';
import type { Clock, IdSource, Logger } from '../ports.js';
import { Batches, type Settled } from './batches.js';
import { type LaneOutcome, Lanes } from './lanes.js';
import type { ClaimedInbound, InboxQueue } from './ports.js';
import { BATCH_SIZE, CLAIM_BATCH, INBOX_CONCURRENCY, LEASE_MS, MAX_ATTEMPTS, MAX_BACKLOG, RUNNING_GRACE_MS, TRIES_HERE, WORK_TRANSACTIONS } from './limits.js';
import { InboxWrites } from './writes.js';

export { LEASE_MS, MAX_ATTEMPTS, RUNNING_GRACE_MS } from './limits.js';

export type AcceptOutcome = { status: 'accepted' } | { status: 'duplicate' } | { status: 'invalid'; issues: string };

export interface AcceptOptions {
  /** Told how the work came out, when it is worked in this process right after (never after a restart). */
  after?: (result: HandleResult) => void | Promise<void>;
}

export interface InboxDeps {
  queue: InboxQueue;
  /** Inbounds as units of work, several in one transaction when they come together: core.handleInbounds. */
  handle(inbounds: Inbound[]): Promise<Array<Settled<HandleResult>>>;
  clock: Clock;
  ids: Pick<IdSource, 'next'>;
  log: Logger;
  concurrency?: number;
  /**
   * Work transactions at once (WORK_TRANSACTIONS): 1 on the embedded database, whose one session
   * runs one transaction at a time anyway — a second would only queue ahead of the acknowledgements.
   */
  transactions?: number;
  /** Inbounds per transaction at most (BATCH_SIZE). */
  batchSize?: number;
  /** The first back-off after a failure, doubled each try (250 ms; tests make it short). */
  retryBaseMs?: number;
}

interface Item {
  /** The inbox row; empty for work nothing was stored for (handleNow). */
  id: string;
  inbound: Inbound;
  /** Tries in this process. */
  tries: number;
  after?: AcceptOptions['after'];
  /** handleNow's caller, waiting for the outcome (it answers the platform). */
  waiting?: { resolve(result: HandleResult): void; reject(error: unknown): void };
}

/** A caller's inbound still waiting when the process stops: the platform hears an error and delivers it again. */
export class InboxStoppedError extends Error {}

const laneOf = (i: Inbound) => `${i.platform}\u0000${i.tenant}\u0000${i.user.externalId}`;
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

export class Inbox {
  private readonly lanes: Lanes<Item>;
  private readonly writes: InboxWrites;
  private readonly batches: Batches<Inbound, HandleResult>;
  /** Rows this process holds, waiting or being worked: their leases are renewed on each tick. */
  private readonly held = new Map<string, Item>();
  private readonly prepares = new Map<Platform, (inbound: Inbound) => Promise<Inbound>>();
  private stopping = false;

  constructor(private readonly deps: InboxDeps) {
    this.lanes = new Lanes(deps.concurrency ?? INBOX_CONCURRENCY, (item) => this.work(item));
    this.writes = new InboxWrites(deps.queue);
    this.batches = new Batches({ running: deps.transactions ?? WORK_TRANSACTIONS, size: deps.batchSize ?? BATCH_SIZE }, (inbounds) => deps.handle(inbounds));
  }

  /**
   * Stores `raw` (validated as an Inbound) as pending and queues its work; resolves once it is
   * stored — only then may the platform be told "received". Rejects when it could not be stored
   * (the database is down): answer the platform with an error so that it delivers again.
   */
  async accept(raw: unknown, options: AcceptOptions = {}): Promise<AcceptOutcome> {
    const parsed = inboundSchema.safeParse(raw);
    if (!parsed.success) return { status: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const inbound = parsed.data;
    const now = this.deps.clock.now();
    const id = this.deps.ids.next();
    // Shutting down: stored free (held until now), for the next process to take at once.
    const held = !this.stopping;
    const row = { id, platform: inbound.platform, tenant: inbound.tenant, dedupeKey: inbound.dedupeKey, externalUserId: inbound.user.externalId, inbound, receivedAt: now, lockedUntil: held ? this.leaseFrom(now) : now };
    const stored = await this.writes.add(row);
    if (!stored) return { status: 'duplicate' };
    const item: Item = { id, inbound, tries: 0, ...(options.after ? { after: options.after } : {}) };
    this.held.set(id, item);
    // Stopped while it was being stored: held, and released by stop() like the rest of the backlog.
    if (held && !this.stopping) this.lanes.push(laneOf(inbound), item);
    else if (!held) this.held.delete(id);
    return { status: 'accepted' };
  }

  /**
   * Works `raw` now, in turn with the rest — after its person's earlier inbounds, with other
   * people's in one transaction — and resolves once that has committed (the turn writes its inbox
   * row done). Nothing is stored before: this is for a channel that answers the platform only
   * after the work (Teams), so that a failure, which rejects here, is delivered again by the platform.
   */
  handleNow(raw: unknown): Promise<HandleResult> {
    const parsed = inboundSchema.safeParse(raw);
    if (!parsed.success) return Promise.resolve({ status: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
    const inbound = parsed.data;
    return new Promise((resolve, reject) => {
      if (this.stopping) return reject(new InboxStoppedError('shutting down'));
      this.lanes.push(laneOf(inbound), { id: '', inbound, tries: 0, waiting: { resolve, reject } });
    });
  }

  /** Runs a channel's read (a question for a modal, the home view) in turn with the inbox's work. */
  run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
    return this.lanes.run(task, urgent);
  }

  /** What a channel adds to its inbounds just before they are worked (Slack: the person's profile). */
  prepareWith(platform: Platform, prepare: (inbound: Inbound) => Promise<Inbound>): void {
    this.prepares.set(platform, prepare);
  }

  /** Rows waiting or being worked in this process. */
  get backlog(): number {
    return this.lanes.size;
  }

  /** Resolves when nothing waits or runs here (tests, benchmarks). */
  idle(): Promise<void> {
    return this.lanes.idle();
  }

  /**
   * At start-up: takes up the rows a previous run left pending. `alone`: no other process can use
   * this database (the embedded one), so leases given before now are a dead process's, taken at once.
   */
  async start(options: { alone: boolean }): Promise<number> {
    const now = this.deps.clock.now();
    const taken = await this.sweep(options.alone ? this.leaseFrom(now) : undefined);
    if (taken > 0) this.deps.log.info('inbox: taking up rows left pending', { count: taken });
    return taken;
  }

  /** The scheduler's tick: keep holding what waits here, and take up rows whose holder is gone. */
  async tick(): Promise<void> {
    if (this.stopping) return;
    const now = this.deps.clock.now();
    if (this.held.size > 0) await this.deps.queue.renew([...this.held.keys()], this.leaseFrom(now));
    const taken = await this.sweep();
    if (taken > 0) this.deps.log.info('inbox: took up rows left pending', { count: taken });
  }

  /**
   * Stops taking work: finishes what it can within `graceMs`, then leaves the rest pending and
   * free (so the next process takes it at once), and says how much that was.
   */
  async stop(graceMs: number): Promise<{ leftPending: number }> {
    this.stopping = true;
    await this.writes.flushed();
    await Promise.race([this.lanes.idle(), sleep(graceMs)]);
    const notStarted = this.lanes.drain();
    for (const item of notStarted) item.waiting?.reject(new InboxStoppedError('shutting down'));
    // What is being worked now is one short transaction each: let it commit rather than leave it
    // to a lease (a slow database may still take a moment; the rest is left to the lease).
    await Promise.race([this.lanes.idle(), sleep(RUNNING_GRACE_MS)]);
    const left = [...this.held.keys()];
    if (left.length > 0) {
      try {
        await this.deps.queue.release(left, this.deps.clock.now());
      } catch (error) {
        // Their leases run out by themselves; only the next process's wait is longer.
        this.deps.log.warn('inbox: could not release rows at shutdown', { count: left.length, reason: reasonOf(error) });
      }
    }
    this.deps.log.info('inbox stopped', { leftPending: left.length, notStarted: notStarted.length });
    return { leftPending: left.length };
  }

  private leaseFrom(now: Date): Date {
    return new Date(now.getTime() + LEASE_MS);
  }

  /** Claims free pending rows into the lanes while the backlog allows; how many it took. */
  private async sweep(orphanedBefore?: Date): Promise<number> {
    let taken = 0;
    while (!this.stopping && this.lanes.size < MAX_BACKLOG) {
      const now = this.deps.clock.now();
      const rows = await this.deps.queue.claim(now, CLAIM_BATCH, this.leaseFrom(now), orphanedBefore ? { orphanedBefore } : {});
      for (const row of rows) await this.take(row);
      taken += rows.length;
      if (rows.length < CLAIM_BATCH) break;
    }
    return taken;
  }

  private async take(row: ClaimedInbound): Promise<void> {
    if (this.held.has(row.id)) return; // already waiting here (a renewal that failed let the lease lapse)
    const parsed = inboundSchema.safeParse(row.inbound);
    if (!parsed.success) {
      this.deps.log.error('inbox: a stored inbound is not valid any more; given up', { inboxId: row.id });
      await this.deps.queue.fail(row.id, 'not a valid inbound', true);
      return;
    }
    if (row.attempts > MAX_ATTEMPTS) {
      this.deps.log.error('inbox: an inbound failed too often; given up', { inboxId: row.id, attempts: row.attempts - 1 });
      await this.deps.queue.fail(row.id, `failed ${row.attempts - 1} times`, false);
      return;
    }
    const item: Item = { id: row.id, inbound: parsed.data, tries: 0 };
    this.held.set(row.id, item);
    this.lanes.push(laneOf(item.inbound), item);
  }

  private async work(item: Item): Promise<LaneOutcome> {
    if (item.waiting) return this.workNow(item, item.waiting);
    let result: HandleResult;
    try {
      const prepare = this.prepares.get(item.inbound.platform);
      result = await this.batches.run(prepare ? await prepare(item.inbound) : item.inbound);
    } catch (error) {
      return this.failed(item, error);
    }
    this.held.delete(item.id);
    await this.settle(item, result);
    return undefined;
  }

  /** handleNow's work: once, its outcome to the caller (who answers the platform, which retries). */
  private async workNow(item: Item, waiting: NonNullable<Item['waiting']>): Promise<LaneOutcome> {
    try {
      const prepare = this.prepares.get(item.inbound.platform);
      waiting.resolve(await this.batches.run(prepare ? await prepare(item.inbound) : item.inbound));
    } catch (error) {
      waiting.reject(error);
    }
    return undefined;
  }

  /** A throw (the database away, a transaction timeout): try again here, then leave it to the sweep. */
  private async failed(item: Item, error: unknown): Promise<LaneOutcome> {
    item.tries += 1;
    const fields = { inboxId: item.id, platform: item.inbound.platform, kind: item.inbound.event.kind, tries: item.tries, reason: reasonOf(error) };
    if (item.tries < TRIES_HERE && !this.stopping) {
      this.deps.log.warn('inbox: work failed, trying again', fields);
      return { retryInMs: (this.deps.retryBaseMs ?? 250) * 2 ** (item.tries - 1) };
    }
    // The person's later messages go on; this one is taken up again by a sweep (and counted).
    this.held.delete(item.id);
    this.deps.log.error('inbox: work failed, left pending', fields);
    const later = new Date(this.deps.clock.now().getTime() + (this.stopping ? 0 : LEASE_MS));
    await this.deps.queue.release([item.id], later, reasonOf(error)).catch((e: unknown) => this.deps.log.warn('inbox: could not release a row', { inboxId: item.id, reason: reasonOf(e) }));
    return undefined;
  }

  /** Handled or a duplicate: the unit of work marked it done. Anything else is given up here. */
  private async settle(item: Item, result: HandleResult): Promise<void> {
    const where = { inboxId: item.id, platform: item.inbound.platform, tenant: item.inbound.tenant, kind: item.inbound.event.kind };
    if (result.status === 'unknown-organisation' || result.status === 'invalid') {
      this.deps.log.warn(result.status === 'invalid' ? 'inbox: inbound not accepted by the core' : 'inbox: inbound from an unknown organisation dropped', where);
      await this.deps.queue.fail(item.id, result.status, true).catch((e: unknown) => this.deps.log.warn('inbox: could not mark a row failed', { ...where, reason: reasonOf(e) }));
    }
    try {
      await item.after?.(result);
    } catch (error) {
      this.deps.log.warn('inbox: follow-up after work failed', { ...where, reason: reasonOf(error) });
    }
  }
}
