/** How a channel delivers one outbox message. Channels implement this; the dispatcher drives it. */
import type { OutboxEntry } from '../domain.js';
import type { Platform } from '../messages.js';

export interface ChannelSender {
  readonly platform: Platform;
  /**
   * Delivers `entry`. When `entry.payload.replacesPromptId` is set, `replaceRef` is the external
   * reference of the earlier message to update in place (null when it cannot be found: send new).
   * Returns the platform's reference to what was sent. Throws SendError to say what to do next.
   */
  send(entry: OutboxEntry, replaceRef: unknown): Promise<{ externalRef: unknown }>;
}

/** A delivery that failed; `retryAfterMs` null means retrying cannot help (e.g. user gone). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
