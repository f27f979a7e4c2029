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
   *
   * `entry.attempts > 0`: an earlier try may have reached the platform (it failed with no clear
   * answer, or its process died before marking it sent). A sender that can look (Slack: the
   * outbox id in the message's metadata) returns the earlier message instead of sending again.
   */
  send(entry: OutboxEntry, replaceRef: unknown, recipient: Recipient | null): Promise<{ externalRef: unknown; address?: unknown }>;
  /**
   * How many claims of this channel may be out at once in one process (1 unless given). A sender
   * that waits in-process for a paced slot (Teams: its tenant's next start, up to half a second)
   * keeps its batch open while it waits; the next claim must not wait for that batch to end, or
   * every batch would leave a gap of a claim and a round trip in the tenant's pace. Claims never
   * share a message, and a person's later message is not claimed while an earlier one is leased,
   * so overlapping claims keep each person's order, as several processes do.
   */
  readonly overlappingClaims?: number;
}

/**
 * Why a message ended undelivered, in words a coordinator can act on (prompts/<locale>/deliveries.json),
 * never the platform's raw error (which stays in the outbox row's lastError and the log):
 * - gone: the person cannot be reached there any more (left the workspace, deactivated, blocked
 *   or removed the bot, the conversation was deleted);
 * - no-identity: the person has no account on that platform that the bot knows;
 * - not-authorised: the bot lost its access there (token revoked, app uninstalled, a permission missing);
 * - refused: the platform refused this message itself;
 * - kept-failing: it failed every attempt (MAX_ATTEMPTS) for reasons that might have passed.
 */
export const DELIVERY_FAILURES = ['gone', 'no-identity', 'not-authorised', 'refused', 'kept-failing'] as const;
export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number];

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
    /** For a permanent failure: why, as a coordinator is told (refused when not said). */
    readonly failure: DeliveryFailure = 'refused',
  ) {
    super(message);
    this.name = 'SendError';
  }

  /** A failure retrying cannot help: the message ends here, and `failure` says why. */
  static permanent(failure: DeliveryFailure, message: string): SendError {
    return new SendError(message, null, false, failure);
  }
}
