/**
 * The fake Slack Web API in a process of its own, for bench/slack.ts. Slack is remote: serving
 * the apps' Web API calls (users.info, chat.postMessage…) on the load generator's event loop
 * would make the generator's own clock late, and an app that makes more calls would look slower
 * to ack than it is. The parent asks, over IPC, how many DMs (by channel prefix) have a reply.
 *
 *   parent → child: { answers: prefix }    child → parent: { count, lastAt } (lastAt: Date.now() ms)
 *   parent → child: { replies: prefix }    child → parent: { [channel]: Date.now() ms of every reply, in order }
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FakeSlackWebApi } from '../../test/support/slack/fake-web-api.js';

export interface Answers {
  /** DMs whose channel starts with the prefix that got at least one chat.postMessage. */
  count: number;
  /** When the last of those first replies arrived (Date.now() ms); 0 when none did. */
  lastAt: number;
}

/** Every reply (chat.postMessage answered ok) per DM channel, when it arrived (Date.now() ms), in order. */
export type Replies = Record<string, number[]>;

export interface RemoteFakeWebApi {
  url: string;
  answers(channelPrefix: string): Promise<Answers>;
  replies(channelPrefix: string): Promise<Replies>;
  stop(): Promise<void>;
}

/** Starts this file as a child process and returns its handle once the fake listens. */
export async function startFakeWebApiProcess(): Promise<RemoteFakeWebApi> {
  const child = fork(fileURLToPath(import.meta.url), ['serve'], { execArgv: ['--import', 'tsx'] });
  // The exit listener goes with its answer: the parent polls answers() many times a run.
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`fake Web API process exited (${code})`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const { url } = (await next()) as { url: string };
  return {
    url,
    async answers(channelPrefix) {
      const reply = next();
      child.send({ answers: channelPrefix });
      return (await reply) as unknown as Answers;
    },
    async replies(channelPrefix) {
      const reply = next();
      child.send({ replies: channelPrefix });
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
  const fake = new FakeSlackWebApi();
  await fake.start();
  // First reply per DM channel, kept as calls come in (scanning every call per poll would grow with the run).
  const firstReply = new Map<string, number>();
  const everyReply = new Map<string, number[]>();
  let seen = 0;
  const collect = () => {
    for (; seen < fake.calls.length; seen += 1) {
      const call = fake.calls[seen];
      if (call?.method !== 'chat.postMessage' || !call.result) continue;
      const channel = String(call.args.channel ?? '');
      if (!firstReply.has(channel)) firstReply.set(channel, call.at);
      everyReply.set(channel, [...(everyReply.get(channel) ?? []), call.at]);
    }
  };
  process.on('message', (message: { answers?: string; replies?: string; stop?: boolean }) => {
    if (message.stop) {
      void fake.stop().then(() => process.exit(0));
      return;
    }
    collect();
    if (message.replies !== undefined) {
      const prefix = message.replies;
      process.send?.(Object.fromEntries([...everyReply].filter(([channel]) => channel.startsWith(prefix))) satisfies Replies);
      return;
    }
    const prefix = message.answers ?? '';
    let count = 0;
    let lastAt = 0;
    for (const [channel, at] of firstReply) {
      if (!channel.startsWith(prefix)) continue;
      count += 1;
      lastAt = Math.max(lastAt, at);
    }
    process.send?.({ count, lastAt } satisfies Answers);
  });
  process.send?.({ url: fake.url });
}

if (process.argv[2] === 'serve') {
  serve().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
