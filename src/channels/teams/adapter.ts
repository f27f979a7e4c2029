/**
 * The Bot Framework CloudAdapter, configured from MICROSOFT_APP_*.
 *
 * Every `botbuilder` / `botframework-*` import of Mentor Bridge lives in src/channels/teams/.
 * Microsoft archived the Bot Framework SDK at the end of 2025 and points to the Teams SDK; the
 * day we move, only this folder changes (the core and the store never see an SDK type).
 *
 * Authentication: with an app id, every request must carry a Bot Connector JWT (signature from
 * the OpenID metadata keys, issuer, audience = our app id, and a `serviceurl` claim equal to the
 * activity's serviceUrl — that claim is what lets us trust the serviceUrl we later POST replies
 * to). With no app id, authentication is off, as in Microsoft's local tools (Teams App Test Tool,
 * Emulator): fine on a laptop, dangerous anywhere else, so it is logged as a warning.
 */
import { type Activity, CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConfigurationServiceClientCredentialFactory, type InvokeResponse, type TurnContext } from 'botbuilder';
import { type AuthenticateRequestResult, AuthenticationConstants, AuthenticationError, type ClaimsIdentity, type ConnectorClient, ConnectorFactory } from 'botframework-connector';
import type { Logger } from '../../core/ports.js';
import { TurnFailed, withConsoleMuted } from './requests.js';

export type TeamsAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface TeamsAuthSettings {
  appId?: string | undefined;
  appPassword?: string | undefined;
  tenantId?: string | undefined;
  appType: TeamsAppType;
  /** Tests: where the Bot Connector's OpenID metadata (and so its signing keys) is served. */
  openIdMetadataUrl?: string | undefined;
}

/** Public cloud audience for calls to the Bot Connector (createConversation needs it). */
export const BOT_CONNECTOR_AUDIENCE = 'https://api.botframework.com';

const UNAUTHORIZED = 401;

/**
 * The stock authentication lets `jsonwebtoken`'s own errors (bad signature, malformed token)
 * escape as plain Errors, which CloudAdapter answers with 500 — telling Teams to retry a request
 * that can never succeed. Anything that goes wrong while checking a token is a 401 here. It also
 * prints to the console (the key on a bad signature, an expired token's stack): muted, because
 * the route logs one JSON line per refused request (requests.ts).
 */
class StrictAuthentication extends ConfigurationBotFrameworkAuthentication {
  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await withConsoleMuted(() => super.authenticateRequest(activity, authHeader));
    } catch (error) {
      throw asAuthError(error);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new NoRetryConnectorFactory(super.createConnectorFactory(claimsIdentity));
  }

  override async authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    try {
      return await withConsoleMuted(() => super.authenticateChannelRequest(authHeader));
    } catch (error) {
      throw asAuthError(error);
    }
  }
}

/**
 * The connector client's HTTP pipeline retries 429s by itself (sleeping for Retry-After, up to
 * three times) and 5xx with back-off. That would hold the outbox's delivery loop — everyone's
 * messages — while one conversation is throttled. We take the retry policy out, so the failure
 * comes back to the sender at once and the outbox schedules the retry for that message alone.
 */
class NoRetryConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  override async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const client = await this.inner.create(serviceUrl, audience);
    const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } } }).client?.pipeline;
    pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
    return client;
  }
}

function asAuthError(error: unknown): unknown {
  if (error instanceof AuthenticationError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  // JsonWebTokenError covers bad signatures and malformed tokens; NotBeforeError early ones.
  if (name === 'JsonWebTokenError' || name === 'NotBeforeError' || name === 'TokenExpiredError') {
    return new AuthenticationError(`Unauthorized. ${(error as Error).message}`, UNAUTHORIZED);
  }
  return error;
}

/**
 * Quirk: as soon as one endpoint option is given, botbuilder stops filling in the public-cloud
 * defaults for all the others (the token issuer becomes undefined and every token is refused),
 * so overriding the OpenID metadata URL means spelling out the rest.
 */
function publicCloudWith(openIdMetadataUrl: string): Record<string, string | boolean> {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** CloudAdapter with its request step in reach: the route answers requests itself (requests.ts). */
export class TeamsAdapter extends CloudAdapter {
  /** Authenticates, runs the turn and gives back the invoke response: process() without the HTTP or the console. */
  handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

export function authenticationEnabled(settings: TeamsAuthSettings): boolean {
  return Boolean(settings.appId);
}

export function createTeamsAdapter(settings: TeamsAuthSettings, log: Logger): TeamsAdapter {
  if (!authenticationEnabled(settings)) {
    log.warn('Teams authentication is OFF: MICROSOFT_APP_ID is not set, so anyone who can reach /api/messages can act as any Teams user. Use this only for local testing.', {
      channel: 'teams',
    });
  }
  const options = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppType: settings.appType,
    MicrosoftAppTenantId: settings.tenantId,
    ...(settings.openIdMetadataUrl ? publicCloudWith(settings.openIdMetadataUrl) : {}),
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(options);
  const adapter = new TeamsAdapter(new StrictAuthentication(options, credentials));
  adapter.onTurnError = async (_context: TurnContext, error: Error) => {
    // Thrown on so the request answers 500 and Teams redelivers (the dedupe key keeps it once);
    // logged here once, so the route (requests.ts) only answers it.
    log.error('teams turn failed', { reason: error.message });
    throw new TurnFailed();
  };
  return adapter;
}
