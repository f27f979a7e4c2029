/**
 * Slack's payloads, parsed with zod (only the fields we use; Slack adds fields freely), and the
 * neutral Inbound built from them. Shapes follow Slack's documented examples: the Events API
 * envelope, slash command form fields, block_actions and view_submission payloads.
 */
import { z } from 'zod';
import type { Inbound, InboundEvent } from '../../core/messages.js';
import type { Viewer } from '../../core/app.js';

const id = z.string().min(1).max(255);
const teamRef = z.object({ id }).nullish();

/** The Events API envelope around every event. */
export const envelopeSchema = z.object({
  event_id: id,
  team_id: id.optional(),
  enterprise_id: id.nullish(),
});

export const messageEventSchema = z.object({
  type: z.literal('message'),
  channel: id,
  channel_type: z.string().optional(),
  user: id.optional(),
  text: z.string().default(''),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
});

export const mentionEventSchema = z.object({ type: z.literal('app_mention'), user: id, text: z.string().default(''), channel: id, bot_id: z.string().optional() });

export const homeOpenedSchema = z.object({ type: z.literal('app_home_opened'), user: id, channel: id.optional(), tab: z.string().optional() });

export const commandSchema = z.object({
  command: z.string(),
  text: z.string().default(''),
  user_id: id,
  user_name: z.string().optional(),
  team_id: id.optional(),
  enterprise_id: id.nullish(),
  trigger_id: id,
});

const interactionUser = z.object({ id, name: z.string().optional(), username: z.string().optional(), team_id: id.optional() });
const stateValues = z.record(z.string(), z.record(z.string(), z.object({ type: z.string() }).passthrough()));

export const blockActionsSchema = z.object({
  type: z.literal('block_actions'),
  user: interactionUser,
  team: teamRef,
  enterprise: teamRef,
  trigger_id: id.optional(),
  channel: z.object({ id }).nullish(),
  container: z.object({ type: z.string(), channel_id: id.optional() }).nullish(),
  state: z.object({ values: stateValues }).nullish(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        action_ts: z.string(),
        type: z.string(),
        value: z.string().optional(),
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .min(1),
});
export type BlockActions = z.infer<typeof blockActionsSchema>;

export const viewSubmissionSchema = z.object({
  type: z.literal('view_submission'),
  user: interactionUser,
  team: teamRef,
  enterprise: teamRef,
  view: z.object({ id, hash: z.string(), callback_id: z.string(), private_metadata: z.string().default(''), state: z.object({ values: stateValues }) }),
});
export type ViewSubmission = z.infer<typeof viewSubmissionSchema>;

/** Tenant = team id; an org-wide Enterprise Grid event may carry only the enterprise id. */
export function tenantOf(team: string | null | undefined, enterprise: string | null | undefined): string | null {
  return team ?? enterprise ?? null;
}

export interface SlackUser {
  id: string;
  name?: string | undefined;
  /** The bot's DM channel with this person, when the payload tells us. */
  dm?: string | undefined;
}

/** A DM channel id starts with D; a public or private channel must never become an address. */
export function dmChannel(channel: string | null | undefined): string | undefined {
  return channel?.startsWith('D') ? channel : undefined;
}

export function viewer(tenant: string, user: SlackUser): Viewer {
  return {
    platform: 'slack',
    tenant,
    user: { externalId: user.id, ...(user.name ? { displayName: user.name.slice(0, 200) } : {}), ...(user.dm ? { address: { channel: user.dm } } : {}) },
  };
}

export function toInbound(dedupeKey: string, tenant: string, user: SlackUser, event: InboundEvent): Inbound {
  return { dedupeKey: dedupeKey.slice(0, 255), ...viewer(tenant, user), event };
}

/** "<@U0BOT> join ABC" → "join ABC": mentions are addressing, not words of the command. */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Slack's own escaping undone, so the core reads what the person typed. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
