/**
 * Stores accepted inbounds several per statement: while one write is under way, the rows that
 * arrive meanwhile wait and go together in the next (group commit). Under load that is one
 * statement for many acknowledgements, where on the embedded database every statement waits for
 * its one session; when quiet a row goes at once, alone. Each caller learns whether its row was
 * new, or why it could not be stored (then the platform must not hear "received").
 */
import type { InboxQueue, NewInboxRow } from './ports.js';

/** Rows per statement at most: a statement others wait behind (on the embedded database) stays short. */
const MAX_ROWS = 500;

interface Waiting {
  row: NewInboxRow;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

export class InboxWrites {
  private waiting: Waiting[] = [];
  /**
   * The write under way. Cleared by the loop itself the moment it finds nothing left to write,
   * in the same step: cleared later (in a .finally), a row added in between would find a writer
   * that has already finished, and wait forever.
   */
  private writing: Promise<void> | null = null;

  constructor(private readonly queue: Pick<InboxQueue, 'accept'>) {}

  /** Resolves true when the row was stored, false when its key was stored before (a platform retry). */
  add(row: NewInboxRow): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.writing ??= this.writeAll();
    });
  }

  /** Resolves once every row added so far is written (or refused). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeAll(): Promise<void> {
    // Rows added in the same tick as the first go with it.
    await Promise.resolve();
    for (;;) {
      const batch = this.waiting.splice(0, MAX_ROWS);
      if (batch.length === 0) {
        this.writing = null;
        return;
      }
      await this.write(batch);
    }
  }

  private async write(group: Waiting[]): Promise<void> {
    // A retry of the same delivery inside one batch: the first row speaks for both.
    const firstOfKey = new Map<string, Waiting>();
    for (const w of group) {
      const key = `${w.row.platform}\u0000${w.row.tenant}\u0000${w.row.dedupeKey}`;
      if (!firstOfKey.has(key)) firstOfKey.set(key, w);
    }
    const rows = [...firstOfKey.values()];
    try {
      const stored = await this.queue.accept(rows.map((w) => w.row));
      for (const w of group) w.resolve(stored.has(w.row.id));
    } catch (error) {
      for (const w of group) w.reject(error);
    }
  }
}
