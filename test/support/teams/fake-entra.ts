/**
 * A stand-in for Microsoft Entra ID's token service (login.microsoftonline.com) on 127.0.0.1, for
 * the bot's outbound authentication: botframework-connector asks MSAL for an app-only token
 * (client-credentials grant, scope https://api.botframework.com/.default) before every call to
 * the Bot Connector, and sends it as `Authorization: Bearer …`.
 *
 * How the bot reaches it: the bot keeps its production settings, so MSAL uses its built-in
 * metadata for login.microsoftonline.com (no instance or OpenID discovery) and POSTs to
 * https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token through Node's `https.globalAgent`
 * (msal-node passes no agent of its own). While started, this fake replaces that agent with one
 * that connects every login.microsoftonline.com request to its own TLS server on 127.0.0.1 and
 * refuses every other https host (recorded in `refused`, so a test can prove nothing left the
 * machine). The agent is process-wide state: vitest runs each test file in its own process
 * (pool: 'forks'), and `stop()` puts the previous agent back. The TLS is real: a server
 * certificate for login.microsoftonline.com issued by a CA made in memory, which only this agent
 * trusts (no process-wide CA change).
 * A login URL pointing at 127.0.0.1 instead (ToChannelFromBotLoginUrl) would not do:
 * botframework-connector builds MSAL's ConfidentialClientApplication with nothing but authority,
 * client id and secret (lib/auth/msalAppCredentials.js), no knownAuthorities, so MSAL would first
 * ask https://login.microsoftonline.com/common/discovery/instance about such a host anyway
 * (Authority.getCloudDiscoveryMetadataFromNetwork in msal-node), and it would take the
 * PrivateCloudAppCredentials path, which ignores the tenant id, instead of production's.
 *
 * Tokens are v1 app-only access tokens as Entra issues them for the Bot Framework: RS256 with
 * this fake's key, iss https://sts.windows.net/<tenant id>/, aud https://api.botframework.com,
 * appid = the client id. `verify` checks one the way the Bot Connector does.
 */
