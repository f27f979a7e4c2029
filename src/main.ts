/**
 * The one place where everything is wired together: configuration, database, core, channels,
 * outbox dispatcher and scheduler. `npm start` runs this file.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Config, ConfigError, isLoopback, loadConfig } from './config.js';
import { createCore, type MentorBridgeCore } from './core/app.js';
import { Inbox, RUNNING_GRACE_MS } from './core/inbox/inbox.js';
import { JobRunner } from './core/kernel/jobs/runner.js';
import { OutboxDispatcher } from './core/outbox/dispatcher.js';
import type { ChannelSender } from './core/outbox/sender.js';
import type { Clock, FileReader, IdSource, Logger } from './core/ports.js';
import { DEMO_TENANT, DEMO_USER_IDS, PlaygroundHub, PlaygroundSender, registerPlayground, seedDemo, storeDirectory } from './channels/playground/index.js';
import { createSlackChannel, type SlackChannel, slackOptionsFromConfig } from './channels/slack/index.js';
import { createTeamsChannel } from './channels/teams/index.js';
import { createFileLinks } from './files/links.js';
import { registerFileRoute } from './http/file-route.js';
import { createHttpServer } from './http/server.js';
import { CatalogueTexts, loadCatalogues } from './i18n/texts.js';
import { createIdSource } from './ids.js';
import { createLogger } from './log.js';
import { DemoClock } from './scheduler/demo-clock.js';
import { Scheduler } from './scheduler/scheduler.js';
import { openDatabase } from './store/database.js';
import { PrismaFileReader } from './store/file-reader.js';
import { PrismaHousekeeping } from './store/housekeeping.js';
import { PrismaInboxQueue } from './store/inbox-queue.js';
import { ensureSetupCode } from './store/setup-code.js';
import { PrismaJobQueue } from './store/job-queue.js';
import { PrismaOutboxQueue } from './store/outbox-queue.js';
import { PrismaStore } from './store/prisma-store.js';
import { eraseOldCopies } from './store/retention.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { PrismaSlackInstallationStore } from './store/slack-installations.js';
import { PrismaSlackStateStore } from './store/slack-oauth-states.js';
import { PrismaTeamsReferences } from './store/teams-references.js';

export interface RunningBot {
  url: string;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/**
 * Shutting down (SIGTERM: a deploy) is bounded by STOP_BOUND_MS: open requests get up to
 * CLOSE_GRACE_MS; what the inbox holds is worked for up to INBOX_GRACE_MS (less when the steps
 * before took long; what runs then gets 2 s more) and the rest left pending for the next process;
 * replies of finished work get up to DELIVERY_GRACE_MS to go out (the rest wait in the outbox).
 */
const CLOSE_GRACE_MS = 2000;
const INBOX_GRACE_MS = 4000;
const DELIVERY_GRACE_MS = 2000;
export const STOP_BOUND_MS = 10_000;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * On the embedded database every statement takes its turn on one session, and storing an inbound
 * (the acknowledgement) waits for the work transaction before it: one transaction at a time, and
 * small ones. bench/inbox.ts, Slack on PGlite (2026-11-30): batches of 16 gave ack p99 224–261 ms,
 * batches of 2–4 gave 62–116 ms for 10–25 % fewer replies a second.
 */
const EMBEDDED_INBOX = { transactions: 1, batchSize: 4 };

