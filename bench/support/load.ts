/**
 * An open-loop load (message i leaves at start + i/rate, whatever happened to the ones before)
 * and what it came to: time to acknowledge, and time until each message's reply was posted at
 * the fake platform. A person's replies come in the order of their messages (the inbox keeps a
 * person's order), so the k-th reply in a person's channel answers their k-th message.
 */
import { percentile } from './stats.js';

/** In flight beyond this, a message is not sent (counted as shed): a stalled app cannot pile up requests unbounded. */
const MAX_IN_FLIGHT = 1000;
/** How long to wait for the last replies after the last message. */
const DRAIN_MS = 30_000;

export interface Shot {
  /** Where its reply is posted (DM channel, conversation id). */
  key: string;
  /** Date.now() when sent: the fakes stamp replies with Date.now() too. */
  sentAt: number;
  ackMs: number | null;
  status: number | 'error' | 'shed';
}

export async function openLoop(rate: number, seconds: number, make: (i: number) => { key: string; send: () => Promise<number> }): Promise<Shot[]> {
  const total = Math.round(rate * seconds);
  const shots: Shot[] = [];
  const pending: Promise<void>[] = [];
  let inFlight = 0;
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { key, send } = make(i);
    const shot: Shot = { key, sentAt: Date.now(), ackMs: null, status: 'shed' };
    shots.push(shot);
    if (inFlight >= MAX_IN_FLIGHT) continue;
    inFlight += 1;
    const t0 = performance.now();
    pending.push(
      send().then(
        (status) => {
          shot.status = status;
          shot.ackMs = performance.now() - t0;
        },
        () => {
          shot.status = 'error';
        },
      ).finally(() => {
        inFlight -= 1;
      }),
    );
  }
  await Promise.all(pending);
  return shots;
}

export interface Outcome {
  sent: number;
  acked: number;
  answered: number;
  ackMs: number[];
  replyMs: number[];
  /** Replies per second, from the first message to the last reply. */
  throughput: number;
  /** The app process's CPU time per answered message (ms): what it costs, whatever else the machine runs. */
  cpuPerMessageMs: number;
  line(name: string): string;
}

const ok = (s: Shot) => s.status === 200 || s.status === 202;

/** Waits for a reply to every acknowledged message (DRAIN_MS at most), then matches them. */
export async function summarise(shots: Shot[], before: Record<string, number[]>, replies: () => Promise<Record<string, number[]>>, cpuMs: () => Promise<number>): Promise<Outcome> {
  const byKey = new Map<string, Shot[]>();
  for (const s of shots.filter(ok)) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const fresh = (now: Record<string, number[]>, key: string) => (now[key] ?? []).slice(before[key]?.length ?? 0);
  const until = Date.now() + DRAIN_MS;
  let now = await replies();
  while (Date.now() < until && [...byKey].some(([key, list]) => fresh(now, key).length < list.length)) {
    await new Promise((r) => setTimeout(r, 200));
    now = await replies();
  }
  const replyMs: number[] = [];
  let lastReply = 0;
  for (const [key, list] of byKey) {
    const got = fresh(now, key);
    list.forEach((shot, k) => {
      const at = got[k];
      if (at === undefined) return;
      replyMs.push(at - shot.sentAt);
      lastReply = Math.max(lastReply, at);
    });
  }
  const cpuPerMessageMs = (await cpuMs()) / Math.max(1, replyMs.length);
  const ackMs = shots.filter(ok).map((s) => s.ackMs ?? 0);
  const first = shots[0]?.sentAt ?? 0;
  const throughput = replyMs.length / Math.max(0.001, (lastReply - first) / 1000);
  const sent = shots.filter((s) => s.status !== 'shed').length;
  const acked = ackMs.length;
  const answered = replyMs.length;
  const ms = (values: number[]) => `${percentile(values, 50).toFixed(0).padStart(6)} /${percentile(values, 99).toFixed(0).padStart(6)}`;
  return {
    sent,
    acked,
    answered,
    ackMs,
    replyMs,
    throughput,
    cpuPerMessageMs,
    line: (name) => `${name.padEnd(18)} ${String(sent).padStart(5)} ${String(acked).padStart(6)} ${String(answered).padStart(8)}   ${ms(ackMs)}    ${ms(replyMs)}     ${throughput.toFixed(0).padStart(6)}   ${cpuPerMessageMs.toFixed(2).padStart(13)}`,
  };
}
