/**
 * A stand-in for the Bot Framework token service's public side, on 127.0.0.1: OpenID metadata and
 * a JWKS with one RSA key (generated here with node:crypto, endorsed for "msteams" as the real
 * keys are), and a signer for channel tokens like the ones Teams sends (RS256, iss
 * https://api.botframework.com, aud = the bot's app id, serviceurl claim).
 */
import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  audience: string;
  serviceUrl: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with another key (same kid): a bad signature. */
  key?: KeyObject;
  issuer?: string;
}

export class FakeIdentity {
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly kid = randomUUID();
  private server: Server | null = null;
  url = '';

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async start(): Promise<void> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url === '/v1/.well-known/openidconfiguration') {
        res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'], token_endpoint_auth_methods_supported: ['private_key_jwt'] }));
      } else if (req.url === '/v1/.well-known/keys') {
        res.end(JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A Bearer header value, as the Bot Connector service puts on every activity it posts. */
  token(o: TokenOptions): string {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (o.expiresIn ?? 3600);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid, x5t: this.kid };
    const claims = { serviceurl: o.serviceUrl, nbf: Math.min(now, exp) - 60, exp, iss: o.issuer ?? CHANNEL_ISSUER, aud: o.audience };
    const input = `${b64(header)}.${b64(claims)}`;
    const signature = createSign('RSA-SHA256').update(input).sign(o.key ?? this.keys.privateKey).toString('base64url');
    return `Bearer ${input}.${signature}`;
  }

  /** A different private key, to sign tokens whose signature does not verify. */
  static otherKey(): KeyObject {
    return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  }
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
