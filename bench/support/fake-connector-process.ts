/**
 * The fake Bot Connector (test/support/teams/fake-connector.ts) in a process of its own, for
 * bench/inbox.ts: serving the bots' replies on the load generator's event loop would make its
 * clock late. The parent asks, over IPC, for every message sent into conversations whose id
 * starts with a prefix, with when it arrived.
 *
 *   parent → child: { replies: prefix }    child → parent: { [conversation id]: Date.now() ms of each message, in order }
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeConnector } from '../../test/support/teams/fake-connector.js';
import type { Replies } from './fake-web-api-process.js';

export interface RemoteFakeConnector {
  url: string;
  replies(conversationPrefix: string): Promise<Replies>;
  stop(): Promise<void>;
}

export async function startFakeConnectorProcess(): Promise<RemoteFakeConnector> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'] });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`fake connector process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    async replies(prefix) {
      const reply = next();
      child.send({ replies: prefix });
      return (await reply) as unknown as Replies;
    },
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ stop: true });
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  const connector = new FakeConnector();
  const url = await connector.start();
  const every = new Map<string, number[]>();
  let seen = 0;
  process.on('message', (message: { replies?: string; stop?: boolean }) => {
    if (message.stop) {
      void connector.stop().then(() => process.exit(0));
      return;
    }
    for (; seen < connector.calls.length; seen += 1) {
      const call = connector.calls[seen];
      if (!call || (call.kind !== 'send' && call.kind !== 'reply') || !call.conversationId) continue;
      every.set(call.conversationId, [...(every.get(call.conversationId) ?? []), call.at]);
    }
    const prefix = message.replies ?? '';
    process.send?.(Object.fromEntries([...every].filter(([id]) => id.startsWith(prefix))) satisfies Replies);
  });
  process.send?.({ url });
}

if (process.argv[2] === 'serve') {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
