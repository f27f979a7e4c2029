/**
 * The playground's in-process message hub: the sender publishes each delivered message to the
 * browser tabs (SSE streams) of the person it is for. Nobody listening is fine — the outbox keeps
 * the message and the stream's history shows it when the person opens the page.
 */
import type { OutboxEntry } from '../../core/domain.js';
import type { Outbound } from '../../core/messages.js';

/** What the browser receives for each bot message. */
export interface PlaygroundMessage {
  /** The outbox id: the browser uses it to show each message once across history and live. */
  id: string;
  /** ISO time the message was written. */
  at: string;
  message: Outbound;
}

export type PlaygroundListener = (message: PlaygroundMessage) => void;

export class PlaygroundHub {
  private readonly listeners = new Map<string, Set<PlaygroundListener>>();

  /** Listens for messages to one person (by person id, which is unique across organisations). */
  subscribe(personId: string, listener: PlaygroundListener): () => void {
    let set = this.listeners.get(personId);
    if (!set) {
      set = new Set();
      this.listeners.set(personId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(personId) === set) this.listeners.delete(personId);
    };
  }

  /** Hands the message to every open tab of that person; returns how many got it. */
  publish(personId: string, message: PlaygroundMessage): number {
    const set = this.listeners.get(personId);
    if (!set) return 0;
    for (const listener of [...set]) listener(message);
    return set.size;
  }

  listenerCount(personId: string): number {
    return this.listeners.get(personId)?.size ?? 0;
  }
}

/** Copies only the neutral message fields, so nothing else stored with a payload reaches the page. */
export function toPlaygroundMessage(entry: Pick<OutboxEntry, 'id' | 'createdAt' | 'payload'>): PlaygroundMessage {
  const { text, prompt, replacesPromptId } = entry.payload;
  const message: Outbound = { text };
  if (prompt) message.prompt = prompt;
  if (replacesPromptId) message.replacesPromptId = replacesPromptId;
  return { id: entry.id, at: entry.createdAt.toISOString(), message };
}
