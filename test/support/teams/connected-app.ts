/**
 * The Teams test app (./app.ts) with the fake Bot Connector it sends to, for a test file that
 * talks to one app throughout: the connector starts first (the app's replies need it), and stops
 * last, after the app.
 */
import { afterAll, beforeAll } from 'vitest';
import { startTeamsTestApp, type TeamsTestApp } from './app.js';
import { FakeConnector } from './fake-connector.js';

/** Registers the file's (or suite's) hooks; `ready` gets the app once it runs. Returns the connector. */
export function useTeamsTestApp(ready: (app: TeamsTestApp) => void): FakeConnector {
  const connector = new FakeConnector();
  let app: TeamsTestApp | undefined;
  beforeAll(async () => {
    await connector.start();
    app = await startTeamsTestApp();
    ready(app);
  });
  afterAll(async () => {
    await app?.stop();
    await connector.stop();
  });
  return connector;
}