import { createSign, createVerify, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { createTestCa } from './test-ca.js';

export const ENTRA_HOST = 'login.microsoftonline.com';
/** The tenant multi-tenant bots get their tokens from, by name and by id. */
export const BOT_FRAMEWORK_TENANT = 'botframework.com';
export const BOT_FRAMEWORK_TENANT_ID = 'd6d49420-f39b-4df7-a1dc-d59a935871db';
/** The Bot Connector's resource (token audience); the scope asked for is this + '/.default'. */
export const BOT_CONNECTOR_RESOURCE = 'https://api.botframework.com';

export interface EntraApp {
  appId: string;
  secret: string;
  /** The tenant that issues the app's tokens: its own tenant id, or botframework.com for a multi-tenant bot. */
  tenant: string;
  /** Lifetime of the app's tokens in seconds; Entra's are about an hour (3599). */
  expiresIn?: number;
}

export interface TokenRequest {
  /** The tenant in the URL path (…/<tenant>/oauth2/v2.0/token). */
  tenant: string;
  /** The form fields sent, the secret masked. */
  form: Record<string, string>;
  /** What the fake answered. */
  status: number;
  error?: string;
  at: number;
}

export type AccessTokenClaims = Record<string, unknown> & { appid: string; aud: string; iss: string; tid: string };

interface Failure {
  status: number;
  error: string;
  remaining: number;
}

export class FakeEntra {
  /** Every request that reached the fake, as "METHOD /path". */
  readonly requests: string[] = [];
  readonly tokenRequests: TokenRequest[] = [];
  /** https hosts the bot tried to reach other than login.microsoftonline.com (refused). */
  readonly refused: string[] = [];
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly kid = randomUUID();
  private readonly apps = new Map<string, EntraApp>();
  private failures: Failure[] = [];
  private server: https.Server | null = null;
  private previousAgent: https.Agent | null = null;
  /** The local port the TLS server listens on (127.0.0.1). */
  port = 0;

  /** An app registration with a client secret (Certificates & secrets in the portal); registering again replaces it. */
  register(app: EntraApp): void {
    this.apps.set(app.appId, app);
  }

  /** The next `times` token requests fail with `status` and an OAuth `error` (e.g. 500 temporarily_unavailable). */
  failNext(status: number, error: string, times = 1): void {
    this.failures.push({ status, error, remaining: times });
  }

  async start(): Promise<void> {
    const ca = createTestCa('Fake Entra test CA');
    const { cert, key } = ca.issue([ENTRA_HOST, '127.0.0.1']);
    this.server = https.createServer({ cert, key }, (req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    this.previousAgent = https.globalAgent;
    https.globalAgent = new EntraOnlyAgent(this.port, ca.cert, this.refused);
  }

  async stop(): Promise<void> {
    if (this.previousAgent) {
      https.globalAgent.destroy();
      https.globalAgent = this.previousAgent;
      this.previousAgent = null;
    }
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Checks an `Authorization` header the way the Bot Connector checks the bot's: a Bearer JWT
   * signed with Entra's key (RS256, known kid), issued by Entra for a tenant, for the Bot
   * Connector's audience, not expired, from the app `appId`. Returns the claims; throws why not.
   */
  verify(authorization: string | undefined, expected: { appId: string; audience?: string }): AccessTokenClaims {
    const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new Error('no Bearer token');
    const [head = '', body = '', signature = ''] = token.split('.');
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string; kid?: string };
    if (header.alg !== 'RS256' || header.kid !== this.kid) throw new Error(`unknown signing key (${header.alg}, ${header.kid})`);
    if (!createVerify('RSA-SHA256').update(`${head}.${body}`).verify(this.keys.publicKey, Buffer.from(signature, 'base64url'))) throw new Error('bad signature');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessTokenClaims;
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== `https://sts.windows.net/${claims.tid}/`) throw new Error(`issuer ${claims.iss} is not Entra's for tenant ${claims.tid}`);
    if (claims.aud !== (expected.audience ?? BOT_CONNECTOR_RESOURCE)) throw new Error(`audience ${claims.aud}`);
    if (typeof claims.exp !== 'number' || claims.exp <= now) throw new Error('expired');
    if (typeof claims.nbf !== 'number' || claims.nbf > now + 300) throw new Error('not yet valid');
    if (claims.appid !== expected.appId) throw new Error(`appid ${claims.appid} is not ${expected.appId}`);
    return claims;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0] ?? '';
    this.requests.push(`${req.method} ${path}`);
    const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path);
    if (req.method !== 'POST' || !token?.[1]) return json(res, 404, { error: 'not_found', error_description: `the fake knows only the token endpoint, not ${path}` });
    const tenant = decodeURIComponent(token[1]);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const answer = (status: number, body: Record<string, unknown>) => {
      const masked = { ...form, ...(form.client_secret !== undefined ? { client_secret: '***' } : {}) };
      this.tokenRequests.push({ tenant, form: masked, status, ...(typeof body.error === 'string' ? { error: body.error } : {}), at: Date.now() });
      json(res, status, body);
    };
    const failure = this.failures[0];
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) this.failures.shift();
      return answer(failure.status, oauthError(failure.error, 'AADSTS90000: the fake was told to fail this request.'));
    }
    if (form.grant_type !== 'client_credentials') return answer(400, oauthError('unsupported_grant_type', 'AADSTS70003: only client_credentials here.'));
    const app = this.apps.get(form.client_id ?? '');
    if (!app || !sameTenant(app.tenant, tenant)) {
      return answer(400, oauthError('unauthorized_client', `AADSTS700016: Application with identifier '${form.client_id}' was not found in the directory '${tenant}'.`));
    }
    if (form.client_secret !== app.secret) return answer(401, oauthError('invalid_client', `AADSTS7000215: Invalid client secret provided for app '${app.appId}'.`));
    const scope = form.scope ?? '';
    if (scope !== `${BOT_CONNECTOR_RESOURCE}/.default`) return answer(400, oauthError('invalid_scope', `AADSTS1002012: The provided value for scope ${scope} is not valid.`));
    const expiresIn = app.expiresIn ?? 3599;
    return answer(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: this.sign(app, tenant, expiresIn) });
  }

  private sign(app: EntraApp, tenant: string, expiresIn: number): string {
    const now = Math.floor(Date.now() / 1000);
    const tid = tenant.toLowerCase() === BOT_FRAMEWORK_TENANT ? BOT_FRAMEWORK_TENANT_ID : tenant;
    const iss = `https://sts.windows.net/${tid}/`;
    const header = { typ: 'JWT', alg: 'RS256', x5t: this.kid, kid: this.kid };
    const claims = { aud: BOT_CONNECTOR_RESOURCE, iss, iat: now, nbf: now, exp: now + expiresIn, appid: app.appId, appidacr: '1', idp: iss, tid, sub: app.appId, oid: app.appId, ver: '1.0', uti: randomUUID() };
    const input = `${b64(header)}.${b64(claims)}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(this.keys.privateKey).toString('base64url')}`;
  }
}

/** Connects login.microsoftonline.com to the fake (TLS checked against the fake's CA); refuses every other host. */
class EntraOnlyAgent extends https.Agent {
  constructor(
    private readonly port: number,
    private readonly ca: string,
    private readonly refused: string[],
  ) {
    super({ keepAlive: false });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const host = String(options.hostname ?? options.host ?? '');
    if (host.toLowerCase() !== ENTRA_HOST) {
      this.refused.push(host);
      callback?.(new Error(`test: no https to ${host} (only ${ENTRA_HOST}, which is faked)`), undefined as unknown as Duplex);
      return undefined;
    }
    return tls.connect({ host: '127.0.0.1', port: this.port, servername: ENTRA_HOST, ca: [this.ca] });
  }
}

function sameTenant(a: string, b: string): boolean {
  const id = (t: string) => (t.toLowerCase() === BOT_FRAMEWORK_TENANT ? BOT_FRAMEWORK_TENANT_ID : t.toLowerCase());
  return id(a) === id(b);
}

function oauthError(error: string, description: string): Record<string, unknown> {
  const code = Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0);
  return { error, error_description: description, error_codes: [code], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID() };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
