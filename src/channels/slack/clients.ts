/**
 * Web API clients per workspace. One workspace: the configured bot token. Many (OAuth): the
 * token Bolt stored for the tenant in the installation store. Every client has retries off and
 * rejects rate-limited calls (see errors.ts), and can be pointed at a stand-in (SLACK_API_URL).
 */
import { type InstallationStore, type Logger as BoltLogger, webApi } from '@slack/bolt';
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

export type TokenSource = { kind: 'single'; botToken: string } | { kind: 'installations'; store: InstallationStore };

export class SlackClients {
  private readonly byToken = new Map<string, webApi.WebClient>();

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
    if (this.tokens.kind === 'single') return { client: this.client(this.tokens.botToken) };
    // A missing installation throws here and is retried with back-off: it may be a database hiccup.
    const installation = await this.tokens.store.fetchInstallation({ teamId: tenant, enterpriseId: tenant, isEnterpriseInstall: false });
    const token = installation.bot?.token;
    if (!token) throw SendError.permanent('not-authorised', 'slack: no installation for this workspace');
    const installer = installation.user?.id;
    return { client: this.client(token), ...(installer ? { installerUserId: installer } : {}) };
  }
}
