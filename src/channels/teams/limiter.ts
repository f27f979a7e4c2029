/**
 * Teams' documented per-conversation limits for a bot: 7 messages a second and 60 per 30
 * seconds (more gives 429s, and repeated 429s get the bot throttled harder). This limiter keeps
 * each conversation under both in this process; over the limit it says how long to wait, and
 * the sender turns that into a SendError so the outbox tries again then (other people's
 * messages keep flowing meanwhile). One process only: several replicas would each allow the
 * full rate, and Teams' 429s (handled too) are the backstop.
 */
export interface Window {
  limit: number;
  ms: number;
}

/**
 * Each window is a tenth longer than Teams' own: the limiter counts when a send starts, Teams when
 * it arrives, and sends that start evenly can arrive bunched (a slow first request, a fast eighth).
 */
export const TEAMS_WINDOWS: readonly Window[] = [
  { limit: 7, ms: 1100 },
  { limit: 60, ms: 33_000 },
];

export class ConversationLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly longest: number;

  constructor(
    private readonly windows: readonly Window[] = TEAMS_WINDOWS,
    private readonly now: () => number = Date.now,
  ) {
    this.longest = Math.max(...windows.map((w) => w.ms));
  }

  /** Records a send and returns 0, or returns the milliseconds to wait (and records nothing). */
  take(conversationId: string): number {
    const now = this.now();
    const times = (this.sent.get(conversationId) ?? []).filter((t) => t > now - this.longest);
    let wait = 0;
    for (const w of this.windows) {
      const inWindow = times.filter((t) => t > now - w.ms);
      const oldest = inWindow[inWindow.length - w.limit];
      if (inWindow.length >= w.limit && oldest !== undefined) wait = Math.max(wait, oldest + w.ms - now);
    }
    if (wait === 0) times.push(now);
    if (times.length > 0) this.sent.set(conversationId, times);
    else this.sent.delete(conversationId);
    return wait;
  }
}

/**
 * Teams also limits a bot's requests per tenant (30 a second), whatever the conversation. A weekly
 * nudge run makes thousands of messages due in one tenant at once, so this limiter books a slot
 * per message instead of answering "not yet" to all of them: the first time a message is asked
 * about while the tenant is busy, it gets the next free slot (the outbox puts it back until then,
 * serving other people meanwhile), and when it comes back near its slot it is given its start.
 * Without slots they would all come back together and be refused again, round after round. Slots
 * further than HORIZON_MS ahead are kept, but the message comes back a little before (the
 * outbox's wake-ups reach a minute at most).
 *
 * Starts are strictly spaced, one per slot width, in the order they are given (a message that
 * comes back late starts at the next free start, not at once): Teams counts requests when they
 * arrive, and a burst of late messages let through at once arrived bunched and was refused. The
 * caller waits for its start on a timer, and timers held up by a busy event loop fire together,
 * so a last check (`admit`) counts the starts actually made: at most 30 in any 1.05 s.
 */
export const TEAMS_TENANT_PER_SECOND = 30;
/**
 * Teams counts requests when they arrive, we when they start, and requests that start evenly can
 * arrive a little bunched: slots are a twentieth wider than Teams' spacing (28.6 a second).
 */
const TENANT_SPACING_MS = 1050 / TEAMS_TENANT_PER_SECOND;
const TENANT_WINDOW: readonly Window[] = [{ limit: TEAMS_TENANT_PER_SECOND, ms: 1050 }];
export const HORIZON_MS = 40_000;
/** A booking whose message did not come back this long after its slot is forgotten (another process took it). */
const FORGET_AFTER_MS = 60_000;

export class TenantLimiter {
  /** Tenant → when its next free slot starts (bookings). */
  private readonly next = new Map<string, number>();
  /** Tenant → when its next start may be (starts given). */
  private readonly free = new Map<string, number>();
  /** Message id → its booked slot. */
  private readonly booked = new Map<string, number>();
  /** The starts actually made, per tenant (admit). */
  private readonly made: ConversationLimiter;
  private lastSweep = 0;

  constructor(
    private readonly spacingMs: number = TENANT_SPACING_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.made = new ConversationLimiter(TENANT_WINDOW, now);
  }

  /**
   * When message `messageId` may make `requests` requests in `tenant`. When its slot is at most
   * `nearMs` away, the start is given (`start: true`) and counted: the caller starts after exactly
   * `waitMs` and does not ask again. The start may be later than the slot: starts are given in
   * the order asked, one slot width apart, so messages that come back late queue up here instead
   * of going back to the outbox and coming back later still. Otherwise the slot is kept for the
   * message, and `waitMs` is how long until it: ask again then (or a little before).
   */
  take(tenant: string, messageId: string, requests = 1, nearMs = 0): { waitMs: number; start: boolean } {
    const now = this.now();
    this.sweep(now);
    let slot = this.booked.get(messageId);
    if (slot === undefined) {
      slot = Math.max(now, this.next.get(tenant) ?? now);
      this.next.set(tenant, slot + requests * this.spacingMs);
      this.booked.set(messageId, slot);
    }
    if (slot - now > nearMs) return { waitMs: slot - now > HORIZON_MS ? slot - now - HORIZON_MS / 2 : slot - now, start: false };
    const start = Math.max(slot, now, this.free.get(tenant) ?? now);
    this.free.set(tenant, start + requests * this.spacingMs);
    this.booked.delete(messageId);
    return { waitMs: start - now, start: true };
  }

  /**
   * The last check at a given start: 0 and the `requests` are counted, or the milliseconds to
   * wait before asking again (the tenant made 30 starts in the last 1.05 s: timers that fired late
   * together). A caller asks again after the wait; a start of two requests refused after its
   * first keeps that one counted (a little slower, never faster).
   */
  admit(tenant: string, requests = 1): number {
    for (let i = 0; i < requests; i += 1) {
      const wait = this.made.take(tenant);
      if (wait > 0) return wait;
    }
    return 0;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 5_000) return;
    this.lastSweep = now;
    for (const [tenant, at] of this.next) if (at <= now) this.next.delete(tenant);
    for (const [tenant, at] of this.free) if (at <= now) this.free.delete(tenant);
    for (const [id, slot] of this.booked) if (slot < now - FORGET_AFTER_MS) this.booked.delete(id);
  }

  /** Tenants and bookings held (tests: memory stays bounded). */
  get held(): number {
    return this.next.size + this.free.size + this.booked.size;
  }
}
