/**
 * The Slack channel: a Bolt app whose listeners turn Slack's payloads into the core's Inbound,
 * and a sender that renders Outbound as Block Kit. Over HTTP it mounts on the shared server
 * (POST /slack/events, and for OAuth GET /slack/install + /slack/oauth_redirect); with an app
 * token it uses Socket Mode instead. One workspace runs on a bot token; many install through
 * OAuth, with installations kept in the database.
 */
import { App, type Authorize, ErrorCode, ExpressReceiver, HTTPModuleFunctions, type StateStore } from '@slack/bolt';
import express, { type Router } from 'express';
import type { MentorBridgeCore } from '../../core/app.js';
import type { Inbox } from '../../core/inbox/inbox.js';
import type { FileReader, Logger, Texts } from '../../core/ports.js';
import { boltLogger } from './bolt-logger.js';
import { type SlackInstallations, SlackClients, type WorkspaceQuery, webClientOptions } from './clients.js';
import { onlyWorkspace, refuseFutureRequests } from './guards.js';
import { withProfile } from './listeners/deps.js';
import { register } from './listeners/index.js';
import { profileFromUsersInfo, SlackProfiles } from './profiles.js';
import { SlackPacing } from './pacing.js';
import { SlackSender } from './sender.js';

/** The least a working install needs; keep in step with slack/manifest.yml. */
export const BOT_SCOPES = ['chat:write', 'files:write', 'im:history', 'im:read', 'im:write', 'app_mentions:read', 'commands', 'users:read'];

export interface SlackOptions {
  signingSecret: string;
  /** One workspace. */
  botToken?: string | undefined;
  /** Socket Mode instead of HTTP. */
  appToken?: string | undefined;
  /** Web API base (a stand-in in tests); Slack's own when unset. */
  apiUrl?: string | undefined;
  /** Many workspaces through Slack's OAuth install flow. */
  oauth?: { clientId: string; clientSecret: string } | undefined;
  /** Messages a second into one workspace (pacing.ts); its default when unset. */
  workspacePerSecond?: number | undefined;
}

export interface SlackDeps {
  texts: Texts;
  log: Logger;
  defaultLocale: string;
  /** Where OAuth installs are kept (needed unless a bot token is given), and workspaces marked uninstalled. */
  installations?: SlackInstallations;
  /** Where OAuth states wait for their one redirect (needed with OAuth). */
  oauthStates?: StateStore;
  /** Where the pictures and files messages carry are read (StoredFile); without it they are not sent. */
  files?: FileReader;
}

export interface SlackChannel {
  readonly sender: SlackSender;
  /**
   * Registers the workspace (bot token mode), mounts the routes or connects Socket Mode. Inbounds
   * go to `inbox`, which stores them before Slack is answered and works them after.
   */
  start(deps: { core: Pick<MentorBridgeCore, 'handleInbound' | 'home' | 'currentQuestion' | 'registerOrganisation'>; inbox: Pick<Inbox, 'accept' | 'run' | 'prepareWith'>; routes: Router }): Promise<void>;
  /** Stops taking events: Socket Mode disconnects (over HTTP the shared server closes). */
  stop(): Promise<void>;
}

export function createSlackChannel(options: SlackOptions, deps: SlackDeps): SlackChannel {
  const logger = boltLogger(deps.log);
  const clientOptions = { slackApiUrl: options.apiUrl, logger };
  const tokens = options.botToken ? ({ kind: 'single', botToken: options.botToken } as const) : installationsOrThrow(deps.installations);
  const clients = new SlackClients(tokens, clientOptions);
  const sender = new SlackSender({ clients, texts: deps.texts, files: deps.files }, new SlackPacing({ workspacePerSecond: options.workspacePerSecond }));
  const profiles = new SlackProfiles(lookupProfile(clients), { log: deps.log });
  let app: App | null = null;

  return {
    sender,
    async start({ core, inbox, routes }) {
      const single = options.botToken ? await singleWorkspace(clients, options.botToken, core, deps) : undefined;
      if (!single) await sealPlainTokens(deps);
      app = buildApp(options, deps, { authorize: single?.authorize, routes, logger });
      // Before every listener: the one token's workspace only (guards.ts).
      if (single) app.use(onlyWorkspace(single.externalId, deps));
      // What Slack says about the person (users.info, cached) is added just before the work, not
      // before the ack: also to rows a previous run left pending.
      inbox.prepareWith('slack', (inbound) => withProfile({ profiles }, inbound));
      const workspaces = { removed: (query: WorkspaceQuery) => workspaceRemoved(clients, deps, query) };
      register(app, { core, inbox, log: deps.log, texts: deps.texts, defaultLocale: deps.defaultLocale, profiles, workspaces });
      if (options.appToken) {
        holdAcksUntilListenersReturn(app);
        await app.start();
      }
    },
    async stop() {
      if (app && options.appToken) await app.stop();
    },
  };
}

