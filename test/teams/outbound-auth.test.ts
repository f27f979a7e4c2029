/**
 * The bot's outbound authentication, for real: with MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD
 * the real CloudAdapter (botframework-connector + @azure/msal-node) fetches an app-only token from
 * Microsoft Entra with the client-credentials grant before it calls the Bot Connector, and sends
 * it as a Bearer token. Here Entra is a local fake (test/support/teams/fake-entra.ts: the bot's
 * own login.microsoftonline.com requests are connected to it over TLS on 127.0.0.1, any other
 * https host is refused) and the fake Bot Connector verifies every token it gets: signature,
 * issuer, audience https://api.botframework.com and the appid claim.
 *
 * The bot runs with its production settings (only the inbound OpenID metadata URL points at the
 * local FakeIdentity, as in auth.test.ts, which does not change the outbound side).
 *
 * botframework-connector caches tokens per process by app id and scope (not by tenant), so every
 * bot here has its own app id.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TeamsAuthSettings } from '../../src/channels/teams/index.js';
import { seedProgramme, startTeamsTestApp, type TeamsTestApp, texts } from '../support/teams/app.js';
import { FakeConnector } from '../support/teams/fake-connector.js';
import { BOT_CONNECTOR_RESOURCE, BOT_FRAMEWORK_TENANT, BOT_FRAMEWORK_TENANT_ID, FakeEntra, type TokenRequest } from '../support/teams/fake-entra.js';
import { FakeIdentity } from '../support/teams/fake-identity.js';
import { TeamsUser, TENANT } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

const entra = new FakeEntra();
const identity = new FakeIdentity();
const SECRET = `secret-${randomUUID()}`;
const PROGRAMME = 'Mentorprogram høst 2026';
const running: Bot[] = [];

interface Bot {
  appId: string;
  app: TeamsTestApp;
  connector: FakeConnector;
  /** A Teams user writing to this bot, with channel tokens the bot accepts. */
  user(aadObjectId: string, name: string): TeamsUser;
  /** Token requests Entra got from this bot. */
  tokenRequests(): TokenRequest[];
}

/** The Teams app wired as in production, with a fake Bot Connector that verifies Entra tokens for `auth.appId`. */
async function startBot(auth: Omit<TeamsAuthSettings, 'openIdMetadataUrl'> & { appId: string }): Promise<Bot> {
  const connector = new FakeConnector((authorization) => entra.verify(authorization, { appId: auth.appId }));
  await connector.start();
  const app = await startTeamsTestApp({ ...auth, openIdMetadataUrl: identity.metadataUrl });
  const bot: Bot = {
    appId: auth.appId,
    app,
    connector,
    user: (aadObjectId, name) =>
      new TeamsUser(app.url, connector, { aadObjectId, name, locale: 'en-US' }, async () => identity.token({ audience: auth.appId, serviceUrl: connector.url }), {
        id: `28:${auth.appId}`,
        name: 'Mentor Bridge',
      }),
    tokenRequests: () => entra.tokenRequests.filter((r) => r.form.client_id === auth.appId),
  };
  running.push(bot);
  return bot;
}

beforeAll(async () => {
  await entra.start();
  await identity.start();
});

afterAll(async () => {
  for (const bot of running) {
    await bot.app.stop();
    await bot.connector.stop();
  }
  await identity.stop();
  await entra.stop();
});

/** What a correct token request from `appId` to `tenant` looks like. */
function clientCredentials(appId: string, tenant: string): Partial<TokenRequest> {
  return {
    tenant,
    status: 200,
    form: expect.objectContaining({ grant_type: 'client_credentials', client_id: appId, client_secret: '***', scope: `${BOT_CONNECTOR_RESOURCE}/.default` }),
  };
}

/** Every call the connector recorded carried a token it verified, from `appId`, for the Bot Connector. */
function expectAllVerified(bot: Bot, tenantId: string): void {
  expect(bot.connector.denied).toEqual([]);
  expect(bot.connector.calls.length).toBeGreaterThan(0);
  for (const call of bot.connector.calls) {
    expect(call.authorization).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(call.claims).toMatchObject({ appid: bot.appId, aud: BOT_CONNECTOR_RESOURCE, tid: tenantId, iss: `https://sts.windows.net/${tenantId}/`, ver: '1.0' });
  }
}

