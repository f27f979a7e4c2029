/** The inbox's numbers (inbox.ts), each with why it is what it is. */

/** How long a row taken here is held from others; renewed on every tick while it waits. */
export const LEASE_MS = 30_000;
/**
 * People served at once: their inbounds are prepared (a channel may ask its platform about the
 * person) and then wait to be worked together (batches.ts).
 */
export const INBOX_CONCURRENCY = 32;
/**
 * Transactions at once, and inbounds per transaction at most. Two keep the database busy; more
 * in flight only crowd the event loop and the machine's cores, and make acknowledgements (which
 * store rows in the same database) wait (bench/slack.ts on 2 cores: 4 gave ack p99 127–486 ms, 2
 * gave 54–76 ms). A batch of 16 stays one short transaction.
 */
export const WORK_TRANSACTIONS = 2;
export const BATCH_SIZE = 16;
/** Tries in this process before a failing row is left to the sweep (about 16 s of back-off: a database restart). */
export const TRIES_HERE = 7;
/** Takings (sweeps included) before a row is given up and failed for someone to look at. */
export const MAX_ATTEMPTS = 5;
/** How long a shutdown waits for the work already running, after its grace for the rest. */
export const RUNNING_GRACE_MS = 2000;
/** Rows a sweep takes per statement, and the backlog past which it takes no more for now. */
export const CLAIM_BATCH = 200;
export const MAX_BACKLOG = 2000;
