/**
 * Slack tokens at rest. A workspace's bot token lets anyone who reads it act as the bot there, so
 * a database dump or backup must not hand it out: the tokens of an installation are sealed with
 * AES-256-GCM under SLACK_TOKEN_KEY (from the configuration, never the database), with a fresh
 * random 12-byte IV per seal. The installation's key ("T:<team>") is the additional data, so a
 * sealed value copied onto another workspace's row does not open there.
 *
 * Format: "v1.<iv>.<tag>.<ciphertext>", each part base64url; "v1" leaves room for another scheme.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';

export function seal(key: Buffer, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** Throws when the value was not sealed with this key for this context (or was altered). */
export function unseal(key: Buffer, sealed: string, context: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined) throw new Error('slack tokens: unknown sealed format');
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

/** Every token an Installation can carry (we ask for bot scopes only, but Slack may add more). */
export interface InstallationTokens {
  bot?: { token?: string | undefined; refreshToken?: string | undefined } | undefined;
  user?: { token?: string | undefined; refreshToken?: string | undefined } | undefined;
}

/** The installation without its tokens (what is stored as JSON), and the tokens (what is sealed). */
export function splitTokens(installation: Installation): { rest: Installation; tokens: InstallationTokens } {
  const { bot, user } = installation;
  const tokens: InstallationTokens = {
    ...(bot ? { bot: { token: bot.token, refreshToken: bot.refreshToken } } : {}),
    ...(user ? { user: { token: user.token, refreshToken: user.refreshToken } } : {}),
  };
  const rest = { ...installation } as Installation;
  if (bot) rest.bot = { ...bot, token: '', refreshToken: undefined };
  if (user) rest.user = { ...user, token: undefined, refreshToken: undefined };
  return { rest, tokens };
}

/** The stored installation with its tokens put back. */
export function joinTokens(rest: Installation, tokens: InstallationTokens): Installation {
  const installation = { ...rest } as Installation;
  if (rest.bot) installation.bot = { ...rest.bot, token: tokens.bot?.token ?? '', ...defined('refreshToken', tokens.bot?.refreshToken) };
  if (rest.user) installation.user = { ...rest.user, ...defined('token', tokens.user?.token), ...defined('refreshToken', tokens.user?.refreshToken) };
  return installation;
}

/** `{ [name]: value }` when the value is there: an absent token stays absent, not `undefined`. */
function defined<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, string>);
}
