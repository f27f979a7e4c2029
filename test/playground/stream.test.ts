import { afterEach, describe, expect, it } from 'vitest';
import type { PlaygroundMessage } from '../../src/channels/playground/index.js';
import { type Playground, openStream, startPlayground } from './support.js';

const parse = (data: string) => JSON.parse(data) as PlaygroundMessage;
const choice = { kind: 'choice' as const, options: [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }] };

describe('GET /playground/stream', () => {
  let pg: Playground;
  afterEach(() => pg?.close());

  it('sends the history, then "ready", then messages delivered live', async () => {
    pg = await startPlayground();
    await pg.outbox.deliver('p-amina', { text: 'Velkommen, *Amina*!' });
    await pg.outbox.deliver('p-amina', { text: 'Vil du bli med?', prompt: { id: 'join-1', spec: choice } });
    await pg.outbox.deliver('p-kari', { text: 'Not for Amina' });

    const stream = await openStream(`${pg.url}/playground/stream?user=amina`);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const first = parse((await stream.next()).data);
    const second = parse((await stream.next()).data);
    expect(first).toMatchObject({ id: 'out-0001', message: { text: [[{ text: 'Velkommen, ' }, { text: 'Amina', bold: true }, { text: '!' }]] } });
    expect(second.message.prompt).toEqual({ id: 'join-1', spec: choice });
    expect((await stream.next()).event).toBe('ready');

    const { externalRef } = await pg.outbox.deliver('p-amina', { text: 'Ny melding fra koordinatoren' });
    const live = await stream.next();
    expect(live.event).toBe('message');
    expect(parse(live.data)).toMatchObject({ id: 'out-0004', message: { text: [[{ text: 'Ny melding fra koordinatoren' }]] } });
    expect(externalRef).toEqual({ outboxId: 'out-0004' });
    stream.close();
  });

  it('carries replacesPromptId so the browser can swap the answered question', async () => {
    pg = await startPlayground();
    const stream = await openStream(`${pg.url}/playground/stream?user=amina`);
    expect((await stream.next()).event).toBe('ready');

    await pg.outbox.deliver('p-amina', { text: 'Vil du bli med?', prompt: { id: 'join-1', spec: choice } });
    await pg.outbox.deliver('p-amina', { text: 'Du svarte: *Ja*', replacesPromptId: 'join-1' });
    expect(parse((await stream.next()).data).message.prompt?.id).toBe('join-1');
    const replacement = parse((await stream.next()).data);
    expect(replacement.message).toEqual({ text: [[{ text: 'Du svarte: ' }, { text: 'Ja', bold: true }]], replacesPromptId: 'join-1' });
    stream.close();
  });

  it('answers an action through the core and streams the reply to that person only', async () => {
    pg = await startPlayground();
    pg.core.script = (inbound) => (inbound.event.kind === 'opened' ? [{ text: `Hei ${inbound.user.displayName}!` }] : []);
    const amina = await openStream(`${pg.url}/playground/stream?user=amina`);
    const kari = await openStream(`${pg.url}/playground/stream?user=kari`);
    expect((await amina.next()).event).toBe('ready');
    expect((await kari.next()).event).toBe('ready');

    const res = await fetch(`${pg.url}/playground/inbound`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'amina', dedupeKey: crypto.randomUUID(), event: { kind: 'opened' } }),
    });
    expect(res.status).toBe(202);
    expect(parse((await amina.next()).data).message.text).toEqual([[{ text: 'Hei Amina Yusuf!' }]]);
    await expect(kari.next(300)).rejects.toThrow(/in time/);
    amina.close();
    kari.close();
  });

  it('keeps idle streams alive with heartbeat comments', async () => {
    pg = await startPlayground({ heartbeatMs: 50 });
    const stream = await openStream(`${pg.url}/playground/stream?user=sara`);
    expect((await stream.next()).event).toBe('ready');
    await new Promise((resolve) => setTimeout(resolve, 180));
    await expect(stream.next(50)).rejects.toThrow();
    expect(stream.comments.filter((c) => c === 'ping').length).toBeGreaterThanOrEqual(2);
    stream.close();
  });

  it('stops listening when the browser goes away', async () => {
    pg = await startPlayground();
    const stream = await openStream(`${pg.url}/playground/stream?user=kari`);
    expect((await stream.next()).event).toBe('ready');
    expect(pg.hub.listenerCount('p-kari')).toBe(1);
    stream.close();
    await waitFor(() => pg.hub.listenerCount('p-kari') === 0);
    // Nobody connected: delivery still succeeds, and the message waits in the history.
    await expect(pg.outbox.deliver('p-kari', { text: 'Later' })).resolves.toEqual({ externalRef: { outboxId: 'out-0001' } });
  });

  it('ends open streams when the server closes', async () => {
    pg = await startPlayground();
    const stream = await openStream(`${pg.url}/playground/stream?user=kari`);
    expect((await stream.next()).event).toBe('ready');
    const started = Date.now();
    await pg.close();
    await stream.ended();
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('refuses an unknown or missing user', async () => {
    pg = await startPlayground();
    expect((await fetch(`${pg.url}/playground/stream?user=nobody`)).status).toBe(404);
    expect((await fetch(`${pg.url}/playground/stream`)).status).toBe(404);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
