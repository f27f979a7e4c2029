/**
 * Delivers outbox messages to Teams through the Bot Connector.
 *
 * Conversation references: the core stores, with each inbound, the ConversationReference of the
 * person's personal chat (serviceUrl + conversation id + bot account). That is all a proactive
 * message needs (`continueConversationAsync`). Someone who never wrote to the bot has no
 * reference, but a personal chat can be created for them (`createConversationAsync`) if we know
 * their Entra object id, their tenant, and the tenant's serviceUrl — which we borrow from any
 * reference stored in the same organisation. The new reference is returned so it is stored.
 */
import { type Activity, ActivityTypes, CardFactory, type CloudAdapter, type ConversationParameters, type ConversationReference, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { OutboxEntry } from '../../core/domain.js';
import type { Outbound } from '../../core/messages.js';
import { type ChannelSender, SendError } from '../../core/outbox/sender.js';
import { pickLocale } from '../../core/kernel/people.js';
import type { Logger, Recipient, Texts } from '../../core/ports.js';
import { BOT_CONNECTOR_AUDIENCE } from './adapter.js';
import { cardParts, type TeamsFileDeps } from './attachments.js';
import { type CardParts, renderCard, type Translate } from './cards.js';
import { toSendError } from './errors.js';
import { ConversationLimiter, TenantLimiter } from './limiter.js';
import { htmlText } from './plain.js';
import { plainSummary } from './rich.js';

/** Finds any stored Teams conversation reference in a tenant's organisation (for its serviceUrl). */
export interface TeamsReferenceLookup {
  anyForTenant(tenant: string): Promise<unknown>;
}

/** A stored reference, checked before use: it came from our own database, but was JSON. */
const referenceSchema = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string(),
    conversation: z.object({ id: z.string().min(1) }).loose(),
    bot: z.object({ id: z.string().min(1) }).loose(),
  })
  .loose();
type StoredReference = z.infer<typeof referenceSchema>;

/** What we keep to update a sent message in place (the outbox's externalRef). */
const sentRefSchema = z.object({ conversationId: z.string(), activityId: z.string(), serviceUrl: z.string() });
export type TeamsSentRef = z.infer<typeof sentRefSchema>;

export interface TeamsSenderDeps extends TeamsFileDeps {
  adapter: CloudAdapter;
  /** '' when authentication is off. */
  appId: string;
  texts: Texts;
  defaultLocale: string;
  references: TeamsReferenceLookup;
  log: Logger;
  limiter?: ConversationLimiter;
  /** Teams' per-tenant limit (30 requests a second); one per process unless given. */
  tenantLimiter?: TenantLimiter;
  /**
   * Asks the outbox to deliver again (the dispatcher's kick). Called when a retry we asked for
   * falls due, so a rate-limited reply goes out after its wait instead of at the next scheduler
   * tick (up to 10 s later), which a person clicking through a form would notice.
   */
  wake?: () => void;
}

/** Retries further away than this are left to the scheduler. */
const MAX_WAKE_MS = 60_000;
/**
 * A tenant slot this close is waited for here, not in the outbox: putting a message back and
 * claiming it again costs a wake-up (up to 70 ms) and a claim (tens of milliseconds on the
 * embedded database, hundreds while a nudge run is being planned), and a message that came back
 * late went with the next ones at once, after which the tenant's 30 in 1.05 s held everyone back
 * for over a second. Measured (bench/nudges.ts, embedded database, stale statistics): 78 % of the
 * tenants' rate when every wait went through the outbox, 89–91 % with these waits.
 */
export const WAIT_HERE_MS = 700;
/** A message told to wait longer comes back this much before its slot, and waits the rest here. */
export const COME_BACK_EARLY_MS = 500;
/** Claims out at once (ChannelSender.overlappingClaims): one batch waiting here for its slots, the next being claimed. */
const OVERLAPPING_CLAIMS = 16;

export class TeamsSender implements ChannelSender {
  readonly platform = 'teams' as const;
  readonly overlappingClaims = OVERLAPPING_CLAIMS;
  private readonly limiter: ConversationLimiter;
  private readonly tenantLimiter: TenantLimiter;
  private wakeTimer: { at: number; timer: NodeJS.Timeout } | null = null;

  constructor(private readonly deps: TeamsSenderDeps) {
    this.limiter = deps.limiter ?? new ConversationLimiter();
    this.tenantLimiter = deps.tenantLimiter ?? new TenantLimiter();
  }

  async send(entry: OutboxEntry, replaceRef: unknown, recipient: Recipient | null): Promise<{ externalRef: TeamsSentRef; address?: unknown }> {
    if (!recipient) throw SendError.permanent('no-identity', 'the person has no Teams identity');
    try {
      const stored = referenceSchema.safeParse(recipient.address);
      // The tenant's slot first (limiter.ts): a first message also creates the conversation, two requests.
      await this.tenantSlot(recipient.tenant, entry.id, stored.success ? 1 : 2);
      if (stored.success) return { externalRef: await this.deliver(stored.data, entry, replaceRef, this.translator(recipient)) };
      return await this.startConversation(recipient, entry);
    } catch (error) {
      const failure = toSendError(error, entry.attempts + 1);
      if (failure.retryAfterMs !== null) this.wakeIn(failure.retryAfterMs);
      throw failure;
    }
  }

