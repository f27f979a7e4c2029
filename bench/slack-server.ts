/**
 * The app under test for bench/slack.ts, in its own process (Slack is remote: the load must not
 * share the app's event loop). `ours` is the real Mentor Bridge (startMentorBridge); `bare` is
 * the smallest Bolt app that does the same job: ack, then post one reply in the DM. Reports its
 * URL, then its CPU use and event-loop delay when asked, over IPC.
 */
import type { Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { App, ExpressReceiver } from '@slack/bolt';
import express from 'express';
import { loadConfig } from '../src/config.js';
import { startMentorBridge } from '../src/main.js';

export interface ServerStats {
  cpuMs: number;
  loopP99Ms: number;
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

async function startOurs(): Promise<{ url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mentor-bridge-bench-'));
  const bot = await startMentorBridge(
    loadConfig({
      NODE_ENV: 'production',
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: process.env.BENCH_DATABASE_URL || undefined,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
      PLAYGROUND: 'false',
      SLACK_SIGNING_SECRET: env('SLACK_SIGNING_SECRET'),
      SLACK_BOT_TOKEN: env('SLACK_BOT_TOKEN'),
      SLACK_API_URL: env('SLACK_API_URL'),
    }),
  );
  const stop = async () => {
    await bot.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { url: bot.url, stop };
}

async function startBare(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = express();
  const receiver = new ExpressReceiver({ signingSecret: env('SLACK_SIGNING_SECRET'), app: server, processBeforeResponse: false });
  const app = new App({ receiver, token: env('SLACK_BOT_TOKEN'), clientOptions: { slackApiUrl: env('SLACK_API_URL'), retryConfig: { retries: 0 } } });
  app.event('message', async ({ event, client }) => {
    if ('channel' in event) await client.chat.postMessage({ channel: event.channel, text: 'ok' });
  });
  const listening: Server = await new Promise((resolve) => {
    const s = server.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = listening.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => listening.close(() => resolve())) };
}

async function main(): Promise<void> {
  const running = process.argv[2] === 'bare' ? await startBare() : await startOurs();
  const loop = monitorEventLoopDelay({ resolution: 5 });
  let cpu = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'reset') {
      cpu = process.cpuUsage();
      loop.reset();
      loop.enable();
    } else if (message === 'stats') {
      const used = process.cpuUsage(cpu);
      process.send?.({ cpuMs: (used.user + used.system) / 1000, loopP99Ms: loop.percentile(99) / 1e6 } satisfies ServerStats);
    } else if (message === 'stop') {
      void running.stop().then(() => process.exit(0));
    }
  });
  process.send?.({ url: running.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
