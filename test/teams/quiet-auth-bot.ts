/**
 * A child process for quiet-auth.test.ts: the Teams channel's real route (createTeamsChannel →
 * CloudAdapter → POST /api/messages on the shared HTTP server) with the real JSON logger on
 * stdout, so the test sees everything the process prints — our logger's lines and anything
 * botbuilder, express or Node write to the console — exactly as an operator would.
 *
 * The core is a stand-in that fails (as when the database is down): refused requests never reach
 * it, and an authenticated one shows how a failed turn is logged.
 * Not a module to import (it starts on load). Argument: the OpenID metadata URL of the test's stand-in Bot Connector identity.
 */
import { createTeamsChannel } from '../../src/channels/teams/index.js';
import { join } from 'node:path';
import { createHttpServer } from '../../src/http/server.js';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';
import { createLogger } from '../../src/log.js';

const QUIET_APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';

const openIdMetadataUrl = process.argv[2];
if (!openIdMetadataUrl) throw new Error('usage: quiet-auth-bot.ts <openid metadata url>');

const log = createLogger('info');
const unreachable = () => Promise.reject(new Error('connection to database at 10.0.0.5 refused'));
const channel = createTeamsChannel({
  auth: { appId: QUIET_APP_ID, appPassword: 'not-a-real-secret', appType: 'MultiTenant', openIdMetadataUrl },
  texts: new CatalogueTexts(loadCatalogues(join(import.meta.dirname, '../../prompts')), 'nb', 'Europe/Oslo'),
  defaultLocale: 'nb',
  references: { anyForTenant: unreachable },
  log,
});
const http = createHttpServer({ host: '127.0.0.1', port: 0, log });
channel.register(http, { handleInbound: unreachable, registerOrganisation: unreachable });
const { url } = await http.start();
// The URL goes over IPC, not stdout: stdout is what the test counts.
process.send?.({ url });
process.on('disconnect', () => void http.close().then(() => process.exit(0)));
