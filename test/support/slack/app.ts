/**
 * The real Mentor Bridge (startMentorBridge: config, embedded PGlite in a throwaway folder, core,
 * outbox, Bolt on the shared server) with Slack configured against a fake Web API on 127.0.0.1.
 */
import { type RunningBot, startMentorBridge } from '../../../src/main.js';
import { e2eConfig, makeDataDir, removeDataDir } from '../../e2e/support.js';
import { SignedSlack } from './driver.js';
import { FakeSlackWebApi } from './fake-web-api.js';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_TOKEN = 'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy';

export interface SlackTestApp {
  bot: RunningBot;
  fake: FakeSlackWebApi;
  slack: SignedSlack;
  stop(): Promise<void>;
}

/** `prepare` runs once the fake Web API is up and before the app starts (e.g. to hand it a Socket Mode URL). */
export async function startSlackApp(env: Record<string, string> = {}, prepare?: (fake: FakeSlackWebApi) => void | Promise<void>): Promise<SlackTestApp> {
  const fake = new FakeSlackWebApi();
  await fake.start();
  await prepare?.(fake);
  const dataDir = await makeDataDir();
  const config = e2eConfig(dataDir, {
    PLAYGROUND: 'false',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: fake.url,
    ...env,
  });
  const bot = await startMentorBridge(config);
  return {
    bot,
    fake,
    slack: new SignedSlack(bot.url, SIGNING_SECRET),
    async stop() {
      await bot.stop();
      await fake.stop();
      await removeDataDir(dataDir);
    },
  };
}
