/**
 * The Slack channel wired the way src/main.ts wires it — real core, real database (PGlite in
 * memory, or the test PostgreSQL), real inbox and outbox dispatcher, the real Bolt app on the shared HTTP
 * server, bot-token mode — against the fake Web API, with the pieces in reach: the database to
 * read what was stored, the log lines, and the defaults a person gets when Slack says nothing.
 */
import { join } from 'node:path';
import { createSlackChannel } from '../../../src/channels/slack/index.js';
import { createCore } from '../../../src/core/app.js';
import { Inbox } from '../../../src/core/inbox/inbox.js';
import { OutboxDispatcher } from '../../../src/core/outbox/dispatcher.js';
import type { Clock } from '../../../src/core/ports.js';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { createHttpServer } from '../../../src/http/server.js';
import { CatalogueTexts, loadCatalogues } from '../../../src/i18n/texts.js';
import { createIdSource } from '../../../src/ids.js';
import { createLogger } from '../../../src/log.js';
import { PrismaInboxQueue } from '../../../src/store/inbox-queue.js';
import { PrismaOutboxQueue } from '../../../src/store/outbox-queue.js';
import { PrismaStore } from '../../../src/store/prisma-store.js';
import { createTestDatabase } from '../db.js';
import { BOT_TOKEN, SIGNING_SECRET } from './app.js';
import { SignedSlack } from './driver.js';
import { FakeSlackWebApi } from './fake-web-api.js';

const PROMPTS = join(import.meta.dirname, '../../../prompts');
const clock: Clock = { now: () => new Date() };

export interface WiredSlack {
  url: string;
  fake: FakeSlackWebApi;
  slack: SignedSlack;
  prisma: PrismaClient;
  /** Every JSON log line written (warn and above), parsed; `raw` as written. */
  logs: Array<Record<string, unknown>>;
  raw: string[];
  /** The stored person behind a Slack user id. */
  person(userId: string): Promise<{ locale: string; timeZone: string; displayName: string } | null>;
  stop(): Promise<void>;
}

export async function startWiredSlack(defaults: { locale: string; timeZone: string }): Promise<WiredSlack> {
  const fake = new FakeSlackWebApi();
  await fake.start();
  const db = await createTestDatabase();
  const raw: string[] = [];
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger('warn', (line) => {
    raw.push(line);
    logs.push(JSON.parse(line) as Record<string, unknown>);
  });
  const texts = new CatalogueTexts(loadCatalogues(PROMPTS), defaults.locale, defaults.timeZone);
  const ids = createIdSource(() => clock.now().getTime());
  const store = new PrismaStore(db.prisma, { ids, clock });
  const channel = createSlackChannel({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, apiUrl: fake.url }, { texts, log, defaultLocale: defaults.locale });
  const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), [channel.sender], clock, log);
  const kick = () => void dispatcher.kick().catch((error: unknown) => log.error('outbox dispatch failed', { error }));
  const core = createCore({ store, clock, ids, texts, log, defaults, onOutbox: kick });
  const inbox = new Inbox({ queue: new PrismaInboxQueue(db.prisma), handle: (inbounds) => core.handleInbounds(inbounds), clock, ids, log });
  const http = createHttpServer({ host: '127.0.0.1', port: 0, log });
  await channel.start({ core, inbox, routes: http.routes });
  const { url } = await http.start();
  return {
    url,
    fake,
    slack: new SignedSlack(url, SIGNING_SECRET),
    prisma: db.prisma,
    logs,
    raw,
    async person(userId) {
      const identity = await db.prisma.channelIdentity.findFirst({ where: { platform: 'slack', externalUserId: userId }, include: { person: true } });
      return identity ? { locale: identity.person.locale, timeZone: identity.person.timeZone, displayName: identity.person.displayName } : null;
    },
    async stop() {
      await channel.stop();
      await http.close();
      await inbox.stop(1000);
      await fake.stop();
      await db.close();
    },
  };
}
