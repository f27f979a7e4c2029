/**
 * The environment, parsed once with zod. Every variable is documented in .env.example.
 * Nothing else reads process.env.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'PUBLIC_URL must be an http(s) URL, e.g. https://bot.example.org' }).optional(),
  FILE_LINK_SECRET: z.string().min(32, 'FILE_LINK_SECRET must be at least 32 characters (e.g. openssl rand -base64 48)').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DEFAULT_LOCALE: z.string().default('nb'),
  DEFAULT_TIME_ZONE: z.string().default('Europe/Oslo'),
  PLAYGROUND: flag.optional(),
  /** The code an organisation's first organiser writes (`setup CODE`); made and logged at start when unset. */
  SETUP_CODE: z.string().regex(/^[A-Za-z0-9 -]{8,64}$/, 'SETUP_CODE must be 8 to 64 letters and digits').optional(),
  /** The playground has no login: listening beyond loopback needs this said out loud. */
  PLAYGROUND_PUBLIC: flag.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PROMPTS_DIR: z.string().default('./prompts'),
  TEAMS_ENABLED: flag.optional(),
  MICROSOFT_APP_ID: z.string().optional(),
  MICROSOFT_APP_PASSWORD: z.string().optional(),
  MICROSOFT_APP_TENANT_ID: z.string().optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'SLACK_BOT_TOKEN must be a bot token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'SLACK_APP_TOKEN must be an app-level token (xapp-…)').optional(),
  SLACK_API_URL: z.url().optional(),
  /** Messages a second the bot posts into one Slack workspace (src/channels/slack/pacing.ts; Slack publishes no number). */
  SLACK_WORKSPACE_MESSAGES_PER_SECOND: z.coerce.number().positive().max(1000).default(20),
  SLACK_CLIENT_ID: z.string().optional(),
  SLACK_CLIENT_SECRET: z.string().optional(),
  /** No longer used: OAuth states are random, single-use and kept in the database. Accepted so old .env files still load. */
  SLACK_STATE_SECRET: z.string().optional(),
  /** Seals Slack installations' tokens at rest (AES-256-GCM): 32 random bytes, base64 or hex. */
  SLACK_TOKEN_KEY: z
    .string()
    .transform((text, ctx) => {
      const key = decodeTokenKey(text);
      if (!key) ctx.addIssue({ code: 'custom', message: 'SLACK_TOKEN_KEY must be 32 random bytes, base64 or hex (e.g. openssl rand -base64 32)' });
      return key ?? z.NEVER;
    })
    .optional(),
});

export type Config = z.infer<typeof schema> & {
  playgroundEnabled: boolean;
  teamsEnabled: boolean;
  slackEnabled: boolean;
  /** PUBLIC_URL without a trailing slash, or http://HOST:PORT when it is unset. */
  publicUrl: string;
  /** FILE_LINK_SECRET, or this process's random one when it is unset (see below). */
  fileLinkSecret: string;
  /** True when fileLinkSecret was made up for this process: links sent now stop working at restart. */
  fileLinkSecretGenerated: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty variables (KEY= in .env) as unset, as most tools do.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const c = parsed.data;
  // Slack needs the signing secret plus a bot token (one workspace) or an OAuth client id (many).
  const slackEnabled = c.SLACK_SIGNING_SECRET !== undefined && (c.SLACK_BOT_TOKEN !== undefined || c.SLACK_CLIENT_ID !== undefined);
  const teamsEnabled = c.TEAMS_ENABLED ?? c.MICROSOFT_APP_ID !== undefined;
  // Teams people open files through signed links in cards they keep for days: a secret that
  // changes at every restart would break those links in production, so there it must be set.
  if (c.FILE_LINK_SECRET === undefined && c.NODE_ENV === 'production' && teamsEnabled) {
    throw new ConfigError('Invalid configuration:\n  FILE_LINK_SECRET: required in production when Teams is enabled (at least 32 characters, e.g. openssl rand -base64 48)');
  }
  // OAuth installs keep each workspace's bot token in the database, sealed with this key: without
  // it they would be stored readable, so the bot does not start.
  if (slackEnabled && c.SLACK_BOT_TOKEN === undefined && c.SLACK_TOKEN_KEY === undefined) {
    throw new ConfigError('Invalid configuration:\n  SLACK_TOKEN_KEY: required when Slack installs through OAuth (SLACK_CLIENT_ID): the bot tokens are stored encrypted with it (32 random bytes, e.g. openssl rand -base64 32)');
  }
  // Teams with no app id checks no tokens (as the Bot Framework Emulator): anyone could post as anyone.
  if (teamsEnabled && c.MICROSOFT_APP_ID === undefined && c.NODE_ENV === 'production') {
    throw new ConfigError('Invalid configuration:\n  MICROSOFT_APP_ID: required in production when Teams is enabled (without it, Teams requests are not authenticated)');
  }
  // The playground lets anyone who reaches the port act as anyone. It is the default only for
  // trying the bot out: off in production, and off as soon as a real platform is configured,
  // unless PLAYGROUND=true asks for it.
  const playgroundEnabled = c.PLAYGROUND ?? (c.NODE_ENV !== 'production' && !slackEnabled && !teamsEnabled);
  if (playgroundEnabled && !isLoopback(c.HOST) && c.PLAYGROUND_PUBLIC !== true) {
    throw new ConfigError(
      `Invalid configuration:\n  HOST: the playground has no login, so it only listens on loopback (127.0.0.1, ::1, localhost); HOST=${c.HOST} would let anyone on the network act as anyone. Set PLAYGROUND=false, or PLAYGROUND_PUBLIC=true if that is really what you want.`,
    );
  }
  return {
    ...c,
    playgroundEnabled,
    teamsEnabled,
    slackEnabled,
    publicUrl: (c.PUBLIC_URL ?? `http://${c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST}:${c.PORT}`).replace(/\/+$/, ''),
    fileLinkSecret: c.FILE_LINK_SECRET ?? processSecret(),
    fileLinkSecretGenerated: c.FILE_LINK_SECRET === undefined,
  };
}

/** Whether HOST only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** 32 bytes from 64 hex digits or from base64 / base64url; null when it is neither. */
function decodeTokenKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) return null;
  const bytes = Buffer.from(trimmed, 'base64');
  return bytes.length === 32 ? bytes : null;
}

let generatedSecret: string | undefined;

/** One random secret per process, so every configuration loaded in it signs and verifies alike. */
function processSecret(): string {
  generatedSecret ??= randomBytes(32).toString('base64url');
  return generatedSecret;
}
