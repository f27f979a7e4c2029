/**
 * End-to-end helpers: the real app (startMentorBridge) on a throwaway data folder with embedded
 * PGlite, driven over HTTP the way the playground page drives it.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlaygroundMessage } from '../../src/channels/playground/index.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { InboundEvent } from '../../src/core/messages.js';
import { type RunningBot, startMentorBridge } from '../../src/main.js';
import { openStream } from '../playground/support.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT = join(PROJECT_ROOT, 'test-output');

/** A fresh, empty data folder under the system temp folder. */
export function makeDataDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mentor-bridge-e2e-'));
}

export async function removeDataDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** The configuration `npm start` would build, pointed at `dataDir` and a free port. */
export function e2eConfig(dataDir: string, extra: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    PROMPTS_DIR: join(PROJECT_ROOT, 'prompts'),
    // Never inherit a developer's DATABASE_URL: these tests are about the embedded database.
    DATABASE_URL: undefined,
    ...extra,
  });
}

export function startApp(dataDir: string): Promise<RunningBot> {
  return startMentorBridge(e2eConfig(dataDir));
}

/** POST /playground/inbound as the page does, with a fresh dedupe key unless one is given. */
export async function send(url: string, user: string, event: InboundEvent, dedupeKey: string = randomUUID()): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/playground/inbound`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user, dedupeKey, event }),
  });
  return { status: res.status, body: await res.json() };
}

/** Everything the stream replays for `user` before its `ready` event: the stored history. */
export async function history(url: string, user: string): Promise<PlaygroundMessage[]> {
  const stream = await openStream(`${url}/playground/stream?user=${encodeURIComponent(user)}`);
  try {
    if (stream.res.status !== 200) throw new Error(`stream for ${user} answered ${stream.res.status}`);
    const messages: PlaygroundMessage[] = [];
    for (;;) {
      const event = await stream.next(5000);
      if (event.event === 'ready') return messages;
      if (event.event === 'message') messages.push(JSON.parse(event.data) as PlaygroundMessage);
    }
  } finally {
    stream.close();
  }
}

/** A message's text as a person reads it: the spans' text, lines joined, no emphasis. */
export function textOf(message: PlaygroundMessage | undefined): string | undefined {
  return message?.message.text.map((line) => line.map((span) => span.text).join('')).join('\n');
}

/** The question still open in a history: the last prompt no later message replaced. */
export function openPrompt(messages: PlaygroundMessage[]): PlaygroundMessage | undefined {
  const replaced = new Set(messages.map((m) => m.message.replacesPromptId).filter(Boolean));
  return messages.filter((m) => m.message.prompt && !replaced.has(m.message.prompt.id)).at(-1);
}
