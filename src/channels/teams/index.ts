/**
 * The Microsoft Teams channel: personal-chat messages, Adaptive Card Action.Execute invokes and
 * install events in (POST /api/messages), Adaptive Cards out through the outbox.
 *
 * Every `botbuilder` / `botframework-*` import stays inside this folder: Microsoft archived the
 * Bot Framework SDK at the end of 2025 and points to the Teams SDK; the day we move, only this
 * folder changes.
 */
import type { MentorBridgeCore } from '../../core/app.js';
import type { Inbox } from '../../core/inbox/inbox.js';
import type { HttpServer } from '../../http/server.js';
import { createTeamsAdapter, type TeamsAuthSettings } from './adapter.js';
import { registerTeamsRoutes } from './routes.js';
import { TeamsSender, type TeamsSenderDeps } from './sender.js';

export { renderCard, type AnswerData, ANSWER_VERB, CARD_VERSION, type CardParts, CHOICE_INPUT, MAX_BUTTONS } from './cards.js';
export { cardParts, type TeamsFileDeps } from './attachments.js';
export { tenantAllowed } from './bot.js';
export { ConversationLimiter, TEAMS_WINDOWS } from './limiter.js';
export { TEAMS_PATH } from './routes.js';
export { type TeamsReferenceLookup, TeamsSender, type TeamsSentRef, toActivity } from './sender.js';
export type { TeamsAppType, TeamsAuthSettings } from './adapter.js';

/** What the sender needs, less what the channel builds itself (the adapter and its app id). */
export type TeamsChannelOptions = Omit<TeamsSenderDeps, 'adapter' | 'appId'> & { auth: TeamsAuthSettings };

export interface TeamsChannel {
  readonly sender: TeamsSender;
  /**
   * Mounts POST /api/messages; needs the core, which needs the sender first (outbox kicks). With
   * `inbox`, messages are stored there before Teams is answered and worked after (as Slack's
   * events), and other activities are worked through it before (handleNow: batched with the rest).
   */
  register(http: Pick<HttpServer, 'routes'>, core: Pick<MentorBridgeCore, 'handleInbound' | 'registerOrganisation'>, inbox?: Pick<Inbox, 'handleNow' | 'accept'>): void;
}

export function createTeamsChannel(options: TeamsChannelOptions): TeamsChannel {
  const adapter = createTeamsAdapter(options.auth, options.log);
  const { auth, ...senderDeps } = options;
  const sender = new TeamsSender({ ...senderDeps, adapter, appId: auth.appId ?? '' });
  return {
    sender,
    register: (http, core, inbox) =>
      registerTeamsRoutes(http, adapter, {
        core,
        ...(inbox ? { work: (inbound) => inbox.handleNow(inbound), inbox: { accept: (inbound) => inbox.accept(inbound), ready: new Set<string>() } } : {}),
        texts: options.texts,
        defaultLocale: options.defaultLocale,
        tenants: options.auth,
        log: options.log,
      }),
  };
}
