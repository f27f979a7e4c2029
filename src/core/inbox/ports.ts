/**
 * The inbox's storage, outside any unit of work (src/store/inbox-queue.ts). Inside a unit of work
 * the row is marked done by `InboxRepo.receive` (src/core/ports.ts), with the work itself.
 */
import type { Inbound, Platform } from '../messages.js';

/** An inbound to store before the platform hears "received". */
export interface NewInboxRow {
  id: string;
  platform: Platform;
  tenant: string;
  dedupeKey: string;
  externalUserId: string;
  inbound: Inbound;
  receivedAt: Date;
  /** Held by the process that stores it until then (now: free for any process at once). */
  lockedUntil: Date;
}

/** A pending row a worker has leased: the stored inbound (validated again before it is worked). */
export interface ClaimedInbound {
  id: string;
  inbound: unknown;
  /** Times taken so far, this one included. */
  attempts: number;
}

export interface InboxQueue {
  /**
   * Stores the rows pending, in one statement; returns the ids it stored. A row whose platform, tenant and dedupe
   * key are stored already (a platform retry) is not stored again. Throws when nothing could be stored.
   */
  accept(rows: readonly NewInboxRow[]): Promise<Set<string>>;
  /**
   * Leases up to `limit` pending rows that nobody holds at `now`, oldest first, until
   * `lockedUntil`, counting an attempt (FOR UPDATE SKIP LOCKED: two processes never take one row).
   * A person's row waits while an earlier row of theirs is held elsewhere. `orphanedBefore`: a
   * lease ending before then was given by a process that is gone, so its rows are taken at once
   * (the embedded database, which one process at a time can open, at start-up).
   */
  claim(now: Date, limit: number, lockedUntil: Date, options?: { orphanedBefore?: Date }): Promise<ClaimedInbound[]>;
  /** Extends the lease of rows still pending (work still waiting in this process). */
  renew(ids: readonly string[], lockedUntil: Date): Promise<void>;
  /** Ends this process's hold: pending rows are free again at `at` (now: for anyone at once). */
  release(ids: readonly string[], at: Date, error?: string): Promise<void>;
  /** Gives a pending row up for good, with why; `forget` also drops the stored inbound (nothing to retry). */
  fail(id: string, error: string, forget: boolean): Promise<void>;
  /** Rows still pending, for the logs at start-up and shutdown. */
  pending(): Promise<number>;
}
