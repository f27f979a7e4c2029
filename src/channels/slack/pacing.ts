/**
 * Slack's limits for posting (chat.postMessage's special tier): about one message a second per
 * channel, with short bursts allowed, and a workspace-wide limit Slack does not publish, which
 * we keep at SLACK_WORKSPACE_MESSAGES_PER_SECOND (config.ts). Beyond them Slack answers 429.
 *
 * The pacer gives each message a slot and remembers it: the first time a message is asked about
 * when its workspace (or its DM) is busy, it books the next free slot for that message and says
 * how long to wait; the outbox puts the message back until then (it is not a failure, and other
 * people's messages go on meanwhile), and when the message comes back at its slot it goes at
 * once. Booking, instead of answering "not yet" to everyone, matters for a weekly nudge run:
 * thousands of messages are due at once, and without a booked slot they would all come back at
 * the same moment and be refused again, round after round. With slots, each one waits once.
 *
 * Slots further away than HORIZON_MS are kept too, but the message is told to come back a little
 * before its slot (the outbox's wake-ups reach a minute at most; the scheduler's 10-second tick
 * would make it late). One process only: several replicas each pace on their own, and Slack's 429
 * (handled in errors.ts) is the backstop.
 */

/** Requests a second (any positive number) and how much of a burst the key may take at once. */
export interface Rate {
  perSecond: number;
  /** Milliseconds of sends that may go early, as a burst (0: strictly spaced). */
  burstMs: number;
}

/**
 * One message a second per DM channel, on average over a minute: Slack allows "short bursts", and a
 * person clicking through a form gets each reply at once, while a long run to one person (a
 * digest, a coordinator's lists) is held to Slack's pace.
 */
export const SLACK_CHANNEL_RATE: Rate = { perSecond: 1, burstMs: 60_000 };
/** A workspace may take two seconds' worth at once: replies to many people arriving together go out together. */
const WORKSPACE_BURST_MS = 2000;
/**
 * Slack publishes no number for the workspace: 20 a second (1,200 a minute) is our choice, well
 * above what a programme's conversations need; a workspace of 10,000 people then gets its weekly
 * nudges in under 9 minutes. A deployment that sees Slack's 429s sets it lower.
 */
export const DEFAULT_WORKSPACE_PER_SECOND = 20;
/** Booked slots further ahead than this are announced in two steps (see above). */
export const HORIZON_MS = 40_000;
/** A booking whose message did not come back this long after its slot is forgotten (another process took it). */
const FORGET_AFTER_MS = 60_000;

/**
 * A schedule of slots for many keys (a workspace, a channel): the generic cell rate algorithm,
 * where `due` is the theoretical time of the key's next send. Keys at rest are dropped.
 */
export class Slots {
  private readonly due = new Map<string, number>();

  constructor(private readonly rate: Rate) {}

  private get interval(): number {
    return 1000 / this.rate.perSecond;
  }

  /** The earliest time `key` may send, at or after `now`. */
  earliest(key: string, now: number): number {
    return Math.max(now, (this.due.get(key) ?? now) - this.rate.burstMs);
  }

  /** Takes the slot at `at` (from earliest(), or later) for `key`. */
  take(key: string, at: number): void {
    this.due.set(key, Math.max(this.due.get(key) ?? at, at) + this.interval);
  }

  /** Drops keys whose schedule is in the past: they are free again, and memory stays small. */
  sweep(now: number): void {
    for (const [key, due] of this.due) if (due <= now) this.due.delete(key);
  }

  get size(): number {
    return this.due.size;
  }
}

export interface SlackPacingOptions {
  workspacePerSecond?: number | undefined;
  now?: () => number;
}

export class SlackPacing {
  private readonly workspaces: Slots;
  private readonly channels = new Slots(SLACK_CHANNEL_RATE);
  /** Message id → its booked slot (ms since the epoch). */
  private readonly booked = new Map<string, number>();
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(options: SlackPacingOptions = {}) {
    const perSecond = options.workspacePerSecond ?? DEFAULT_WORKSPACE_PER_SECOND;
    this.workspaces = new Slots({ perSecond, burstMs: WORKSPACE_BURST_MS });
    this.now = options.now ?? Date.now;
  }

  /**
   * May message `messageId` to `channel` (a DM; the person's Slack user id serves, one DM each)
   * in `workspace` go now? 0: yes, and it is counted. Otherwise the milliseconds to wait; the
   * message's slot is kept for it.
   */
  take(workspace: string, channel: string, messageId: string): number {
    const now = this.now();
    this.sweep(now);
    const slot = this.booked.get(messageId);
    if (slot !== undefined) {
      if (slot <= now) {
        this.booked.delete(messageId);
        return 0;
      }
      return slot - now;
    }
    const at = Math.max(this.workspaces.earliest(workspace, now), this.channels.earliest(`${workspace}\u0000${channel}`, now));
    this.workspaces.take(workspace, at);
    this.channels.take(`${workspace}\u0000${channel}`, at);
    if (at <= now) return 0;
    this.booked.set(messageId, at);
    // Come back before a far slot, while the outbox's wake-up still reaches it.
    return at - now > HORIZON_MS ? at - now - HORIZON_MS / 2 : at - now;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 5_000) return;
    this.lastSweep = now;
    this.workspaces.sweep(now);
    this.channels.sweep(now);
    for (const [id, slot] of this.booked) if (slot < now - FORGET_AFTER_MS) this.booked.delete(id);
  }

  /** Keys and bookings held (tests: memory stays bounded). */
  get held(): number {
    return this.workspaces.size + this.channels.size + this.booked.size;
  }
}