/** users.info (with the locale) through the workspace's own client; the app's installer counts as an admin. */
function lookupProfile(clients: SlackClients) {
  return async (tenant: string, userId: string) => {
    const { client, installerUserId } = await clients.workspace(tenant);
    const answer = await client.users.info({ user: userId, include_locale: true });
    return profileFromUsersInfo(answer, installerUserId === userId);
  };
}

function installationsOrThrow(store: SlackInstallations | undefined): { kind: 'installations'; store: SlackInstallations } {
  if (!store) throw new Error('Slack without SLACK_BOT_TOKEN needs an installation store (OAuth)');
  return { kind: 'installations', store };
}

/** Uninstalled (or the bot token revoked): nothing more is sent there, and the organisation is marked. */
async function workspaceRemoved(clients: SlackClients, deps: SlackDeps, query: WorkspaceQuery): Promise<string | null> {
  const tenant = (query.isEnterpriseInstall ? query.enterpriseId : query.teamId) ?? query.enterpriseId;
  if (tenant) clients.forget(tenant);
  return deps.installations ? deps.installations.workspaceRemoved(query) : null;
}

/** Rows from before tokens were sealed get sealed now (the migration cannot: the key is not in the database). */
async function sealPlainTokens(deps: SlackDeps): Promise<void> {
  const sealed = (await deps.installations?.sealPlainRows()) ?? 0;
  if (sealed > 0) deps.log.info('slack installations: plain tokens sealed', { rows: sealed });
}

/**
 * Bot-token mode: auth.test names the workspace, which becomes the organisation. Every event is
 * then authorised with that token and the bot ids auth.test gave (Bolt's ignoreSelf needs them),
 * instead of Bolt calling auth.test again on the first event.
 */
async function singleWorkspace(clients: SlackClients, botToken: string, core: Pick<MentorBridgeCore, 'registerOrganisation'>, deps: SlackDeps): Promise<{ authorize: Authorize<boolean>; externalId: string }> {
  const auth = await clients.client(botToken).auth.test();
  const externalId = auth.team_id ?? auth.enterprise_id;
  if (!externalId) throw new Error('slack auth.test gave no team id');
  const organisation = await core.registerOrganisation({ platform: 'slack', externalId, name: auth.team ?? externalId });
  // The token works there (auth.test): an earlier app_uninstalled is over.
  await deps.installations?.workspaceRestored(externalId);
  deps.log.info('slack workspace ready', { organisationId: organisation.id, teamId: externalId });
  const result = { botToken, botId: auth.bot_id, botUserId: auth.user_id };
  // A fresh object each time: Bolt writes the event's team id into the one it is given.
  return { authorize: async () => ({ ...result }), externalId };
}

interface AppParts {
  authorize: Authorize<boolean> | undefined;
  routes: Router;
  logger: ReturnType<typeof boltLogger>;
}