export async function startMentorBridge(config: Config, realClock: Clock = systemClock): Promise<RunningBot> {
  // The playground's movable clock, never in production; everything below runs on `clock`.
  const demoClock = config.playgroundEnabled && config.NODE_ENV !== 'production' ? new DemoClock(realClock) : null;
  const clock: Clock = demoClock ?? realClock;
  const log = createLogger(config.LOG_LEVEL);
  const texts = new CatalogueTexts(loadCatalogues(config.PROMPTS_DIR), config.DEFAULT_LOCALE, config.DEFAULT_TIME_ZONE);
  const db = await openDatabase(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : { dataDir: join(config.DATA_DIR, 'pglite') });
  // Whatever fails from here on (a port in use, a bad Slack token) closes the database again:
  // the embedded one holds a worker thread and the data folder's lock.
  try {
    log.info('database ready', { kind: db.kind });
    const ids = createIdSource(() => clock.now().getTime());
    const store = new PrismaStore(db.prisma, { ids, clock });
    const queue = new PrismaOutboxQueue(db.prisma, { ids, clock });
    // One signer and one reader for every channel's download links (the playground's, Teams cards'),
    // served by the file route below.
    const fileLinks = createFileLinks(config.fileLinkSecret, config.publicUrl);
    const files = new PrismaFileReader(db.prisma);
    if (config.fileLinkSecretGenerated) log.warn('FILE_LINK_SECRET is not set: file links are signed with a random key, so links sent now stop working when the bot restarts');

    const senders: ChannelSender[] = [];
    const hub = new PlaygroundHub();
    if (config.playgroundEnabled) senders.push(new PlaygroundSender(hub));
    const teams = config.teamsEnabled ? createTeamsChannel({ auth: teamsAuth(config), texts, defaultLocale: config.DEFAULT_LOCALE, references: new PrismaTeamsReferences(db.prisma), log, wake: () => kick(), files, links: fileLinks, now: () => clock.now() }) : null;
    if (teams) senders.push(teams.sender);
    const slack = config.slackEnabled ? slackChannel(config, { prisma: db.prisma, store, ids, texts, log, files, core: () => core }) : null;
    if (slack) senders.push(slack.sender);
    const dispatcher = new OutboxDispatcher(queue, senders, clock, log);
    const kick = () => void dispatcher.kick().catch((error) => log.error('outbox dispatch failed', { error }));
    const core = createCore({ store, clock, ids, texts, log, defaults: { locale: config.DEFAULT_LOCALE, timeZone: config.DEFAULT_TIME_ZONE }, onOutbox: () => dispatcher.kickSoon() });
    // Slack's inbounds (and Teams' messages) are stored here before the platform hears "received", and worked after.
    const inbox = new Inbox({ queue: new PrismaInboxQueue(db.prisma), handle: (inbounds) => core.handleInbounds(inbounds), clock, ids, log, ...(db.kind === 'pglite' ? EMBEDDED_INBOX : {}) });

    const jobQueue = new PrismaJobQueue(db.prisma, clock);
    const jobs = new JobRunner({ queue: jobQueue, units: core.units, registry: core.registry, clock, ids, log });
    demoClock?.connect({ queue: jobQueue, runDue: () => jobs.kick(), deliver: () => dispatcher.kick() });

    const http = createHttpServer({ host: config.HOST, port: config.PORT, log, closeGraceMs: CLOSE_GRACE_MS, checks: { database: async () => void (await db.prisma.$queryRaw`SELECT 1`) } });
    registerFileRoute(http, { links: fileLinks, files, clock, log });
    const setupCode = await ensureSetupCode(db.prisma, ids, config.SETUP_CODE);
    // Printed for whoever runs the deployment (the pattern of many self-hosted tools): they hand it
    // to the person who will start an organisation's first programme. Not when they chose it themselves.
    if (!config.SETUP_CODE) log.info('setup code for the first coordinator of each new organisation: they write "setup CODE" to the bot', { code: setupCode });
    if (config.playgroundEnabled) {
      if (!isLoopback(config.HOST)) log.warn('THE PLAYGROUND IS OPEN BEYOND THIS MACHINE: it has no login, so anyone who reaches this port can act as anyone (PLAYGROUND_PUBLIC=true)', { host: config.HOST, port: config.PORT });
      const seeded = await seedDemo(store, ids, clock);
      if (seeded.created) log.info('playground demo programme created', { organisationId: seeded.organisationId });
      registerPlayground(http, { core, hub, directory: storeDirectory({ store, queue, tenant: DEMO_TENANT, externalIds: DEMO_USER_IDS }), texts, links: fileLinks, clock, log, promptsDir: config.PROMPTS_DIR, demoClock: demoClock ? { clock: demoClock, timeZone: config.DEFAULT_TIME_ZONE } : undefined });
    }
    teams?.register(http, core, inbox);
    await slack?.start({ core, inbox, routes: http.routes });
    // Rows a previous run left pending (a crash, a deploy) are worked first. The embedded database
    // has one process at a time, so its leftover leases are a dead process's and taken at once.
    await inbox.start({ alone: db.kind === 'pglite' });
    const housekeeping = new PrismaHousekeeping(db.prisma);
    const scheduler = new Scheduler(
      [
        { name: 'outbox', run: () => dispatcher.kick() },
        { name: 'jobs', run: () => jobs.kick() },
        // Renews what this process holds, and takes up rows whose holder is gone.
        { name: 'inbox', run: () => inbox.tick() },
        // Platforms retry a delivery for minutes to hours; a month of dedupe keys is ample.
        { name: 'prune-inbox', expression: '0 17 * * * *', run: () => housekeeping.pruneInbox(new Date(clock.now().getTime() - 30 * 86_400_000)) },
        // What the privacy notice promises: copies of sent messages keep their words MESSAGE_COPY_RETENTION_DAYS (src/core/kernel/retention.ts).
        { name: 'erase-old-copies', expression: '0 47 * * * *', run: () => eraseOldCopies(housekeeping, clock, log) },
        // The embedded database has no autovacuum to keep its planner's statistics (housekeeping.ts).
        ...(db.kind === 'pglite' ? [{ name: 'refresh-statistics', expression: '0 7 * * * *', run: () => housekeeping.refreshStatistics() }] : []),
      ],
      log,
    );
    const address = await http.start();
    scheduler.start();
    kick(); // messages left pending by a previous run go out now
    // A restart should not wait up to an hour for statistics; in the background, as the hourly run
    // (stop waits for it before closing the database).
    const statistics = db.kind === 'pglite' ? housekeeping.refreshStatistics().catch((error: unknown) => log.warn('database statistics not refreshed', { reason: error instanceof Error ? error.message : String(error) })) : Promise.resolve();
    log.info('mentor bridge listening', { url: address.url, playground: config.playgroundEnabled, teams: config.teamsEnabled });

    return {
      url: address.url,
      async stop() {
        const started = performance.now();
        // What is left of the bound, keeping a second for closing the database.
        const budget = (ms: number) => Math.max(0, Math.min(ms, started + STOP_BOUND_MS - 1000 - performance.now()));
        log.info('mentor bridge stopping', { inboxBacklog: inbox.backlog });
        // No new requests (Socket Mode disconnects, the server closes); the open ones finish, so
        // whatever Slack was told "received" is in the inbox.
        await slack?.stop();
        await http.close();
        await scheduler.stop();
        const { leftPending } = await inbox.stop(budget(INBOX_GRACE_MS + RUNNING_GRACE_MS + DELIVERY_GRACE_MS) - RUNNING_GRACE_MS - DELIVERY_GRACE_MS);
        await jobs.close();
        await Promise.race([dispatcher.kick().catch((error: unknown) => log.warn('outbox: last delivery failed', { error })), sleep(budget(DELIVERY_GRACE_MS))]);
        dispatcher.close();
        await statistics;
        await db.close();
        log.info('mentor bridge stopped', { ms: Math.round(performance.now() - started), inboxLeftPending: leftPending });
      },
    };
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** Slack over Bolt; multi-workspace installs are kept in the database and register their workspace. */
function slackChannel(config: Config, p: { prisma: PrismaClient; store: PrismaStore; ids: IdSource; texts: CatalogueTexts; log: Logger; files: FileReader; core: () => MentorBridgeCore }): SlackChannel {
  const registerOrganisation = (externalId: string, name: string) => p.core().registerOrganisation({ platform: 'slack', externalId, name });
  return createSlackChannel(slackOptionsFromConfig(config), {
    texts: p.texts,
    log: p.log,
    defaultLocale: config.DEFAULT_LOCALE,
    installations: new PrismaSlackInstallationStore(p.prisma, { ids: p.ids, registerOrganisation, tokenKey: config.SLACK_TOKEN_KEY }),
    oauthStates: new PrismaSlackStateStore(p.prisma),
    files: p.files,
  });
}

function teamsAuth(config: Config) {
  return { appId: config.MICROSOFT_APP_ID, appPassword: config.MICROSOFT_APP_PASSWORD, tenantId: config.MICROSOFT_APP_TENANT_ID, appType: config.MICROSOFT_APP_TYPE };
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
    // Bounded whatever happens: a hung database or platform must not keep a deploy waiting.
    setTimeout(() => {
      process.stderr.write(`Mentor Bridge did not stop within ${STOP_BOUND_MS / 1000} s; exiting (inbox rows still held are taken up again when their lease ends)\n`);
      process.exit(1);
    }, STOP_BOUND_MS).unref();
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Mentor Bridge stopped with an error: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
      },
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
