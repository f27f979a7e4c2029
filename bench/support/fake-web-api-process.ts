/**
 * The fake Slack Web API in a process of its own, for bench/slack.ts. Slack is remote: serving
 * the apps' Web API calls (users.info, chat.postMessage…) on the load generator's event loop
 * would make the generator's own clock late, and an app that makes more calls would look slower
 * to ack than it is. The parent asks, over IPC, how many DMs (by channel prefix) have a reply.
 *
 *   parent → child: { answers: prefix }    child → parent: { count, lastAt } (lastAt: Date.now() ms)
 *   parent → child: { replies: prefix }    child → parent: { [channel]: Date.now() ms of every reply, in order }
 */
import { FakeSlackWebApi } from '../../test/support/slack/fake-web-api.js';
import { type FakeProcess, serveFakeProcess, startFakeProcess } from './fake-process.js';

export interface Answers {
  /** DMs whose channel starts with the prefix that got at least one chat.postMessage. */
  count: number;
  /** When the last of those first replies arrived (Date.now() ms); 0 when none did. */
  lastAt: number;
}

/** Every reply (chat.postMessage answered ok) per DM channel, when it arrived (Date.now() ms), in order. */
export type Replies = Record<string, number[]>;

export interface RemoteFakeWebApi extends FakeProcess {
  answers(channelPrefix: string): Promise<Answers>;
  replies(channelPrefix: string): Promise<Replies>;
}

/** Starts this file as a child process and returns its handle once the fake listens. */
export async function startFakeWebApiProcess(): Promise<RemoteFakeWebApi> {
  const child = await startFakeProcess(import.meta.url, 'fake Web API');
  return {
    ...child,
    answers: (channelPrefix) => child.ask<Answers>({ answers: channelPrefix }),
    replies: (channelPrefix) => child.ask<Replies>({ replies: channelPrefix }),
  };
}

async function serve() {
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
  const answer = (message: { answers?: string; replies?: string }): Answers | Replies => {
    collect();
    if (message.replies !== undefined) {
      const prefix = message.replies;
      return Object.fromEntries([...everyReply].filter(([channel]) => channel.startsWith(prefix))) satisfies Replies;
    }
    const prefix = message.answers ?? '';
    let count = 0;
    let lastAt = 0;
    for (const [channel, at] of firstReply) {
      if (!channel.startsWith(prefix)) continue;
      count += 1;
      lastAt = Math.max(lastAt, at);
    }
    return { count, lastAt } satisfies Answers;
  };
  return { url: fake.url, answer, stop: () => fake.stop() };
}

serveFakeProcess(serve);
