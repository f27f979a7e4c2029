/**
 * The playground's movable clock: real time plus an offset that a person moves forward ("+1
 * week") to see what a mentoring programme does over weeks in a few clicks. Jobs due in the
 * skipped time run in due order, each at its own time: the clock stops at every due time on the
 * way, and the runner runs what is due there.
 *
 * Only for the playground outside production (src/main.ts decides). The offset lives in memory
 * on purpose: a restart returns to real time, and jobs already run stay run (they are done rows);
 * jobs due in the "future" that the demo reached stay pending until real time gets there.
 */
import type { Clock, JobQueue } from '../core/ports.js';

/** What advancing drives: the queue to find the next stop, the runner, and the outbox. */
export interface DemoClockDriver {
  queue: Pick<JobQueue, 'nextDue'>;
  /** Runs what is due now (JobRunner.kick: one loop at a time, shared with the scheduler's tick). */
  runDue(): Promise<number>;
  /** Delivers the messages the jobs wrote (OutboxDispatcher.kick). */
  deliver(): Promise<unknown>;
}

/** Stops per advance at most: a guard against a job that keeps being due without ever being taken. */
const MAX_STOPS = 10_000;

const systemClock: Clock = { now: () => new Date() };

export class DemoClock implements Clock {
  private offsetMs = 0;
  private driver: DemoClockDriver | null = null;
  /** Advances one after another: two clicks at once must not interleave their stops. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly base: Clock = systemClock) {}

  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }

  /** The runner and dispatcher are built with this clock, so they are connected after. */
  connect(driver: DemoClockDriver): void {
    this.driver = driver;
  }

  /** Moves the clock `ms` forward, running the jobs due on the way in due order; resolves to the new time. */
  advance(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) return Promise.reject(new RangeError('the demo clock only moves forward'));
    const run = this.queue.then(() => this.advanceNow(ms));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async advanceNow(ms: number): Promise<Date> {
    const target = new Date(this.now().getTime() + ms);
    const driver = this.driver;
    if (driver) {
      for (let stops = 0; stops < MAX_STOPS; stops += 1) {
        const due = await driver.queue.nextDue(target);
        if (!due) break;
        // Never backwards: a job already due (not yet taken by the tick) runs at the current time.
        if (due > this.now()) this.setTo(due);
        // Nothing taken at a due time means another process holds it (a lease, a row lock); the
        // scheduler's tick runs it later, so stop here rather than spin.
        if ((await driver.runDue()) === 0) break;
      }
    }
    if (target > this.now()) this.setTo(target);
    await driver?.deliver();
    return this.now();
  }

  private setTo(at: Date): void {
    this.offsetMs = at.getTime() - this.base.now().getTime();
  }
}
