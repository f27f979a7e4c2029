/**
 * The playground's in-process message hub: the sender publishes each delivered message to the
 * browser tabs (SSE streams) of the person it is for. Nobody listening is fine — the outbox keeps
 * the message and the stream's history shows it when the person opens the page.
 */
import type { PlaygroundEntry } from './view.js';

/** Gets each stored message; the listener draws it for its viewer (language, links). */
export type PlaygroundListener = (entry: PlaygroundEntry) => void;

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
  publish(personId: string, entry: PlaygroundEntry): number {
    const set = this.listeners.get(personId);
    if (!set) return 0;
    for (const listener of [...set]) listener(entry);
    return set.size;
  }

  listenerCount(personId: string): number {
    return this.listeners.get(personId)?.size ?? 0;
  }
}
