/**
 * The fake Bot Connector (test/support/teams/fake-connector.ts) in a process of its own, for
 * bench/inbox.ts: serving the bots' replies on the load generator's event loop would make its
 * clock late. The parent asks, over IPC, for every message sent into conversations whose id
 * starts with a prefix, with when it arrived.
 *
 *   parent → child: { replies: prefix }    child → parent: { [conversation id]: Date.now() ms of each message, in order }
 */
import { FakeConnector } from '../../test/support/teams/fake-connector.js';
import { type FakeProcess, serveFakeProcess, startFakeProcess } from './fake-process.js';
import type { Replies } from './fake-web-api-process.js';

export interface RemoteFakeConnector extends FakeProcess {
  replies(conversationPrefix: string): Promise<Replies>;
}

export async function startFakeConnectorProcess(): Promise<RemoteFakeConnector> {
  const child = await startFakeProcess(import.meta.url, 'fake connector');
  return { ...child, replies: (prefix) => child.ask<Replies>({ replies: prefix }) };
}

async function serve() {
  const connector = new FakeConnector();
  const url = await connector.start();
  const every = new Map<string, number[]>();
  let seen = 0;
  const answer = (message: { replies?: string }): Replies => {
    for (; seen < connector.calls.length; seen += 1) {
      const call = connector.calls[seen];
      if (!call || (call.kind !== 'send' && call.kind !== 'reply') || !call.conversationId) continue;
      every.set(call.conversationId, [...(every.get(call.conversationId) ?? []), call.at]);
    }
    const prefix = message.replies ?? '';
    return Object.fromEntries([...every].filter(([id]) => id.startsWith(prefix)));
  };
  return { url, answer, stop: () => connector.stop() };
}

serveFakeProcess(serve);
