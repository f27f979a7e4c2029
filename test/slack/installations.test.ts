/**
 * Multi-workspace installs: Bolt's InstallationStore over Prisma round-trips an installation
 * as Slack's OAuth gives it, registers the workspace as an organisation on install (so its
 * events get service), keys org-wide Enterprise Grid installs by enterprise, and deletes. Tokens
 * are sealed (only SLACK_TOKEN_KEY opens them, only on their own row); rows from before sealing
 * are still read, and sealed by sealPlainRows.
 */
import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdSource } from '../../src/ids.js';
import { PrismaSlackInstallationStore } from '../../src/store/slack-installations.js';
import { createHarness, type Harness } from '../support/harness.js';
import { whereIs } from './oauth-flow.js';

const TOKEN_KEY = randomBytes(32);

const teamInstall = (team: string, token: string): Installation<'v2', false> => ({
  team: { id: team, name: 'Fjord Consulting' },
  enterprise: undefined,
  user: { token: undefined, scopes: undefined, id: 'U0INSTALL1' },
  bot: { token, scopes: ['chat:write', 'im:history', 'im:read', 'im:write', 'app_mentions:read', 'commands'], id: 'B0FJORD001', userId: 'U0FJORDBOT' },
  appId: 'A0MENTOR01',
  tokenType: 'bot',
  isEnterpriseInstall: false,
  authVersion: 'v2',
});

describe('PrismaSlackInstallationStore', () => {
  let h: Harness;
  let store: PrismaSlackInstallationStore;
  beforeAll(async () => {
    h = await createHarness();
    store = new PrismaSlackInstallationStore(h.prisma, {
      ids: createIdSource(),
      tokenKey: TOKEN_KEY,
      registerOrganisation: (externalId, name) => h.core.registerOrganisation({ platform: 'slack', externalId, name }),
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stores an installation, registers its workspace, and fetches it back', async () => {
    await store.storeInstallation(teamInstall('T0FJORD001', 'xoxb-fjord-1'));
    const org = await h.prisma.organisation.findFirstOrThrow({ where: { platform: 'slack', externalId: 'T0FJORD001' } });
    expect(org.name).toBe('Fjord Consulting');
    const row = await h.prisma.slackInstallation.findUniqueOrThrow({ where: { installationKey: 'T:T0FJORD001' } });
    expect(row).toMatchObject({ organisationId: org.id, teamId: 'T0FJORD001', isEnterpriseInstall: false });
    expect(JSON.stringify(row)).not.toContain('xoxb-fjord-1');
    const fetched = await store.fetchInstallation({ teamId: 'T0FJORD001', enterpriseId: undefined, isEnterpriseInstall: false });
    expect(fetched).toEqual(teamInstall('T0FJORD001', 'xoxb-fjord-1'));
  });

  it('lets the workspace use the core once installed (its events are no longer unknown)', async () => {
    const result = await h.chat('U0FJORD002', { platform: 'slack', tenant: 'T0FJORD001' }).say('help');
    expect(result.status).toBe('handled');
    expect((await h.chat('U0NOPE0001', { platform: 'slack', tenant: 'T0NOTINST1' }).say('help')).status).toBe('unknown-organisation');
  });

  it('replaces the installation on reinstall (new token), keeping one row and one organisation', async () => {
    await store.storeInstallation(teamInstall('T0FJORD001', 'xoxb-fjord-2'));
    expect(await h.prisma.slackInstallation.count({ where: { teamId: 'T0FJORD001' } })).toBe(1);
    expect(await h.prisma.organisation.count({ where: { externalId: 'T0FJORD001' } })).toBe(1);
    expect((await store.fetchInstallation({ teamId: 'T0FJORD001', enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe('xoxb-fjord-2');
  });

  it('keys an org-wide Enterprise Grid install by enterprise, found from any of its workspaces', async () => {
    const grid: Installation<'v2', true> = { ...teamInstall('unused', 'xoxb-grid'), team: undefined, enterprise: { id: 'E0GRID0001', name: 'Grid Corp' }, isEnterpriseInstall: true };
    await store.storeInstallation(grid);
    expect(await h.prisma.organisation.findFirst({ where: { externalId: 'E0GRID0001', name: 'Grid Corp' } })).not.toBeNull();
    const viaTeam = await store.fetchInstallation({ teamId: 'T0INGRID01', enterpriseId: 'E0GRID0001', isEnterpriseInstall: false });
    expect(viaTeam.bot?.token).toBe('xoxb-grid');
  });

  it('reads a row stored before sealing (its token in plain text), and seals it at start-up: then no column holds the token', async () => {
    await h.prisma.slackInstallation.create({ data: { id: 'legacy-1', installationKey: 'T:T0LEGACY01', teamId: 'T0LEGACY01', installation: teamInstall('T0LEGACY01', 'xoxb-legacy-1') as never } });
    const query = { teamId: 'T0LEGACY01', enterpriseId: undefined, isEnterpriseInstall: false };
    expect((await store.fetchInstallation(query)).bot?.token).toBe('xoxb-legacy-1');
    expect(await store.sealPlainRows()).toBe(1);
    expect(await whereIs(h.prisma, 'xoxb-legacy-1')).toEqual([]);
    expect(await store.fetchInstallation(query)).toEqual(teamInstall('T0LEGACY01', 'xoxb-legacy-1'));
    expect(await store.sealPlainRows()).toBe(0);
  });

  it('does not open a sealed token under another key, nor moved onto another workspace', async () => {
    const query = { teamId: 'T0LEGACY01', enterpriseId: undefined, isEnterpriseInstall: false };
    const other = new PrismaSlackInstallationStore(h.prisma, { ids: createIdSource(), tokenKey: randomBytes(32), registerOrganisation: async () => ({ id: 'unused' }) });
    await expect(other.fetchInstallation(query)).rejects.toThrow();
    const sealed = await h.prisma.slackInstallation.findUniqueOrThrow({ where: { installationKey: 'T:T0LEGACY01' } });
    await h.prisma.slackInstallation.update({ where: { installationKey: 'T:T0FJORD001' }, data: { sealedTokens: sealed.sealedTokens } });
    await expect(store.fetchInstallation({ teamId: 'T0FJORD001', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow();
  });

  it('refuses to fetch an installation that does not exist, and deletes', async () => {
    await expect(store.fetchInstallation({ teamId: 'T0NOTINST1', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow(/no Slack installation/);
    await store.deleteInstallation({ teamId: 'T0FJORD001', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(store.fetchInstallation({ teamId: 'T0FJORD001', enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow();
  });
});