  /**
   * Resolves at the message's start in its tenant when its slot is near (WAIT_HERE_MS), else
   * throws a rate limit that brings the message back COME_BACK_EARLY_MS before its slot. The slot
   * is booked at the first ask and kept (limiter.ts), so coming back keeps the message's place.
   */
  private async tenantSlot(tenant: string, messageId: string, requests: number): Promise<void> {
    const { waitMs, start } = this.tenantLimiter.take(tenant, messageId, requests, WAIT_HERE_MS);
    if (!start) throw new SendError('teams per-tenant rate limit (local)', Math.max(0, waitMs - COME_BACK_EARLY_MS), true);
    if (waitMs > 0) await sleep(waitMs);
    for (let wait = this.tenantLimiter.admit(tenant, requests); wait > 0; wait = this.tenantLimiter.admit(tenant, requests)) await sleep(wait);
  }

  /** One timer, at the earliest due retry. */
  private wakeIn(ms: number): void {
    const wake = this.deps.wake;
    if (!wake || ms > MAX_WAKE_MS) return;
    const at = Date.now() + ms + 5;
    if (this.wakeTimer && this.wakeTimer.at <= at) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    const timer = setTimeout(() => {
      this.wakeTimer = null;
      wake();
    }, at - Date.now());
    timer.unref();
    this.wakeTimer = { at, timer };
  }

  /** The card's own words (Send, Please fill this in) in the person's chosen language. */
  private translator(recipient: Recipient): Translate {
    const use = pickLocale(recipient.locale, this.deps.texts, this.deps.defaultLocale);
    return (key, params) => this.deps.texts.t(use, key, params);
  }

  private async deliver(reference: StoredReference, entry: OutboxEntry, replaceRef: unknown, t: Translate): Promise<TeamsSentRef> {
    const replace = entry.payload.replacesPromptId ? sentRefSchema.safeParse(replaceRef) : null;
    const conversationId = replace?.success ? replace.data.conversationId : reference.conversation.id;
    const wait = this.limiter.take(conversationId);
    if (wait > 0) throw new SendError('teams per-conversation rate limit (local)', wait, true);
    const activity = toActivity(entry.payload, t, await cardParts(entry, this.deps));
    const target = { ...reference, conversation: { ...reference.conversation, id: conversationId } } as unknown as Partial<ConversationReference>;
    let activityId = '';
    await this.run((logic) => this.deps.adapter.continueConversationAsync(this.deps.appId, target, logic), async (context) => {
      if (replace?.success) {
        // Teams keeps the activity id; the card loses its buttons, so it cannot be answered again.
        await context.updateActivity({ ...activity, id: replace.data.activityId });
        activityId = replace.data.activityId;
      } else {
        activityId = (await context.sendActivity(activity))?.id ?? '';
      }
    });
    return { conversationId, activityId, serviceUrl: reference.serviceUrl };
  }

  /** First message to someone who never wrote to the bot: open the personal chat, then send. */
  private async startConversation(recipient: Recipient, entry: OutboxEntry): Promise<{ externalRef: TeamsSentRef; address: unknown }> {
    const template = referenceSchema.safeParse(await this.deps.references.anyForTenant(recipient.tenant));
    if (!template.success) {
      // Nobody in the tenant has talked to the bot yet, so no serviceUrl is known: try later.
      throw new SendError('no Teams conversation reference is known in this tenant yet', 10 * 60_000);
    }
    const params = {
      isGroup: false,
      bot: template.data.bot,
      members: [{ id: recipient.externalUserId }],
      tenantId: recipient.tenant,
      channelData: { tenant: { id: recipient.tenant } },
    } as unknown as ConversationParameters;
    const activity = toActivity({ ...entry.payload, replacesPromptId: undefined }, this.translator(recipient), await cardParts(entry, this.deps));
    let address: Partial<ConversationReference> = {};
    let activityId = '';
    const { serviceUrl, channelId } = template.data;
    await this.run((logic) => this.deps.adapter.createConversationAsync(this.deps.appId, channelId, serviceUrl, BOT_CONNECTOR_AUDIENCE, params, logic), async (context) => {
      const { activityId: _ignored, ...reference } = TurnContext.getConversationReference(context.activity);
      address = reference;
      activityId = (await context.sendActivity(activity))?.id ?? '';
    });
    this.deps.log.info('teams conversation created', { channel: 'teams', outboxId: entry.id });
    const conversationId = address.conversation?.id ?? '';
    return { externalRef: { conversationId, activityId, serviceUrl }, address };
  }

  /**
   * Runs `work` inside an adapter turn and rethrows its error ourselves: an error escaping the
   * turn would go through onTurnError, which is for inbound requests, and be logged twice.
   */
  private async run(open: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, work: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | null = null;
    await open(async (context) => {
      try {
        await work(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw (failure as { error: unknown }).error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Questions, answered questions and anything richer than text are cards. */
export function needsCard(message: Outbound): boolean {
  const rich = message.title !== undefined || (message.sections?.length ?? 0) > 0 || (message.context?.length ?? 0) > 0 || message.image !== undefined || message.file !== undefined;
  return rich || message.replacesPromptId !== undefined || (message.prompt !== undefined && message.prompt.spec.kind !== 'text');
}

/** Longest summary: what a notification shows of a card, not the card itself. */
const SUMMARY_MAX = 500;

/**
 * Plain text is a plain message (it reads better in notifications), as HTML (textFormat xml):
 * the core's spans become <strong>/<em> and every other character is escaped, which Teams
 * documents for its HTML subset — unlike markdown, where a typed [text](url) would be a link.
 * A card's activity carries a plain summary for notifications.
 */
export function toActivity(message: Outbound, t: Translate, parts: CardParts = {}): Partial<Activity> {
  if (!needsCard(message)) return { type: ActivityTypes.Message, text: htmlText(message.text), textFormat: 'xml' };
  const summary = plainSummary(message, SUMMARY_MAX);
  return { type: ActivityTypes.Message, ...(summary ? { summary } : {}), attachments: [CardFactory.adaptiveCard(renderCard(message, t, parts))] };
}
