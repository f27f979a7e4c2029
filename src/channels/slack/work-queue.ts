/**
 * Runs the core's work for Slack events a few at a time, in arrival order. Slack needs each
 * request acknowledged within 3 seconds, and the acknowledgement is a tiny task on the same
 * event loop as the database work: with every event's transaction in flight at once, a new
 * request waits behind all their callbacks. Queued here instead, a burst costs waiting time in
 * this queue (after the ack) rather than late acks (which Slack answers with retries).
 * `urgent` work — a modal submission whose ack carries the answer, a modal to open before its
 * trigger id expires — goes to the front.
 */
import type { Logger } from '../../core/ports.js';

/** Past this backlog we log (once per crossing): the deployment needs more capacity. */
const WARN_BACKLOG = 1000;

export class WorkQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private warned = false;

  constructor(
    private readonly concurrency: number,
    private readonly log?: Logger,
  ) {}

  get backlog(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>, urgent = false): Promise<T> {
    // A finishing task hands its slot straight to the next in line, so nobody can slip in between.
    if (this.active >= this.concurrency) await this.slot(urgent);
    else this.active += 1;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // setImmediate, not a direct call: with the embedded database every query can resolve
      // without real I/O, and handing over in a microtask would run the whole backlog before
      // the event loop reads another request — no acks until the queue is empty.
      if (next) setImmediate(next);
      else this.active -= 1;
    }
  }

  private slot(urgent: boolean): Promise<void> {
    return new Promise((resolve) => {
      if (urgent) this.waiting.unshift(resolve);
      else this.waiting.push(resolve);
      if (this.waiting.length >= WARN_BACKLOG && !this.warned) {
        this.warned = true;
        this.log?.warn('slack work backlog is long', { backlog: this.waiting.length });
      } else if (this.waiting.length < WARN_BACKLOG / 2) this.warned = false;
    });
  }
}
