/**
 * The inbox's storage (InboxQueue) in memory, for tests of what sits in front of it: the Inbox
 * itself and the Slack listeners. It keeps the rules the SQL keeps (one row per platform, tenant
 * and key; leases; a person's later row waits while an earlier one is held) and records its
 * calls; `down` makes every call throw, as a database that went away would.
 */
import type { ClaimedInbound, InboxQueue, NewInboxRow } from '../../src/core/inbox/ports.js';

export interface MemoryRow extends Omit<NewInboxRow, 'lockedUntil'> {
  status: 'pending' | 'done' | 'failed';
  attempts: number;
  lockedUntil: Date | null;
  lastError: string | null;
  inbound: NewInboxRow['inbound'];
}

export class MemoryInboxQueue implements InboxQueue {
  readonly rows: MemoryRow[] = [];
  readonly calls: string[] = [];
  down = false;

  private check(call: string): void {
    this.calls.push(call);
    if (this.down) throw new Error('connection refused');
  }

  /** What the unit of work's receive does to a row: done, once. */
  markDone(id: string): boolean {
    const row = this.rows.find((r) => r.id === id && r.status === 'pending');
    if (!row) return false;
    row.status = 'done';
    row.lockedUntil = null;
    return true;
  }

  async accept(rows: readonly NewInboxRow[]): Promise<Set<string>> {
    this.check(`accept:${rows.length}`);
    const stored = new Set<string>();
    for (const row of rows) {
      if (this.rows.some((r) => r.platform === row.platform && r.tenant === row.tenant && r.dedupeKey === row.dedupeKey)) continue;
      this.rows.push({ ...structuredClone(row), status: 'pending', attempts: 1, lastError: null });
      stored.add(row.id);
    }
    return stored;
  }

  async claim(now: Date, limit: number, lockedUntil: Date, options: { orphanedBefore?: Date } = {}): Promise<ClaimedInbound[]> {
    this.check('claim');
    const orphaned = options.orphanedBefore ?? new Date(0);
    const held = (r: MemoryRow) => r.lockedUntil !== null && r.lockedUntil > now && r.lockedUntil >= orphaned;
    const pending = this.rows.filter((r) => r.status === 'pending').sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.id.localeCompare(b.id));
    const taken = pending
      .filter((r) => !held(r))
      .filter((r) => !pending.some((e) => e.platform === r.platform && e.tenant === r.tenant && e.externalUserId === r.externalUserId && held(e) && pending.indexOf(e) < pending.indexOf(r)))
      .slice(0, limit);
    for (const r of taken) {
      r.lockedUntil = lockedUntil;
      r.attempts += 1;
    }
    return taken.map((r) => ({ id: r.id, inbound: structuredClone(r.inbound), attempts: r.attempts }));
  }

  async renew(ids: readonly string[], lockedUntil: Date): Promise<void> {
    this.check(`renew:${ids.length}`);
    for (const r of this.rows) if (ids.includes(r.id) && r.status === 'pending') r.lockedUntil = lockedUntil;
  }

  async release(ids: readonly string[], at: Date, error?: string): Promise<void> {
    this.check(`release:${ids.length}`);
    for (const r of this.rows) {
      if (!ids.includes(r.id) || r.status !== 'pending') continue;
      r.lockedUntil = at;
      if (error !== undefined) r.lastError = error;
    }
  }

  async fail(id: string, error: string, forget: boolean): Promise<void> {
    this.check(`fail:${error}`);
    const row = this.rows.find((r) => r.id === id && r.status === 'pending');
    if (!row) return;
    row.status = 'failed';
    row.lastError = error;
    row.lockedUntil = null;
    if (forget) row.inbound = null as never;
  }

  async pending(): Promise<number> {
    this.check('pending');
    return this.rows.filter((r) => r.status === 'pending').length;
  }
}
