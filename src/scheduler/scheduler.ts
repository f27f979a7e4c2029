/**
 * The clock-driven side of the bot. node-cron ticks; each tick only asks the core's ports for
 * what is due (the outbox's retries today; nudges and check-ins from the ScheduledJob table as
 * those issues land) — no Slack client or database code lives here.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../core/ports.js';

export interface Tick {
  name: string;
  run(): Promise<unknown>;
  /** Six-field cron (with seconds); the scheduler's default when absent. */
  expression?: string;
}

export class Scheduler {
  private tasks: ScheduledTask[] = [];
  private busy = new Set<string>();

  constructor(
    private readonly ticks: readonly Tick[],
    private readonly log: Logger,
    /** Six-field cron (with seconds): every 10 s picks up retries and due work quickly. */
    private readonly expression = '*/10 * * * * *',
  ) {}

  start(): void {
    for (const tick of this.ticks) {
      // No node-cron noOverlap: runOnce already skips a tick that is still running, without a warning per skip.
      this.tasks.push(cron.schedule(tick.expression ?? this.expression, () => this.runOnce(tick), { name: tick.name }));
    }
  }

  /** Runs one tick now; a tick still running from last time is not started twice. */
  async runOnce(tick: Tick): Promise<void> {
    if (this.busy.has(tick.name)) return;
    this.busy.add(tick.name);
    try {
      await tick.run();
    } catch (error) {
      this.log.error('scheduled tick failed', { tick: tick.name, error });
    } finally {
      this.busy.delete(tick.name);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((t) => t.stop()));
    this.tasks = [];
  }
}
