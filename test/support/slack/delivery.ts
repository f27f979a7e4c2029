/**
 * Delivery to Slack as main.ts wires it, for tests of what the bot sends: a harness (real core,
 * real database) with a Slack organisation, the real outbox dispatcher over SlackSender, and the
 * fake Web API on 127.0.0.1 in place of Slack. One place for it, so every such test talks to
 * the same set-up.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { boltLogger } from '../../../src/channels/slack/bolt-logger.js';
import { SlackClients } from '../../../src/channels/slack/clients.js';
import { SlackSender } from '../../../src/channels/slack/sender.js';
import { OutboxDispatcher } from '../../../src/core/outbox/dispatcher.js';
import { createLogger } from '../../../src/log.js';
import { PrismaFileReader } from '../../../src/store/file-reader.js';
import { PrismaOutboxQueue } from '../../../src/store/outbox-queue.js';
import { createHarness, type Harness, texts } from '../harness.js';
import { BOT_TOKEN } from './app.js';
import { DEFAULT_TEAM, FakeSlackWebApi } from './fake-web-api.js';

export interface SlackDelivery {
  h: Harness;
  fake: FakeSlackWebApi;
  dispatcher: OutboxDispatcher;
  /** The organisation-scoped reader of stored files (the sender's, when `files` was asked for). */
  files: PrismaFileReader;
}

/**
 * Registers the suite's hooks: before all, starts the set-up and hands it to `ready`; after each
 * test, forgets the fake's calls; after all, stops both. `files`: the sender reads stored
 * pictures and files (uploads), as in production; without it, it has no file reader.
 */
export function useSlackDelivery(ready: (delivery: SlackDelivery) => void, options: { files?: boolean } = {}): void {
  let h: Harness | undefined;
  let fake: FakeSlackWebApi | undefined;
  beforeAll(async () => {
    h = await createHarness();
    await h.organisation('slack', DEFAULT_TEAM.team_id);
    fake = new FakeSlackWebApi();
    await fake.start();
    const log = createLogger('silent');
    const clients = new SlackClients({ kind: 'single', botToken: BOT_TOKEN }, { slackApiUrl: fake.url, logger: boltLogger(log) });
    const files = new PrismaFileReader(h.prisma);
    const sender = new SlackSender(options.files ? { clients, texts, files } : { clients, texts });
    const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(h.prisma), [sender], h.clock, log);
    ready({ h, fake, dispatcher, files });
  });
  afterAll(async () => {
    await fake?.stop();
    await h?.close();
  });
  afterEach(() => fake?.clear());
}
