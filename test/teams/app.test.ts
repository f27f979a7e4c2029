/**
 * The real app (startMentorBridge, as `npm start` runs it) with Teams switched on by the
 * environment and authentication off: it says so loudly in its log, serves /api/messages, and
 * a Teams install (installationUpdate and conversationUpdate, both sent by Teams) registers the
 * tenant's organisation and welcomes the person once.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { plainText } from '../../src/core/kernel/rich-text.js';
import { type RunningBot, startMentorBridge } from '../../src/main.js';
import { makeDataDir, PROJECT_ROOT, removeDataDir } from '../e2e/support.js';
import { texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { TeamsUser } from '../support/teams/teams-user.js';

const env = (dataDir: string, extra: Record<string, string>) => ({
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  PROMPTS_DIR: join(PROJECT_ROOT, 'prompts'),
  PLAYGROUND: 'false',
  ...extra,
});

describe('Teams in the real app', () => {
  const connector = new FakeConnector();
  const lines: string[] = [];
  let dataDir = '';
  let app: RunningBot | undefined;

  beforeAll(async () => {
    await connector.start();
    dataDir = await makeDataDir();
    const write = process.stdout.write.bind(process.stdout);
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return write(chunk, ...(rest as []));
    });
    try {
      app = await startMentorBridge(loadConfig(env(dataDir, { TEAMS_ENABLED: 'true' })));
    } finally {
      spy.mockRestore();
    }
  });

  afterAll(async () => {
    await app?.stop();
    await connector.stop();
    await removeDataDir(dataDir);
  });

  it('warns in its log that Teams authentication is off', () => {
    const warning = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => String(l.msg).includes('Teams authentication is OFF'));
    expect(warning).toMatchObject({ level: 'warn', channel: 'teams' });
  });

  it('registers the tenant on install and welcomes the person once, though Teams sends two activities', async () => {
    if (!app) throw new Error('the app did not start');
    const ola = new TeamsUser(app.url, connector, { aadObjectId: '55555555-6666-4777-8888-999999999999', name: 'Ola Hansen', locale: 'nb-NO' });
    const posted = await Promise.all([ola.post(ola.activity('installation-update-add')), ola.post(ola.activity('conversation-update-bot-added'))]);
    expect(posted.map((p) => p.status)).toEqual([200, 200]);
    // As a person reads it: no emphasis markers, no marks around the interpolated name.
    const welcome = plainText(texts.t('nb', 'help.welcome', { name: 'Ola Hansen' }));
    await ola.waitForText(welcome);
    await ola.say('hjelp');
    await connector.waitFor(() => ola.messages().length >= 3);
    expect(ola.texts().filter((t) => t.includes(welcome))).toHaveLength(1);
  });

  it('is off unless TEAMS_ENABLED or MICROSOFT_APP_ID says otherwise', async () => {
    expect(loadConfig(env('x', {})).teamsEnabled).toBe(false);
    expect(loadConfig(env('x', { MICROSOFT_APP_ID: 'c9e8c047-2a74-40a2-b28a-b162d5f5327c' })).teamsEnabled).toBe(true);
    expect(loadConfig(env('x', { MICROSOFT_APP_ID: 'id', TEAMS_ENABLED: 'false' })).teamsEnabled).toBe(false);
    expect(() => loadConfig(env('x', { MICROSOFT_APP_TYPE: 'Personal' }))).toThrow(/MICROSOFT_APP_TYPE/);
  });
});
