/**
 * Slack's OAuth install as a browser goes through it: GET /slack/install (a redirect to Slack's
 * consent page with a state, and the state in a cookie), then Slack's redirect back to
 * /slack/oauth_redirect with a code (the fake's oauth.v2.access turns code "x" into team "T0X"
 * and token "xoxb-installed-x").
 */
import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import type { FakeSlackWebApi } from '../support/slack/fake-web-api.js';

export interface InstallStart {
  location: URL;
  state: string;
  cookie: string;
}

export async function beginInstall(botUrl: string): Promise<InstallStart> {
  const install = await fetch(`${botUrl}/slack/install`, { redirect: 'manual' });
  if (install.status !== 302) throw new Error(`/slack/install answered ${install.status}`);
  const location = new URL(install.headers.get('location') ?? '');
  const cookie = (install.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { location, state: location.searchParams.get('state') ?? '', cookie };
}

export function redirectBack(botUrl: string, code: string, start: Pick<InstallStart, 'state' | 'cookie'>): Promise<Response> {
  return fetch(`${botUrl}/slack/oauth_redirect?code=${encodeURIComponent(code)}&state=${encodeURIComponent(start.state)}`, { headers: { cookie: start.cookie }, redirect: 'manual' });
}

/** Both steps; throws unless the install succeeded. */
export async function install(botUrl: string, code: string): Promise<void> {
  const back = await redirectBack(botUrl, code, await beginInstall(botUrl));
  if (back.status !== 200) throw new Error(`the install of ${code} failed: ${back.status}`);
}

/** A fresh SLACK_TOKEN_KEY. */
export const newTokenKey = () => randomBytes(32).toString('base64');

/**
 * The real bot in OAuth mode on a PostgreSQL database of its own, which the test reads and writes
 * too (`db.prisma`) while the bot runs: what is stored, and in which state.
 */
export async function startOAuthApp(env: Record<string, string> = {}, prepare?: (fake: FakeSlackWebApi) => void): Promise<{ app: SlackTestApp; db: TestDatabase; stop(): Promise<void> }> {
  const db = await createTestDatabase({ backend: 'postgres' });
  const app = await startSlackApp({ SLACK_BOT_TOKEN: '', SLACK_CLIENT_ID: '1234567890.0987654321', SLACK_CLIENT_SECRET: 'client-secret-for-tests', SLACK_TOKEN_KEY: newTokenKey(), DATABASE_URL: db.url ?? '', ...env }, prepare);
  return {
    app,
    db,
    async stop() {
      await app.stop();
      await db.close();
    },
  };
}

/** "Table.column" of every text and JSON column, in any row, that holds `needle`. */
export async function whereIs(prisma: PrismaClient, needle: string): Promise<string[]> {
  const columns = await prisma.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT table_name AS "table", column_name AS "column", data_type AS "type" FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'bytea')`;
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    const test = type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${column}") > 0` : `strpos("${column}"::text, $1) > 0`;
    const [row] = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${test}`, needle);
    if (row && row.n > 0) found.push(`${table}.${column}`);
  }
  return found.sort();
}
