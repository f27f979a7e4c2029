/**
 * Exactly once into a Slack DM, as far as Slack lets us. Slack's chat.postMessage takes no
 * idempotency key, so a process that posted and died before the outbox marked the message sent
 * would post it again after its lease. Instead every post carries message metadata naming its
 * outbox row (an opaque id, never words: Slack makes metadata readable to other apps in the
 * workspace), and a message that may have been posted before is first looked for in the DM's
 * history (conversations.history with include_all_metadata, scope im:history, which the app has
 * for the DMs people write to it). Found: its ts is the message's reference, nothing is posted.
 *
 * "May have been posted before" is the outbox row's attempts > 0: a failed attempt counts (a
 * timeout or a 500 may have reached Slack), and so does a claim that ended with no outcome at all
 * (a crash; src/store/outbox-queue.ts counts it when the next claim takes the row). A first try,
 * and a retry after a 429 or the local pacing (not attempts), post at once, without the look-up.
 *
 * The look-up reads the newest messages and stops after MAX_PAGES pages of PAGE_SIZE, with no
 * `oldest` bound: the row's createdAt is the app's clock, which may be a test's or the demo's and
 * not Slack's. Newest first is enough: the person's later messages wait behind this one in the
 * outbox, so only what the person typed since, and no other message of ours, can lie above it.
 * PAGE_SIZE is 15, the most Slack allows apps distributed outside its Marketplace (which it also
 * holds to one history call a minute; a 429 there delays the message, as any rate limit does).
 */
import type { SlackClients } from './clients.js';
import { platformCode } from './errors.js';

type Client = Awaited<ReturnType<SlackClients['forTenant']>>;

/** The metadata event type of every message the outbox posts (Slack: alphanumeric and underscores). */
export const OUTBOX_EVENT_TYPE = 'mentor_bridge_outbox';
export const PAGE_SIZE = 15;
export const MAX_PAGES = 4;
/** A DM we cannot read (scope missing on an old install, gone): no proof either way, so we post. */
const CANNOT_READ = new Set(['missing_scope', 'not_in_channel', 'channel_not_found', 'not_allowed_token_type']);

/** The metadata that names a message's outbox row. */
export function outboxMetadata(outboxId: string): { event_type: string; event_payload: { outbox_id: string } } {
  return { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: outboxId } };
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/** The ts of the message in `channel` that carries outbox row `outboxId`, or null when there is none (or it cannot be read). */
export async function findPosted(client: Client, channel: string, outboxId: string): Promise<string | null> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    let answer: Awaited<ReturnType<Client['conversations']['history']>>;
    try {
      answer = await client.conversations.history({ channel, limit: PAGE_SIZE, include_all_metadata: true, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      if (CANNOT_READ.has(platformCode(error) ?? '')) return null;
      throw error; // a 429 or an outage: the message waits and asks again, it is not posted blind
    }
    const found = ((answer.messages ?? []) as HistoryMessage[]).find((m) => m.metadata?.event_type === OUTBOX_EVENT_TYPE && m.metadata.event_payload?.outbox_id === outboxId);
    if (found?.ts) return found.ts;
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!answer.has_more || !cursor) return null;
  }
  return null;
}