describe('a multi-tenant bot', () => {
  const appId = randomUUID();
  const KARI = { aadObjectId: 'c0c0c0c0-0000-4000-8000-0000000000a1', name: 'Kari Nordmann' };
  let bot: Bot;

  beforeAll(async () => {
    entra.register({ appId, secret: SECRET, tenant: BOT_FRAMEWORK_TENANT });
    bot = await startBot({ appId, appPassword: SECRET, appType: 'MultiTenant' });
    await seedProgramme(bot.app, TENANT, KARI);
  });

  it('gets a token from the botframework.com tenant and the Bot Connector accepts it with the reply', async () => {
    const sara = bot.user('6b1c2f9e-3a5d-4c47-9b2e-1f0a7d5c3e21', 'Sara Haile');
    expect((await sara.say('join DEMO2026')).status).toBe(200);
    await sara.waitForText(texts.t('en', 'join.roleQuestion', { programme: PROGRAMME }));

    expect(bot.tokenRequests()).toEqual([expect.objectContaining(clientCredentials(appId, BOT_FRAMEWORK_TENANT))]);
    expectAllVerified(bot, BOT_FRAMEWORK_TENANT_ID);
    // The reply went out as this bot.
    expect(sara.messages()[0]?.activity.from).toMatchObject({ id: `28:${appId}` });
  });

  it('reuses the cached token for the next reply and for updating the answered card', async () => {
    const sara = bot.user('6b1c2f9e-3a5d-4c47-9b2e-1f0a7d5c3e21', 'Sara Haile');
    const roleCard = sara.openCard().activityId;
    expect((await sara.click(texts.t('en', 'join.asMentee'))).status).toBe(200);
    await sara.waitForText('Privacy in');
    await bot.connector.waitFor((calls) => calls.some((c) => c.kind === 'update' && c.activityId === roleCard));

    expect(bot.tokenRequests()).toHaveLength(1);
    expect(bot.connector.calls.map((c) => c.kind)).toEqual(expect.arrayContaining(['reply', 'update']));
    expectAllVerified(bot, BOT_FRAMEWORK_TENANT_ID);
  });
});

describe('a single-tenant bot', () => {
  const appId = randomUUID();
  const KARI = { aadObjectId: 'c0c0c0c0-0000-4000-8000-0000000000b1', name: 'Kari Nordmann' };
  let bot: Bot;
  let coordinator = { organisationId: '', coordinatorId: '' };

  beforeAll(async () => {
    entra.register({ appId, secret: SECRET, tenant: TENANT });
    bot = await startBot({ appId, appPassword: SECRET, appType: 'SingleTenant', tenantId: TENANT });
    coordinator = await seedProgramme(bot.app, TENANT, KARI);
  });

  it('gets a token from its own tenant (not botframework.com) and the reply reaches the person', async () => {
    const omar = bot.user('22222222-3333-4444-8555-6666666666b2', 'Omar Ali');
    expect((await omar.say('help')).status).toBe(200);
    await bot.connector.waitFor(() => omar.messages().length > 0);

    expect(bot.tokenRequests()).toEqual([expect.objectContaining(clientCredentials(appId, TENANT))]);
    expectAllVerified(bot, TENANT);
  });

  it('opens a personal chat for a proactive message (createConversation) with the same cached token', async () => {
    const id = bot.app.ids.next();
    const now = new Date();
    await bot.app.store.transaction((r) =>
      r.outbox.enqueue({ id, organisationId: coordinator.organisationId, personId: coordinator.coordinatorId, platform: 'teams', payload: { text: 'Sara joined.' }, nextAttemptAt: now, createdAt: now }),
    );
    await deliverDue(bot.app);

    const created = bot.connector.calls.find((c) => c.kind === 'createConversation');
    expect(created?.body).toMatchObject({ bot: { id: `28:${appId}` }, members: [{ id: KARI.aadObjectId }], tenantId: TENANT });
    expect(bot.connector.activities().find((c) => c.conversationId === created?.conversationId)?.body).toMatchObject({ text: 'Sara joined.' });
    expect(await bot.app.prisma.outboxMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'sent', attempts: 0 });
    expect(bot.tokenRequests()).toHaveLength(1);
    expectAllVerified(bot, TENANT);
  });
});

