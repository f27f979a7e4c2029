/** Delivers outbox messages to the playground page through the in-process hub. */
import type { OutboxEntry } from '../../core/domain.js';
import type { ChannelSender } from '../../core/outbox/sender.js';
import type { PlaygroundHub } from './hub.js';

export class PlaygroundSender implements ChannelSender {
  readonly platform = 'playground' as const;

  constructor(private readonly hub: PlaygroundHub) {}

  /**
   * Never fails: a person with no open tab sees the message in their history later. Replacing
   * needs no platform reference — the browser swaps the message carrying `replacesPromptId`.
   */
  async send(entry: OutboxEntry, _replaceRef: unknown): Promise<{ externalRef: { outboxId: string } }> {
    this.hub.publish(entry.personId, entry);
    return { externalRef: { outboxId: entry.id } };
  }
}
