/**
 * One bot under test for bench/teams.ts, in its own process so the load generator and the fake
 * connector do not share its event loop: `ours` is the real app (startMentorBridge, Teams on,
 * authentication off), `bare` is Microsoft's CloudAdapter behind express echoing each message.
 * Tells the parent its URL over IPC, and reports its event-loop utilisation when asked to stop.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { createTeamsAdapter } from '../src/channels/teams/adapter.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { startMentorBridge } from '../src/main.js';

interface Running {
  url: string;
  stop(): Promise<void>;
}

async function startOurs(): Promise<Running> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mentor-bridge-bench-teams-'));
  // NODE_ENV=test: the bench posts unauthenticated activities (no app id), which production refuses.
  const env = { NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PROMPTS_DIR: join(import.meta.dirname, '../prompts'), PLAYGROUND: 'false', TEAMS_ENABLED: 'true', DATABASE_URL: process.env.BENCH_DATABASE_URL || undefined };
  const bot = await startMentorBridge(loadConfig(env));
  return { url: bot.url, stop: () => bot.stop().finally(() => rm(dataDir, { recursive: true, force: true })) };
}

/** The bare bot: the same adapter factory, replying inside the turn as Microsoft's samples do. */
async function startBare(): Promise<Running> {
  const adapter = createTeamsAdapter({ appType: 'MultiTenant' }, createLogger('silent'));
  const app = express();
  app.post('/api/messages', express.json(), (req, res) =>
    adapter.process(req, res, async (context) => {
      if (context.activity.type === 'message') await context.sendActivity({ type: 'message', text: 'echo' });
    }),
  );
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function main(): Promise<void> {
  const running = process.argv[2] === 'bare' ? await startBare() : await startOurs();
  let elu = performance.eventLoopUtilization();
  let cpu = process.cpuUsage();
  process.on('message', (message: unknown) => {
    if (message === 'measure') elu = performance.eventLoopUtilization();
    // bench/inbox.ts: the process's CPU (user + system) since 'reset', as bench/slack-server.ts reports it.
    if (message === 'reset') cpu = process.cpuUsage();
    if (message === 'stats') {
      const used = process.cpuUsage(cpu);
      process.send?.({ cpuMs: (used.user + used.system) / 1000 });
    }
    if (message === 'stop') {
      const busy = performance.eventLoopUtilization(elu).utilization;
      void running.stop().finally(() => process.send?.({ busy }, () => process.exit(0)));
    }
  });
  process.send?.({ url: running.url });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
