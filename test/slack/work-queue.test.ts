/** The queue that runs core work after Slack's ack: bounded, in order, urgent work first. */
import { describe, expect, it } from 'vitest';
import { WorkQueue } from '../../src/channels/slack/work-queue.js';

function gate(): { promise: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

describe('WorkQueue', () => {
  it('runs at most `concurrency` tasks at once, the rest in arrival order with urgent ones first', async () => {
    const queue = new WorkQueue(2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, ReturnType<typeof gate>>();
    const task = (name: string, urgent = false) => {
      const g = gate();
      gates.set(name, g);
      return queue.run(async () => {
        started.push(name);
        running += 1;
        most = Math.max(most, running);
        await g.promise;
        running -= 1;
        return name;
      }, urgent);
    };
    const all = [task('a'), task('b'), task('c'), task('d'), task('view', true)];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a', 'b']);
    expect(queue.backlog).toBe(3);
    for (const name of ['a', 'b', 'view', 'c', 'd']) {
      gates.get(name)?.open();
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await Promise.all(all)).toEqual(['a', 'b', 'c', 'd', 'view']);
    expect(started).toEqual(['a', 'b', 'view', 'c', 'd']);
    expect(most).toBe(2);
    expect(queue.backlog).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const queue = new WorkQueue(1);
    await expect(queue.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run(async () => 'next')).toBe('next');
  });
});
