/**
 * Delivers outbox messages to Slack: into the person's DM with the bot (opening it with
 * conversations.open the first time, and handing the new address back to be stored), updating
 * the earlier message in place when a question was answered, so its buttons cannot be used again.
 * A picture or file the message carries is uploaded into the same DM after it (uploads.ts).
 */
import { z } from 'zod';
import type { OutboxEntry } from '../../core/domain.js';
import { type ChannelSender, SendError } from '../../core/outbox/sender.js';
import type { FileReader, Recipient, Texts } from '../../core/ports.js';
import { renderMessage, type SlackUiTexts } from './blocks.js';
import type { SlackClients } from './clients.js';
import { platformCode, toSendError } from './errors.js';
import { SlackPacing } from './pacing.js';
import { findPosted, outboxMetadata } from './posted.js';
import { upload, uploadsFor } from './uploads.js';

/** A sent message: what chat.update needs to replace it. */
export const messageRefSchema = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
export type MessageRef = z.infer<typeof messageRefSchema>;

/** How to reach a person: their DM channel with the bot. */
export const addressSchema = z.object({ channel: z.string().min(1) });

export interface SlackSenderDeps {
  clients: Pick<SlackClients, 'forTenant'>;
  texts: Texts;
  /** Where a message's picture and file bytes are read; without it they are not delivered. */
  files?: FileReader | undefined;
}

/** Updating fails like this when the old message is gone or too old: post a new one instead. */
const CANNOT_UPDATE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed', 'channel_not_found']);

export function uiTexts(texts: Texts, locale: string): SlackUiTexts {
  return { fillIn: texts.t(locale, 'slack.fillIn'), chooseOne: texts.t(locale, 'slack.chooseOne'), chooseMany: texts.t(locale, 'slack.chooseMany') };
}

export class SlackSender implements ChannelSender {
  readonly platform = 'slack' as const;

  constructor(
    private readonly deps: SlackSenderDeps,
    private readonly pacing = new SlackPacing(),
  ) {}

  async send(entry: OutboxEntry, replaceRef: unknown, recipient: Recipient | null): Promise<{ externalRef: MessageRef; address?: unknown }> {
    if (!recipient) throw SendError.permanent('no-identity', 'slack: the person has no Slack identity');
    // Over Slack's pace (pacing.ts) the message waits for its slot; the outbox serves others meanwhile.
    const wait = this.pacing.take(recipient.tenant, recipient.externalUserId, entry.id);
    if (wait > 0) throw new SendError('slack pacing (local)', wait, true);
    try {
      const client = await this.deps.clients.forTenant(recipient.tenant);
      const rendered = renderMessage(entry.payload, uiTexts(this.deps.texts, recipient.locale));
      // Read before anything is posted: a database hiccup then retries the message, not half of it.
      const uploads = await uploadsFor(entry.organisationId, entry.payload, this.deps.files);
      const old = entry.payload.replacesPromptId ? messageRefSchema.safeParse(replaceRef) : null;
      if (old?.success) {
        const updated = await this.update(client, old.data, rendered);
        if (updated) {
          await upload(client, updated.channel, uploads);
          return { externalRef: updated };
        }
      }
      const known = addressSchema.safeParse(recipient.address);
      const channel = known.success ? known.data.channel : await openDm(client, recipient.externalUserId);
      // Tried before (failed, or its process died before marking it sent): posted already? (posted.ts)
      const earlier = entry.attempts > 0 ? await findPosted(client, channel, entry.id) : null;
      const posted = earlier ? { channel, ts: earlier } : await client.chat.postMessage({ channel, text: rendered.text, blocks: rendered.blocks as never, unfurl_links: false, unfurl_media: false, metadata: outboxMetadata(entry.id) });
      const ref = messageRefSchema.parse({ channel: posted.channel ?? channel, ts: posted.ts });
      // A failed upload retries the message: its text is then found, not posted again, but the
      // files go again (Slack tells no upload's outbox row): never missed, maybe twice.
      await upload(client, ref.channel, uploads);
      return known.success ? { externalRef: ref } : { externalRef: ref, address: { channel } };
    } catch (error) {
      throw toSendError(error);
    }
  }

  /** chat.update in place; null when Slack cannot update that message any more. */
  private async update(client: Awaited<ReturnType<SlackClients['forTenant']>>, ref: MessageRef, rendered: ReturnType<typeof renderMessage>): Promise<MessageRef | null> {
    try {
      await client.chat.update({ channel: ref.channel, ts: ref.ts, text: rendered.text, blocks: rendered.blocks as never });
      return ref;
    } catch (error) {
      if (CANNOT_UPDATE.has(platformCode(error) ?? '')) return null;
      throw error;
    }
  }
}

/** Opens (or finds) the bot's DM with a user; needs the im:write scope. */
async function openDm(client: Awaited<ReturnType<SlackClients['forTenant']>>, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const id = opened.channel?.id;
  if (!id) throw new Error('slack: conversations.open returned no channel');
  return id;
}
