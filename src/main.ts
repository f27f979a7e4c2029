/**
 * The one place where everything is wired together: configuration, database, core, channels,
 * outbox dispatcher and scheduler. `npm start` runs this file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createCore } from './core/app.js';
import { OutboxDispatcher } from './core/outbox/dispatcher.js';
import type { ChannelSender } from './core/outbox/sender.js';
import type { Clock } from './core/ports.js';
import { DEMO_TENANT, DEMO_USER_IDS, PlaygroundHub, PlaygroundSender, registerPlayground, seedDemo, storeDirectory } from './channels/playground/index.js';
import { createHttpServer } from './http/server.js';
import { CatalogueTexts, loadCatalogues } from './i18n/texts.js';
import { createIdSource } from './ids.js';
import { createLogger } from './log.js';
import { Scheduler } from './scheduler/scheduler.js';
import { openDatabase } from './store/database.js';
import { PrismaOutboxQueue } from './store/outbox-queue.js';
import { PrismaStore } from './store/prisma-store.js';

export interface RunningBot {
  url: string;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

export async function startMentorBridge(config: Config, clock: Clock = systemClock): Promise<RunningBot> {
  const log = createLogger(config.LOG_LEVEL);
  const texts = new CatalogueTexts(loadCatalogues(config.PROMPTS_DIR), config.DEFAULT_LOCALE, config.DEFAULT_TIME_ZONE);
  const db = await openDatabase(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: join(config.DATA_DIR, 'pglite') });
  log.info('database ready', { kind: db.kind });
  const ids = createIdSource(() => clock.now().getTime());
  const store = new PrismaStore(db.prisma, { ids, clock });
  const queue = new PrismaOutboxQueue(db.prisma);

  const senders: ChannelSender[] = [];
  const hub = new PlaygroundHub();
  if (config.playgroundEnabled) senders.push(new PlaygroundSender(hub));
  const dispatcher = new OutboxDispatcher(queue, senders, clock, log);
  const kick = () => void dispatcher.kick().catch((error) => log.error('outbox dispatch failed', { error }));
  const core = createCore({ store, clock, ids, texts, log, defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE }, onOutbox: kick });

  const http = createHttpServer({ host: config.HOST, port: config.PORT, log, checks: { database: async () => void (await db.prisma.$queryRaw`SELECT 1`) } });
  if (config.playgroundEnabled) {
    const seeded = await seedDemo(store, ids, clock);
    if (seeded.created) log.info('playground demo programme created', { organisationId: seeded.organisationId });
    registerPlayground(http, { core, hub, directory: storeDirectory({ store, queue, tenant: DEMO_TENANT, externalIds: DEMO_USER_IDS }), log });
  }
  const scheduler = new Scheduler([{ name: 'outbox', run: () => dispatcher.kick() }], log);
  const address = await http.start();
  scheduler.start();
  kick(); // messages left pending by a previous run go out now
  log.info('mentor bridge listening', { url: address.url, playground: config.playgroundEnabled });

  return {
    url: address.url,
    async stop() {
      await scheduler.stop();
      await http.close();
      await db.close();
    },
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const bot = await startMentorBridge(config);
  if (config.playgroundEnabled) process.stdout.write(`\nMentor Bridge playground: ${bot.url}/\n\n`);
  const shutdown = () => {
    bot.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`Mentor Bridge could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
