/**
 * Web API clients per workspace. One workspace: the configured bot token. Many (OAuth): the
 * token Bolt stored for the tenant in the installation store. Every client has retries off and
 * rejects rate-limited calls (see errors.ts), and can be pointed at a stand-in (SLACK_API_URL).
 */
import type { Installation, InstallationStore, Logger as BoltLogger } from '@slack/bolt';
import { webApi } from '@slack/bolt';
import { SendError } from '../../core/outbox/sender.js';

export interface ClientOptions {
  slackApiUrl?: string | undefined;
  logger: BoltLogger;
}

export function webClientOptions(options: ClientOptions): webApi.WebClientOptions {
  return {
    ...(options.slackApiUrl ? { slackApiUrl: options.slackApiUrl } : {}),
    logger: options.logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}

/** Which workspace: an event's team and enterprise ids, or an installation's. */
export interface WorkspaceQuery {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/**
 * What the channel needs of where installations are kept (src/store/slack-installations.ts):
 * Bolt's store, a lookup that tells "none" (null) from "the database failed" (a throw), and the
 * workspace's lifecycle.
 */
export interface SlackInstallations extends InstallationStore {
  findInstallation(query: WorkspaceQuery): Promise<Installation | null>;
  /** Uninstalled or token revoked: forget the installation, mark the organisation; its id. */
  workspaceRemoved(query: WorkspaceQuery): Promise<string | null>;
  /** The bot works there again (single-workspace start): the mark goes. */
  workspaceRestored(externalId: string): Promise<void>;
  /** Seals tokens that rows from before sealing still hold in plain text; how many. */
  sealPlainRows(): Promise<number>;
}

export type TokenSource = { kind: 'single'; botToken: string } | { kind: 'installations'; store: Pick<SlackInstallations, 'findInstallation'> };

export class SlackClients {
  private readonly byToken = new Map<string, webApi.WebClient>();
  /** Single-workspace mode: tenants whose app was removed (the configured token is dead there). */
  private readonly removed = new Set<string>();

  constructor(
    private readonly tokens: TokenSource,
    private readonly options: ClientOptions,
  ) {}

  /** A client for a bot token (cached: WebClients are cheap to reuse, not to make per message). */
  client(token: string): webApi.WebClient {
    let client = this.byToken.get(token);
    if (!client) {
      client = new webApi.WebClient(token, webClientOptions(this.options));
      this.byToken.set(token, client);
    }
    return client;
  }

  /** The client for a tenant (team id, or enterprise id for org-wide installs). */
  async forTenant(tenant: string): Promise<webApi.WebClient> {
    return (await this.workspace(tenant)).client;
  }

  /**
   * The tenant's client, and who installed the app there (OAuth installs keep the installing
   * user's id; a bot token alone does not say).
   */
  async workspace(tenant: string): Promise<{ client: webApi.WebClient; installerUserId?: string }> {
    if (this.tokens.kind === 'single') {
      if (this.removed.has(tenant)) throw SendError.permanent('not-authorised', 'slack: the app was removed from this workspace');
      return { client: this.client(this.tokens.botToken) };
    }
    // A database hiccup throws here and is retried with back-off. No installation (never installed,
    // or uninstalled since) is final: the message ends undelivered, and coordinators see why.
    const installation = await this.tokens.store.findInstallation({ teamId: tenant, enterpriseId: tenant, isEnterpriseInstall: false });
    const token = installation?.bot?.token;
    if (!installation || !token) throw SendError.permanent('not-authorised', 'slack: no installation for this workspace');
    const installer = installation.user?.id;
    return { client: this.client(token), ...(installer ? { installerUserId: installer } : {}) };
  }

  /** The app was removed from `tenant`: with one configured token, nothing more is sent there. */
  forget(tenant: string): void {
    if (this.tokens.kind === 'single') this.removed.add(tenant);
  }
}