function buildApp(options: SlackOptions, deps: SlackDeps, parts: AppParts): App {
  const clientOptions = webClientOptions({ slackApiUrl: options.apiUrl, logger: parts.logger });
  const authorize = parts.authorize ?? (deps.installations ? storeAuthorize(deps.installations) : undefined);
  if (options.appToken) {
    // Socket Mode: events come over a WebSocket, nothing is mounted; OAuth installs need HTTP.
    // installerOptions.clientOptions is where Bolt's SocketModeReceiver takes the Web API base for
    // apps.connections.open (clientOptions alone only reaches the listeners' client).
    return new App({ socketMode: true, appToken: options.appToken, ...(authorize ? { authorize } : {}), logger: parts.logger, clientOptions, installerOptions: { clientOptions }, convoStore: false });
  }
  const router = express.Router();
  // Before Bolt's own handler (which the receiver adds to this router): see guards.ts.
  router.use('/slack/events', refuseFutureRequests(deps.log));
  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    router,
    logger: parts.logger,
    endpoints: '/slack/events',
    // true: Slack's 200 waits until the listeners return, and they return once the inbound is
    // stored in the inbox (one short INSERT, shared by the requests of that moment); the work
    // runs after. Slack never resends an acknowledged event, so answering before storing could
    // lose it; a listener that throws (the database is down) makes this an error status, and
    // Slack delivers again. Without it, Bolt would ack Events API requests before any listener ran.
    processBeforeResponse: true,
    // Bolt logs only "an unhandled error occurred"; the cause goes to our log (message only).
    // An AuthorizationError is a workspace without an installation (answered 401): not our fault.
    processEventErrorHandler: async (args) => {
      const unauthorised = (args.error as { code?: unknown }).code === ErrorCode.AuthorizationError;
      const reason = args.error.message.replace(/xox[a-z]-[\w-]+/g, '[token]');
      if (unauthorised) deps.log.warn('slack request from a workspace without an installation', { reason });
      else deps.log.error('slack request failed', { reason });
      return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
    },
    ...(options.oauth && !parts.authorize ? oauthOptions(options, deps, clientOptions) : {}),
  });
  parts.routes.use(router);
  const useInstaller = options.oauth !== undefined && !parts.authorize;
  // convoStore false: Bolt's conversation context is not used (our state is in the database), and
  // its in-memory store costs every event a write.
  return new App({ receiver, ...(useInstaller ? {} : { authorize }), logger: parts.logger, clientOptions, convoStore: false });
}

/**
 * Socket Mode has no processBeforeResponse: Bolt acknowledges an event envelope before the
 * listeners run. This holds every ack() until processEvent has finished (the inbound is stored),
 * and sends none when it threw (the database is down), so that Slack delivers the envelope again.
 */
function holdAcksUntilListenersReturn(app: App): void {
  const process = app.processEvent.bind(app);
  app.processEvent = async (event) => {
    let held: { response: Parameters<typeof event.ack>[0] } | null = null;
    await process({
      ...event,
      ack: async (response) => {
        held = { response };
      },
    });
    const acked = held as { response: Parameters<typeof event.ack>[0] } | null;
    if (acked) await event.ack(acked.response);
  };
}

function oauthOptions(options: SlackOptions, deps: SlackDeps, clientOptions: ReturnType<typeof webClientOptions>) {
  const oauth = options.oauth as NonNullable<SlackOptions['oauth']>;
  // Bolt's default state (a signed token) could be used again until it expired: ours is used once.
  if (!deps.oauthStates) throw new Error('Slack OAuth needs a state store (oauthStates)');
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    scopes: BOT_SCOPES,
    ...(deps.installations ? { installationStore: deps.installations } : {}),
    installerOptions: { installPath: '/slack/install', redirectUriPath: '/slack/oauth_redirect', clientOptions, directInstall: true, stateStore: deps.oauthStates },
  };
}

/** Socket Mode with OAuth installs: authorise each event from the stored installation. */
function storeAuthorize(store: SlackInstallations): Authorize<boolean> {
  return async (source) => {
    const installation = await store.fetchInstallation({ teamId: source.teamId, enterpriseId: source.enterpriseId, isEnterpriseInstall: source.isEnterpriseInstall });
    return { botToken: installation.bot?.token, botId: installation.bot?.id, botUserId: installation.bot?.userId };
  };
}

/** The channel's options from the environment's SLACK_* variables (config.ts). */
export function slackOptionsFromConfig(config: {
  SLACK_SIGNING_SECRET?: string | undefined;
  SLACK_BOT_TOKEN?: string | undefined;
  SLACK_APP_TOKEN?: string | undefined;
  SLACK_API_URL?: string | undefined;
  SLACK_CLIENT_ID?: string | undefined;
  SLACK_CLIENT_SECRET?: string | undefined;
  SLACK_WORKSPACE_MESSAGES_PER_SECOND?: number | undefined;
}): SlackOptions {
  const { SLACK_CLIENT_ID: clientId, SLACK_CLIENT_SECRET: clientSecret } = config;
  return {
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    botToken: config.SLACK_BOT_TOKEN,
    appToken: config.SLACK_APP_TOKEN,
    apiUrl: config.SLACK_API_URL,
    oauth: clientId && clientSecret ? { clientId, clientSecret } : undefined,
    workspacePerSecond: config.SLACK_WORKSPACE_MESSAGES_PER_SECOND,
  };
}