describe('when Entra does not give the bot a token', () => {
  const appId = randomUUID();
  let bot: Bot;

  beforeAll(async () => {
    // Tokens that live 4 minutes: botframework-connector renews them 5 minutes before they
    // expire, so every send asks Entra again and each test below reaches the token endpoint.
    entra.register({ appId, secret: SECRET, tenant: BOT_FRAMEWORK_TENANT, expiresIn: 240 });
    bot = await startBot({ appId, appPassword: SECRET, appType: 'MultiTenant' });
  });

  const outboxFor = async (name: string) => {
    const person = await bot.app.prisma.person.findFirstOrThrow({ where: { displayName: name } });
    return bot.app.prisma.outboxMessage.findMany({ where: { personId: person.id }, orderBy: { id: 'asc' } });
  };

  it('does not reuse a token that expires within five minutes', async () => {
    const ida = bot.user('33333333-4444-4555-8666-7777777777c3', 'Ida Lund');
    await ida.say('help');
    await bot.connector.waitFor(() => ida.messages().length > 0);
    await ida.say('help');
    await bot.connector.waitFor(() => ida.messages().length > 1);
    expect(bot.tokenRequests().map((r) => r.status)).toEqual([200, 200]);
    expectAllVerified(bot, BOT_FRAMEWORK_TENANT_ID);
  });

  it('keeps the reply when the token endpoint answers 500, and delivers it on the retry', async () => {
    const nora = bot.user('44444444-5555-4666-8777-8888888888c4', 'Nora Vik');
    const before = bot.tokenRequests().length;
    entra.failNext(500, 'temporarily_unavailable');
    await nora.say('help');
    await bot.connector.waitFor(() => nora.messages().length > 0, 15_000);

    expect(bot.tokenRequests().slice(before).map((r) => r.status)).toEqual([500, 200]);
    const [row] = await outboxFor('Nora Vik');
    await expect.poll(async () => (await outboxFor('Nora Vik'))[0]?.status).toBe('sent');
    expect(row?.attempts).toBe(1);
    expect(nora.messages()).toHaveLength(1);
    expect(bot.app.logs.some((l) => l.msg === 'outbox delivery failed' && l.outboxId === row?.id && l.giveUp === false)).toBe(true);
    expectAllVerified(bot, BOT_FRAMEWORK_TENANT_ID);
  });

  it('keeps the reply pending while Entra refuses the secret (invalid_client), and delivers it once the secret is valid again', async () => {
    const eva = bot.user('66666666-7777-4888-8999-aaaaaaaaaac5', 'Eva Strand');
    // The secret the bot uses was removed in Entra (expired or rotated without updating the bot).
    entra.register({ appId, secret: `other-${randomUUID()}`, tenant: BOT_FRAMEWORK_TENANT, expiresIn: 240 });
    const before = bot.tokenRequests().length;
    await eva.say('help');
    await expect.poll(() => bot.tokenRequests().slice(before).some((r) => r.error === 'invalid_client'), { timeout: 5000 }).toBe(true);
    await expect.poll(async () => (await outboxFor('Eva Strand'))[0]?.attempts ?? 0, { timeout: 5000 }).toBeGreaterThan(0);

    const [pending] = await outboxFor('Eva Strand');
    expect(pending).toMatchObject({ status: 'pending', sentAt: null, lastError: 'teams token request to Microsoft Entra failed (invalid_client)' });
    // The operator can tell from the log what to fix.
    expect(bot.app.logs.some((l) => l.msg === 'outbox delivery failed' && l.reason === 'teams token request to Microsoft Entra failed (invalid_client)')).toBe(true);
    expect(pending?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(eva.messages()).toHaveLength(0);

    // The admin puts the bot's secret back: the next retry (the outbox wakes itself) gets through.
    entra.register({ appId, secret: SECRET, tenant: BOT_FRAMEWORK_TENANT, expiresIn: 240 });
    await bot.connector.waitFor(() => eva.messages().length > 0, 15_000);
    await expect.poll(async () => (await outboxFor('Eva Strand'))[0]?.status).toBe('sent');
    expect(eva.messages()).toHaveLength(1);
    expect(bot.tokenRequests().at(-1)?.status).toBe(200);
    expectAllVerified(bot, BOT_FRAMEWORK_TENANT_ID);
  });
});

describe('the test itself', () => {
  it('never left 127.0.0.1: no other https host was contacted, and Entra was only asked for tokens', () => {
    expect(entra.refused).toEqual([]);
    expect(entra.requests.every((r) => /^POST \/[^/]+\/oauth2\/v2\.0\/token$/.test(r))).toBe(true);
  });

  it('logged neither the client secret nor an access token', () => {
    for (const bot of running) {
      const logged = JSON.stringify(bot.app.logs);
      expect(logged).not.toContain(SECRET);
      expect(logged).not.toMatch(/eyJ[\w-]+\.eyJ/);
    }
  });
});
