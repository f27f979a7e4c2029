/**
 * The real Bot Framework JWT validation in front of /api/messages: tokens signed by a local
 * stand-in of the Bot Connector's OpenID metadata and keys. A valid token is accepted; a wrong
 * audience, a `serviceurl` claim that is not the activity's serviceUrl, an expired token, a bad
 * signature, a foreign issuer or no token at all is refused with 401. Replies are not delivered
 * here (the outbox rows prove the core ran); outbound-auth.test.ts delivers them with Entra tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantAllowed } from '../../src/channels/teams/index.js';
import { startTeamsTestApp, type TeamsTestApp } from '../support/teams/app.js';
import { FakeIdentity, type TokenOptions } from '../support/teams/fake-identity.js';
import { TeamsUser, TENANT } from '../support/teams/teams-user.js';
import type { FakeConnector } from '../support/teams/fake-connector.js';

const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const identity = new FakeIdentity();
let app: TeamsTestApp;

/** The activities keep Teams' real serviceUrl: nothing is sent to it in this file. */
const connector = { url: SERVICE_URL } as FakeConnector;

beforeAll(async () => {
  await identity.start();
  app = await startTeamsTestApp({ appId: APP_ID, appPassword: 'not-a-real-secret', appType: 'SingleTenant', tenantId: TENANT, openIdMetadataUrl: identity.metadataUrl }, { deliver: false });
});

afterAll(async () => {
  await app?.stop();
  await identity.stop();
});

function userWith(token: Partial<TokenOptions> | null, tenant = TENANT): TeamsUser {
  const sign = token === null ? undefined : async () => identity.token({ audience: APP_ID, serviceUrl: SERVICE_URL, ...token });
  return new TeamsUser(app.url, connector, { aadObjectId: '6b1c2f9e-3a5d-4c47-9b2e-1f0a7d5c3e21', name: 'Sara Haile', locale: 'en-US', tenant }, sign);
}

const outboxRows = () => app.prisma.outboxMessage.count();

describe('Teams request authentication', () => {
  it('accepts a correctly signed channel token and hands the message to the core', async () => {
    const before = await outboxRows();
    const res = await userWith({}).say('help');
    expect(res.status).toBe(200);
    expect(await outboxRows()).toBeGreaterThan(before);
    // The app's own tenant was registered on first contact.
    expect(await app.prisma.organisation.count({ where: { platform: 'teams', externalId: TENANT } })).toBe(1);
  });

  const refused: Array<[string, Partial<TokenOptions> | null]> = [
    ['no token', null],
    ['a token for another bot (wrong audience)', { audience: 'another-app-id' }],
    ['a serviceurl claim that is not the activity’s serviceUrl', { serviceUrl: 'https://evil.example.com/' }],
    ['an expired token', { expiresIn: -3600 }],
    ['a bad signature', { key: FakeIdentity.otherKey() }],
    ['a foreign issuer', { issuer: 'https://sts.windows.net/someone-else/' }],
  ];
  for (const [what, token] of refused) {
    it(`refuses ${what} with 401 and does nothing`, async () => {
      const before = await outboxRows();
      const res = await userWith(token).say('help');
      expect(res.status).toBe(401);
      expect(await outboxRows()).toBe(before);
    });
  }

  it('does not register a tenant other than its own when single-tenant, and logs why', async () => {
    const other = '0f0f0f0f-1111-4222-8333-444444444444';
    const res = await userWith({}, other).say('help');
    expect(res.status).toBe(200);
    expect(await app.prisma.organisation.count({ where: { platform: 'teams', externalId: other } })).toBe(0);
    expect(app.logs.some((l) => l.msg === 'teams tenant not allowed' && l.tenant === other)).toBe(true);
  });

  it('decides which tenants may register on first contact', () => {
    expect(tenantAllowed({ appId: APP_ID, appType: 'MultiTenant' }, 'any-tenant')).toBe(true);
    expect(tenantAllowed({ appId: APP_ID, appType: 'SingleTenant', tenantId: TENANT }, TENANT.toUpperCase())).toBe(true);
    expect(tenantAllowed({ appId: APP_ID, appType: 'SingleTenant', tenantId: TENANT }, 'other')).toBe(false);
    expect(tenantAllowed({ appId: APP_ID, appType: 'UserAssignedMSI' }, TENANT)).toBe(false);
    expect(tenantAllowed({ appType: 'MultiTenant' }, 'local')).toBe(true);
  });

  it('does not warn that authentication is off', () => {
    expect(app.logs.some((l) => String(l.msg).includes('authentication is OFF'))).toBe(false);
  });
});
