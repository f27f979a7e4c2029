/**
 * What Slack knows about a person that its events do not carry: their language, their time zone
 * and whether they run the workspace. Looked up with users.info (include_locale) after Slack has
 * its ack, and kept in memory per (workspace, user) — bounded, oldest-used dropped first, for an
 * hour — so a busy person costs one call an hour.
 *
 * A lookup never fails a person's turn and never holds it long: a slow answer is not waited for
 * past `timeoutMs` (it still fills the cache for the next message); a failed one (rate limit,
 * missing users:read scope, network) is logged without secrets or message text, remembered for a
 * while so it is not repeated for every message, and the turn goes on without those fields.
 */
import { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../../core/ports.js';

/** What the core's Inbound `user` takes from Slack; a field Slack did not give stays undefined. */
export interface SlackProfile {
  /** "nb-NO", "en-US"… */
  locale?: string;
  /** IANA zone, "Europe/Oslo". */
  timeZone?: string;
  /** Workspace admin, owner or primary owner (or the person who installed the app). */
  isAdmin?: boolean;
  /** What the person is called in Slack (display name, else full name): the bot greets them by it. */
  displayName?: string;
}

export type ProfileLookup = (tenant: string, userId: string) => Promise<SlackProfile>;

export interface ProfileCacheOptions {
  log: Logger;
  /** People kept in memory; past this the least recently used is dropped. */
  maxEntries?: number;
  /** How long a found profile is trusted. */
  ttlMs?: number;
  /** How long a failed lookup is remembered (a rate limit's Retry-After when longer). */
  failureTtlMs?: number;
  /** The longest a turn waits for Slack's answer. */
  timeoutMs?: number;
  /** Milliseconds now (a test clock). */
  now?: () => number;
}

export const PROFILE_DEFAULTS = { maxEntries: 5000, ttlMs: 60 * 60_000, failureTtlMs: 60_000, timeoutMs: 1500 } as const;

/** Errors a retry within the hour cannot fix (the install lacks users:read, the user is gone). */
const LASTING = new Set(['missing_scope', 'not_allowed_token_type', 'invalid_auth', 'not_authed', 'token_revoked', 'account_inactive', 'user_not_found', 'no_installation']);

interface Entry {
  /** Settles with the profile ({} after a failure); never rejects. */
  pending: Promise<SlackProfile>;
  /** Set once the lookup has settled. */
  value?: SlackProfile;
  expiresAt: number;
}

export class SlackProfiles {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    private readonly lookup: ProfileLookup,
    private readonly options: ProfileCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? PROFILE_DEFAULTS.maxEntries;
    this.ttlMs = options.ttlMs ?? PROFILE_DEFAULTS.ttlMs;
    this.failureTtlMs = options.failureTtlMs ?? PROFILE_DEFAULTS.failureTtlMs;
    this.timeoutMs = options.timeoutMs ?? PROFILE_DEFAULTS.timeoutMs;
    this.now = options.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The person's profile: from memory, or asked of Slack and waited for at most `timeoutMs`.
   * Never throws; {} when Slack failed or is slow. Two messages of one person share one lookup,
   * and go on in the order they came.
   */
  async get(tenant: string, userId: string): Promise<SlackProfile> {
    const entry = this.fresh(tenant, userId) ?? this.start(tenant, userId);
    if (entry.value) return entry.value;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<SlackProfile>((resolve) => {
      timer = setTimeout(() => resolve({}), this.timeoutMs);
    });
    try {
      return await Promise.race([entry.pending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Only what is already known, without asking Slack: for work whose ack waits on it. */
  peek(tenant: string, userId: string): SlackProfile {
    return this.fresh(tenant, userId)?.value ?? {};
  }

  private fresh(tenant: string, userId: string): Entry | undefined {
    const key = keyOf(tenant, userId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry); // most recently used goes last
    return entry;
  }

  private start(tenant: string, userId: string): Entry {
    const key = keyOf(tenant, userId);
    const entry: Entry = { pending: Promise.resolve({}), expiresAt: this.now() + this.ttlMs };
    entry.pending = Promise.resolve()
      .then(() => this.lookup(tenant, userId))
      .then(
        (profile) => {
          entry.value = profile;
          entry.expiresAt = this.now() + this.ttlMs;
          return profile;
        },
        (error: unknown) => {
          const { reason, retryAfterMs, lasting } = failureOf(error);
          this.options.log.warn('slack users.info failed; going on without language, time zone and admin flag', { tenant, reason });
          entry.value = {};
          entry.expiresAt = this.now() + (lasting ? this.ttlMs : Math.max(this.failureTtlMs, retryAfterMs));
          return entry.value;
        },
      );
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    this.entries.set(key, entry);
    return entry;
  }
}

function keyOf(tenant: string, userId: string): string {
  return `${tenant}\u0000${userId}`;
}

/** A failure as a short reason with no token, URL or text in it. */
function failureOf(error: unknown): { reason: string; retryAfterMs: number; lasting: boolean } {
  if (error instanceof webApi.WebAPIRateLimitedError) return { reason: 'ratelimited', retryAfterMs: Math.max(1, error.retryAfter) * 1000, lasting: false };
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error).slice(0, 60);
    return { reason: code, retryAfterMs: 0, lasting: LASTING.has(code) };
  }
  if (error instanceof webApi.WebAPIHTTPError) return { reason: `http ${error.statusCode}`, retryAfterMs: 0, lasting: false };
  if (error instanceof webApi.WebAPIRequestError) return { reason: 'unreachable', retryAfterMs: 0, lasting: false };
  return { reason: 'error', retryAfterMs: 0, lasting: false };
}

/** Only the fields we use; each one that is missing or odd is dropped on its own, never the whole answer. */
const usersInfoSchema = z.object({
  user: z.object({
    id: z.string().optional(),
    locale: z
      .string()
      .max(35)
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/)
      .optional()
      .catch(undefined),
    tz: z
      .string()
      .max(64)
      .regex(/^[A-Za-z0-9_+\-/]+$/)
      .nullish()
      .catch(undefined),
    real_name: z.string().max(200).optional().catch(undefined),
    profile: z
      .object({
        display_name: z.string().max(200).optional().catch(undefined),
        real_name: z.string().max(200).optional().catch(undefined),
      })
      .optional()
      .catch(undefined),
    is_admin: z.boolean().optional().catch(undefined),
    is_owner: z.boolean().optional().catch(undefined),
    is_primary_owner: z.boolean().optional().catch(undefined),
  }),
});

/**
 * A users.info answer as a profile. Admin: Slack says admin, owner or primary owner — or the
 * person installed the app for the workspace (`installer`). Not admin: Slack gave the flags and
 * none is true. Undefined: Slack said nothing either way.
 */
export function profileFromUsersInfo(answer: unknown, installer = false): SlackProfile {
  const parsed = usersInfoSchema.safeParse(answer);
  if (!parsed.success) return installer ? { isAdmin: true } : {};
  const u = parsed.data.user;
  const flags = [u.is_admin, u.is_owner, u.is_primary_owner];
  const isAdmin = installer || flags.includes(true) ? true : flags.some((f) => f === false) ? false : undefined;
  const displayName = (u.profile?.display_name?.trim() || u.profile?.real_name?.trim() || u.real_name?.trim()) ?? '';
  return {
    ...(displayName ? { displayName } : {}),
    ...(u.locale ? { locale: u.locale } : {}),
    ...(u.tz ? { timeZone: u.tz } : {}),
    ...(isAdmin !== undefined ? { isAdmin } : {}),
  };
}
