/**
 * When the core cannot handle an activity (the database is down), the request answers 500 so
 * Teams delivers it again, without the error's details. (Concurrent first contacts are retried
 * inside the core, so the channel does not retry.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsChannel } from '../../src/channels/teams/index.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/log.js';
import { texts } from '../support/teams/app.js';
import type { FakeConnector } from '../support/teams/fake-connector.js';
import { TeamsUser } from '../support/teams/teams-user.js';

const logs: Array<Record<string, unknown>> = [];
let calls = 0;
let http: HttpServer;
let url = '';

beforeAll(async () => {
  const log = createLogger('info', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const channel = createTeamsChannel({ auth: { appType: 'MultiTenant' }, texts, defaultLocale: 'nb', references: { anyForTenant: async () => null }, log });
  http = createHttpServer({ host: '127.0.0.1', port: 0, log });
  const failing = async () => {
    calls += 1;
    throw new Error('connection to database at 10.0.0.5 refused');
  };
  channel.register(http, { handleInbound: failing, registerOrganisation: failing });
  url = (await http.start()).url;
});

afterAll(() => http?.close());

describe('a Teams turn that fails', () => {
  it('answers 500 without the error’s details, and logs it', async () => {
    const user = new TeamsUser(url, { url: 'https://smba.trafficmanager.net/emea/' } as FakeConnector, { aadObjectId: '99999999-aaaa-4bbb-8ccc-dddddddddddd', name: 'Per', locale: 'nb-NO' });
    const res = await user.say('hjelp');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('10.0.0.5');
    expect(calls).toBe(1);
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['teams turn failed']));
    expect(JSON.stringify(logs)).not.toContain('hjelp');
  });
});
