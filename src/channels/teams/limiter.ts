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
