/**
 * The Teams test app (./app.ts) as main.ts really serves it to a pair on their journey: the same
 * wiring, plus the signed file route (GET /files/download) on the same server, with the links
 * the Teams cards carry pointing at that server. A person can then open the Download button of a
 * card (a meeting's .ics) and get the bytes, as in production — a test of the link, the route
 * and the stored file together, not of the signer alone.
 */
import { createTeamsChannel } from '../../../src/channels/teams/index.js';
import { createCore } from '../../../src/core/app.js';
import { OutboxDispatcher } from '../../../src/core/outbox/dispatcher.js';
import type { Clock } from '../../../src/core/ports.js';
import { createFileLinks, type FileLinks } from '../../../src/files/links.js';
import { registerFileRoute } from '../../../src/http/file-route.js';
import { createHttpServer } from '../../../src/http/server.js';
import { createIdSource } from '../../../src/ids.js';
import { createLogger } from '../../../src/log.js';
import { PrismaFileReader } from '../../../src/store/file-reader.js';
import { PrismaOutboxQueue } from '../../../src/store/outbox-queue.js';
import { PrismaStore } from '../../../src/store/prisma-store.js';
import { PrismaTeamsReferences } from '../../../src/store/teams-references.js';
import { createTestDatabase } from '../db.js';
import { type TeamsTestApp, texts } from './app.js';

const clock: Clock = { now: () => new Date() };
const SECRET = 'journey-file-link-secret-of-32-chars!';

/** The links of the server once it listens (its port is only known then); made before, used after. */
function lateLinks(): { links: FileLinks; listening(url: string): void } {
  let inner: FileLinks | null = null;
  const ready = () => {
    if (!inner) throw new Error('file links used before the server listens');
    return inner;
  };
  return {
    links: { url: (target, expiresAt) => ready().url(target, expiresAt), verify: (query, now) => ready().verify(query, now) },
    listening: (url) => {
      inner = createFileLinks(SECRET, url);
    },
  };
}

export async function startTeamsJourneyApp(): Promise<TeamsTestApp> {
  const db = await createTestDatabase();
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger('info', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const ids = createIdSource(() => clock.now().getTime());
  const store = new PrismaStore(db.prisma, { ids, clock });
  const late = lateLinks();
  const files = new PrismaFileReader(db.prisma);
  const channel = createTeamsChannel({ auth: { appType: 'MultiTenant' }, texts, defaultLocale: 'nb', references: new PrismaTeamsReferences(db.prisma), log, wake: () => kick(), files, links: late.links, now: () => clock.now() });
  const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [channel.sender], clock, log);
  const kick = () => void dispatcher.kick().catch((error: unknown) => log.error('outbox dispatch failed', { error }));
  const core = createCore({ store, clock, ids, texts, log, defaults: { locale: 'nb', timeZone: 'Europe/Oslo' }, onOutbox: kick });
  const http = createHttpServer({ host: '127.0.0.1', port: 0, log });
  channel.register(http, core);
  registerFileRoute(http, { links: late.links, files, clock, log });
  const { url } = await http.start();
  late.listening(url);
  return {
    url,
    core,
    store,
    prisma: db.prisma,
    ids,
    dispatcher,
    links: late.links,
    logs,
    async stop() {
      await http.close();
      await db.close();
    },
  };
}
