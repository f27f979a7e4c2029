/**
 * Bolt's StateStore over Prisma: the OAuth `state` that /slack/install hands the browser is a
 * random value kept in the database until the redirect back uses it. Using it deletes it in the
 * same statement (DELETE … RETURNING), so of two redirects with one state — a replay, or two at
 * once — exactly one gets the install options and the other is refused. Bolt's default state is
 * a signed token, valid as often as it is shown until it expires.
 *
 * Only a hash of the state is stored: a reader of the database cannot complete someone's install.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/bolt';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** As long as Bolt's own state and its cookie live. */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

/** With the code of @slack/oauth's InvalidStateError, Bolt's failure page answers 400 rather than 500. */
class InvalidState extends Error {
  readonly code = 'slack_oauth_invalid_state';
}

const digest = (state: string) => createHash('sha256').update(state, 'utf8').digest('hex');

export class PrismaSlackStateStore implements StateStore {
  constructor(private readonly prisma: PrismaClient) {}

  async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    const state = randomBytes(32).toString('base64url');
    // Installs are rare: this is where states nobody came back with are cleared.
    await this.prisma.slackOAuthState.deleteMany({ where: { expiresAt: { lt: now } } });
    await this.prisma.slackOAuthState.create({
      data: { id: digest(state), installOptions: installOptions as unknown as Prisma.InputJsonValue, expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS) },
    });
    return state;
  }

  /** The install options, once; throws for a state that is unknown, already used or expired. */
  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const rows = await this.prisma.$queryRaw<{ installOptions: unknown; expiresAt: Date }[]>`
      DELETE FROM "SlackOAuthState" WHERE "id" = ${digest(state)} RETURNING "installOptions", "expiresAt"`;
    const row = rows[0];
    if (!row) throw new InvalidState('slack oauth: the state is unknown or was already used');
    if (row.expiresAt.getTime() < now.getTime()) throw new InvalidState('slack oauth: the state has expired');
    return row.installOptions as InstallURLOptions;
  }
}
