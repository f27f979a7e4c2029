/**
 * Work in arrival order per person, a few people at a time. Each person has a lane; a lane's
 * next item starts only when the one before it has finished (or given up), so a person's second
 * message is never worked before their first. Lanes take turns in the order they became ready.
 *
 * Few at once on purpose: a turn is mostly waiting on the database, and acknowledging the
 * platform (storing its inbox row) is a tiny task on the same event loop and the same database;
 * with every turn in flight at once, a new request waits behind all of their callbacks.
 * `urgent` tasks (a modal's answer that Slack waits for, a trigger id about to expire) take the
 * next free place ahead of every lane.
 */

/** What working an item came to: finished (done or given up), or try the same item again after `retryInMs`. */
export type LaneOutcome = { retryInMs: number } | undefined;

export class Lanes<T> {
  private readonly lanes = new Map<string, T[]>();
  /** Lanes whose head is being worked or waits to be tried again: their later items wait. */
  private readonly busy = new Set<string>();
  /** Lanes with items and nothing running, in the order they became ready. */
  private readonly ready: string[] = [];
  private readonly urgent: Array<() => void> = [];
  /** Busy lanes whose head waits to be tried again (nothing of theirs is running). */
  private readonly waitingRetry = new Set<string>();
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  private idleWaiters: Array<() => void> = [];
  private active = 0;
  private count = 0;

  constructor(
    private readonly concurrency: number,
    private readonly work: (item: T) => Promise<LaneOutcome>,
  ) {}

  /** Items waiting or being worked. */
  get size(): number {
    return this.count;
  }

  push(lane: string, item: T): void {
    const queue = this.lanes.get(lane);
    this.count += 1;
    if (queue) {
      queue.push(item);
      return;
    }
    this.lanes.set(lane, [item]);
    this.ready.push(lane);
    this.next();
  }

  /** Runs `task` in a free place (ahead of every lane when `urgent`); for reads outside the inbox. */
  async run<R>(task: () => Promise<R>, urgent = false): Promise<R> {
    if (this.active >= this.concurrency) {
      await new Promise<void>((resolve) => (urgent ? this.urgent.unshift(resolve) : this.urgent.push(resolve)));
    } else this.active += 1;
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Resolves when nothing is waiting or running. */
  idle(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Takes every item not being worked out of the lanes (retries included) and returns them. */
  drain(): T[] {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
    const left: T[] = [];
    for (const [lane, items] of this.lanes) {
      const running = this.busy.has(lane) && !this.waitingRetry.has(lane);
      left.push(...items.slice(running ? 1 : 0));
      if (running) {
        this.lanes.set(lane, items.slice(0, 1));
      } else {
        this.lanes.delete(lane);
        this.busy.delete(lane);
      }
    }
    this.waitingRetry.clear();
    this.ready.length = 0;
    this.count -= left.length;
    this.settleIdle();
    return left;
  }

  private next(): void {
    while (this.active < this.concurrency) {
      const urgent = this.urgent.shift();
      if (urgent) {
        this.active += 1;
        urgent();
        continue;
      }
      const lane = this.ready.shift();
      if (lane === undefined) return;
      this.active += 1;
      this.busy.add(lane);
      void this.start(lane);
    }
  }

  private async start(lane: string): Promise<void> {
    const item = this.lanes.get(lane)?.[0] as T;
    let outcome: LaneOutcome;
    try {
      outcome = await this.work(item);
    } catch {
      outcome = undefined; // `work` reports its own failures; a throw here only ends the item
    }
    if (outcome) this.retryLater(lane, outcome.retryInMs);
    else this.finish(lane);
    this.release();
  }

  /** The lane keeps its head and stays busy (its later items wait), but gives up its place meanwhile. */
  private retryLater(lane: string, ms: number): void {
    this.waitingRetry.add(lane);
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      this.waitingRetry.delete(lane);
      this.busy.delete(lane);
      if (this.lanes.has(lane)) this.ready.unshift(lane);
      this.next();
    }, ms);
    this.retryTimers.add(timer);
  }

  private finish(lane: string): void {
    this.busy.delete(lane);
    const items = this.lanes.get(lane);
    items?.shift();
    this.count -= 1;
    if (items && items.length > 0) this.ready.push(lane);
    else this.lanes.delete(lane);
    this.settleIdle();
  }

  private release(): void {
    this.active -= 1;
    // setImmediate, not a direct call: with the embedded database a query can resolve without real
    // I/O, and handing over in a microtask would run the whole backlog before the event loop reads
    // another request — no acknowledgements until the lanes are empty.
    setImmediate(() => this.next());
  }

  private settleIdle(): void {
    if (this.count > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
