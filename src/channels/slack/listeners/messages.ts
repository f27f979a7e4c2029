/**
 * message.im: what a person writes in their DM with the bot. Bolt acks Events API requests
 * before listeners run, but holds the 200 until they return (processBeforeResponse): the message
 * is in the inbox by then. Edits, joins and other subtypes, and every bot's messages (ours
 * included), are not things a person said to us.
 */
import type { App } from '@slack/bolt';
import { envelopeSchema, messageEventSchema, tenantOf, toInbound, unescapeSlack } from '../parse.js';
import { accept, type ListenerDeps, rejected } from './deps.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('message', async ({ body, event }) => {
    const envelope = envelopeSchema.safeParse(body);
    const message = messageEventSchema.safeParse(event);
    if (!envelope.success || !message.success) return rejected(deps, 'message', [...(envelope.error?.issues ?? []), ...(message.error?.issues ?? [])]);
    const m = message.data;
    if (m.subtype !== undefined || m.bot_id !== undefined || m.user === undefined || m.channel_type !== 'im') return;
    const tenant = tenantOf(envelope.data.team_id, envelope.data.enterprise_id);
    if (!tenant) return;
    // The event id, not the message ts: Slack's retries (x-slack-retry-num) repeat it, and Bolt does not dedupe.
    await accept(deps, toInbound(envelope.data.event_id, tenant, { id: m.user, dm: m.channel }, { kind: 'text', text: unescapeSlack(m.text) }));
  });
}
