/** How a channel delivers one outbox message. Channels implement this; the dispatcher drives it. */
import type { OutboxEntry } from '../domain.js';
import type { Platform } from '../messages.js';
import type { Recipient } from '../ports.js';

export interface ChannelSender {
  readonly platform: Platform;
  /**
   * Delivers `entry`. When `entry.payload.replacesPromptId` is set, `replaceRef` is the external
   * reference of the earlier message to update in place (null when it cannot be found: send new).
   * `recipient` is who the message is for on this platform (null when they have no identity
   * here). Returns the platform's reference to what was sent, and the person's address when the
   * sender learned a new one. Throws SendError to say what to do next.
   */
  send(entry: OutboxEntry, replaceRef: unknown, recipient: Recipient | null): Promise<{ externalRef: unknown; address?: unknown }>;
}

/** A delivery that failed; `retryAfterMs` null means retrying cannot help (e.g. user gone). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
    /**
     * The platform said "not now" (429 with Retry-After, a local rate limit): not a failure. It
     * never counts toward giving up, however long the storm lasts; the message waits as told.
     */
    readonly throttled = false,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
