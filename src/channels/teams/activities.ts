/**
 * Teams activities → the core's neutral Inbound. Everything is parsed with zod from the plain
 * JSON Teams sent (the SDK's `Activity` type promises far more than Teams guarantees).
 *
 * Teams quirks recorded here:
 * - The tenant is in `channelData.tenant.id`; `conversation.tenantId` carries it too on most
 *   activities, so either is accepted.
 * - `from.id` ("29:…") is per bot registration; `from.aadObjectId` is the person's stable Entra ID
 *   object id, the same one an admin sees and the one `createConversation` accepts as a member.
 * - In a personal chat a message may still contain `<at>Bot</at>` if the person typed a mention.
 * - Install sends both `installationUpdate` and `conversationUpdate` (order not guaranteed); both
 *   become one "opened" with a shared dedupe key, so the person is welcomed once.
 */
import { z } from 'zod';
import type { Inbound, InboundEvent } from '../../core/messages.js';
import { ANSWER_VERB, CHOICE_INPUT } from './cards.js';

const account = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional() });

export const activitySchema = z.object({
  type: z.string(),
  id: z.string().min(1).max(255).optional(),
  name: z.string().optional(),
  // The adapter has already turned this into a Date; raw JSON has a string.
  timestamp: z.union([z.string(), z.date()]).optional(),
  serviceUrl: z.string().url(),
  channelId: z.string(),
  locale: z.string().max(35).optional(),
  from: account,
  recipient: account,
  conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional(), conversationType: z.string().optional() }),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional() }).loose().optional(),
  text: z.string().optional(),
  action: z.string().optional(),
  membersAdded: z.array(account).optional(),
  value: z.unknown().optional(),
});
export type TeamsActivity = z.infer<typeof activitySchema>;

const actionValueSchema = z.object({
  action: z.object({
    type: z.literal('Action.Execute'),
    verb: z.string(),
    data: z
      .object({
        mbPrompt: z.string().max(200),
        mbKind: z.enum(['choice', 'form']),
        mbValue: z.string().optional(),
        mbMulti: z.array(z.string()).optional(),
      })
      .loose(),
  }),
});

/**
 * The body is not signed, but with authentication on the request carries a Bot Connector token
 * that only Microsoft can issue, so the tenant in it is Microsoft's word (the Bot Framework's
 * usual trust model). With authentication off anyone can claim any tenant: local testing only.
 */
export function tenantOf(activity: TeamsActivity): string | undefined {
  // A tenant id is a GUID, which Microsoft may write in either case: one tenant, one organisation.
  return (activity.channelData?.tenant?.id ?? activity.conversation.tenantId)?.toLowerCase();
}

/** Removes `<at>…</at>` mentions (of the bot or anyone) and the HTML entities Teams adds. */
export function cleanText(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Mentor Bridge lives in personal chats only (the manifest asks for personal scope). A group chat
 * or channel that mentions the bot anyway is ignored: answering there would store the group as
 * the person's address and send their private questions to everyone in it.
 */
export function isPersonal(activity: TeamsActivity): boolean {
  const type = activity.conversation.conversationType;
  return type === undefined || type === 'personal';
}

/** The neutral event an activity stands for; null for what Mentor Bridge ignores. */
export function eventOf(activity: TeamsActivity): InboundEvent | null {
  if (!isPersonal(activity)) return null;
  switch (activity.type) {
    case 'message': {
      const text = cleanText(activity.text ?? '');
      return text ? { kind: 'text', text } : null;
    }
    case 'invoke':
      return activity.name === 'adaptiveCard/action' ? actionEvent(activity.value) : null;
    case 'conversationUpdate':
      return activity.membersAdded?.some((m) => m.id === activity.recipient.id) ? { kind: 'opened' } : null;
    case 'installationUpdate':
      // 'add' only: 'add-upgrade' (a new app version) and 'remove' need no welcome.
      return activity.action === 'add' ? { kind: 'opened' } : null;
    default:
      return null;
  }
}

/** An `adaptiveCard/action` invoke: our verb, the prompt id, and the card's inputs in `data`. */
function actionEvent(value: unknown): InboundEvent | null {
  const parsed = actionValueSchema.safeParse(value);
  if (!parsed.success || parsed.data.action.verb !== ANSWER_VERB) return null;
  const { mbPrompt, mbKind, mbValue, mbMulti, ...inputs } = parsed.data.action.data;
  if (mbKind === 'choice') {
    const picked = mbValue ?? stringOf(inputs[CHOICE_INPUT]);
    return { kind: 'choice', promptId: mbPrompt, values: splitList(picked) };
  }
  const multi = new Set(mbMulti ?? []);
  const values: Record<string, string | string[]> = {};
  for (const [name, raw] of Object.entries(inputs)) {
    const text = stringOf(raw);
    values[name] = multi.has(name) ? splitList(text) : text;
  }
  return { kind: 'form', promptId: mbPrompt, values };
}

/** Input.Number sends a number, the rest strings; absent inputs are left out by Teams. */
function stringOf(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  return '';
}

/** A multi-select ChoiceSet answers "a,b,c"; nothing picked is "". */
function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * The dedupe key: Teams resends an activity (same id) when we answer slowly or fail, so the id
 * is the key; for invokes too. The two install activities share one key per conversation and day.
 */
export function dedupeKeyOf(activity: TeamsActivity, event: InboundEvent): string | null {
  if (event.kind === 'opened') return `opened:${activity.conversation.id}:${dayOf(activity.timestamp)}`;
  return activity.id ?? null;
}

function dayOf(timestamp: string | Date | undefined): string {
  const date = timestamp === undefined ? new Date() : new Date(timestamp);
  return (Number.isNaN(date.getTime()) ? new Date() : date).toISOString().slice(0, 10);
}

export function toInbound(activity: TeamsActivity, address: unknown): Inbound | null {
  const event = eventOf(activity);
  const tenant = tenantOf(activity);
  if (!event || !tenant) return null;
  const dedupeKey = dedupeKeyOf(activity, event);
  if (!dedupeKey) return null;
  return {
    dedupeKey,
    platform: 'teams',
    tenant,
    user: {
      externalId: activity.from.aadObjectId ?? activity.from.id,
      ...(activity.from.name ? { displayName: activity.from.name.slice(0, 200) } : {}),
      ...(activity.locale ? { locale: activity.locale } : {}),
      address,
    },
    event,
  };
}
