/**
 * app_mention: "@Mentor Bridge join ABC" in a channel. The words go to the core like a DM; the
 * answer goes to the person's DM (never the channel: profiles and questions are private), so no
 * address is taken from the channel.
 */
import type { App } from '@slack/bolt';
import { envelopeSchema, mentionEventSchema, stripMentions, tenantOf, toInbound, unescapeSlack } from '../parse.js';
import { accept, type ListenerDeps, rejected } from './deps.js';

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_mention', async ({ body, event }) => {
    const envelope = envelopeSchema.safeParse(body);
    const mention = mentionEventSchema.safeParse(event);
    if (!envelope.success || !mention.success) return rejected(deps, 'app_mention', [...(envelope.error?.issues ?? []), ...(mention.error?.issues ?? [])]);
    if (mention.data.bot_id !== undefined) return;
    const tenant = tenantOf(envelope.data.team_id, envelope.data.enterprise_id);
    if (!tenant) return;
    const text = stripMentions(unescapeSlack(mention.data.text));
    await accept(deps, toInbound(envelope.data.event_id, tenant, { id: mention.data.user }, { kind: 'text', text }));
  });
}
