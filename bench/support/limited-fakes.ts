/**
 * Rate limits as the platforms document them, for bench/nudges.ts's fakes: a token bucket
 * (Slack's "about one a second, short bursts allowed") and a sliding window (Teams' "7 a second
 * per conversation, 30 requests a second per tenant"), each answering how long to wait (0: go,
 * and it is counted). Plus what a fake records of every message it took, so the benchmark can
 * count duplicates and losses and time each person's message.
 */
import type { FakeProcess } from './fake-process.js';

export class Buckets {
  private readonly state = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {}

  /** 0 when a token was taken, else the ms until one is there. */
  take(key: string, now: number): number {
    const s = this.state.get(key) ?? { tokens: this.capacity, at: now };
    s.tokens = Math.min(this.capacity, s.tokens + ((now - s.at) * this.perSecond) / 1000);
    s.at = now;
    this.state.set(key, s);
    if (s.tokens >= 1) {
      s.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - s.tokens) * 1000) / this.perSecond);
  }
}

export class Windows {
  private readonly sent = new Map<string, number[]>();
  constructor(
    private readonly limit: number,
    private readonly ms: number,
  ) {}

  take(key: string, now: number): number {
    const times = (this.sent.get(key) ?? []).filter((t) => t > now - this.ms);
    if (times.length >= this.limit) {
      this.sent.set(key, times);
      return (times[times.length - this.limit] as number) + this.ms - now;
    }
    times.push(now);
    this.sent.set(key, times);
    return 0;
  }
}

/** Every message a fake took, per recipient key (DM channel, conversation id), with Date.now() at arrival. */
export interface Ledger {
  posts: Record<string, number[]>;
  /** 429s answered, per limit ('channel', 'workspace', 'conversation', 'tenant'). */
  refused: Record<string, number>;
  /** Messages taken per workspace or tenant: first and last arrival, and how many. */
  byGroup: Record<string, { first: number; last: number; count: number }>;
}

export class Recorder {
  private posts = new Map<string, number[]>();
  private refused: Record<string, number> = {};
  private groups = new Map<string, { first: number; last: number; count: number }>();
  total = 0;

  post(key: string, group: string, at: number): void {
    const list = this.posts.get(key);
    if (list) list.push(at);
    else this.posts.set(key, [at]);
    const g = this.groups.get(group) ?? { first: at, last: at, count: 0 };
    g.last = at;
    g.count += 1;
    this.groups.set(group, g);
    this.total += 1;
  }

  refuse(limit: string): void {
    this.refused[limit] = (this.refused[limit] ?? 0) + 1;
  }

  ledger(): Ledger {
    return { posts: Object.fromEntries(this.posts), refused: { ...this.refused }, byGroup: Object.fromEntries(this.groups) };
  }

  reset(): void {
    this.posts = new Map();
    this.refused = {};
    this.groups = new Map();
    this.total = 0;
  }
}

/** Questions the parent asks a limited fake over IPC. */
export type LimitedQuestion = { count: true } | { ledger: true } | { reset: true };

export interface LimitedFake extends FakeProcess {
  count(): Promise<number>;
  ledger(): Promise<Ledger>;
  reset(): Promise<void>;
}

export function limitedHandle(child: FakeProcess): LimitedFake {
  return {
    ...child,
    count: () => child.ask<number>({ count: true }),
    ledger: () => child.ask<Ledger>({ ledger: true }),
    reset: async () => void (await child.ask({ reset: true })),
  };
}
