/** The conversation engine's promises: nothing twice, nothing half-done, a clear word for bad input. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core/app.js';
import { createIdSource } from '../../src/ids.js';
import { sameJson } from '../../src/core/kernel/people.js';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { createLogger } from '../../src/log.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import { type Chat, type Harness, createHarness, texts } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId);
});
afterEach(() => h.close());

async function startJoin(user = 'amina'): Promise<Chat> {
  const chat = h.chat(user, { locale: 'en' });
  await chat.say(`join ${JOIN_CODE}`);
  await chat.replies();
  return chat;
}

describe('duplicates and stale clicks', () => {
  it('a platform retry of the same delivery acts once', async () => {
    const chat = h.chat('amina', { locale: 'en' });
    const first = await chat.say(`join ${JOIN_CODE}`, 'event-1');
    const retry = await chat.say(`join ${JOIN_CODE}`, 'event-1');
    expect(first.status).toBe('handled');
    expect(retry.status).toBe('duplicate');
    expect(await h.prisma.flowRun.count()).toBe(1);
    expect((await chat.replies()).length).toBe(2);
  });

  it('a second click on an answered question is recognised and changes nothing', async () => {
    const chat = await startJoin();
    const promptId = await chat.lastPromptId();
    await chat.click('mentee', promptId);
    await chat.replies();
    const before = await h.prisma.flowRun.findFirstOrThrow();
    await chat.click('mentor', promptId);
    expect(await chat.text()).toContain('already been answered');
    const after = await h.prisma.flowRun.findFirstOrThrow();
    expect(after).toEqual(before);
    expect((after.answers as Record<string, unknown>).role).toBe('mentee');
  });

  it('two simultaneous clicks on one question: one acts, the other is told', async () => {
    const chat = await startJoin();
    const promptId = await chat.lastPromptId();
    const results = await Promise.all([chat.click('mentee', promptId), chat.click('mentor', promptId)]);
    expect(results.map((r) => r.status)).toEqual(['handled', 'handled']);
    const run = await h.prisma.flowRun.findFirstOrThrow();
    expect(run.stepId).toBe('consent');
    const replies = await chat.replies();
    expect(replies.filter((m) => m.replacesPromptId === promptId)).toHaveLength(1);
    expect(replies.filter((m) => m.text.includes('already been answered'))).toHaveLength(1);
  });

  it('a click from another person’s question does nothing', async () => {
    const amina = await startJoin('amina');
    const promptId = await amina.lastPromptId();
    const yonas = h.chat('yonas', { locale: 'en' });
    await yonas.click('mentor', promptId);
    expect(await yonas.text()).toContain('already been answered');
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('role');
  });
});

describe('resuming after a restart', () => {
  it('a new core on the same database continues where the person was', async () => {
    const chat = await startJoin();
    await chat.click('mentee');
    const promptId = await chat.lastPromptId();
    // A fresh process: new store, ids and core; only the database is shared.
    const ids = createIdSource(() => h.clock.now().getTime());
    const core = createCore({ store: new PrismaStore(h.prisma, { ids, clock: h.clock }), clock: h.clock, ids, texts, log: createLogger('silent'), defaults: { locale: 'nb', timeZone: 'Europe/Oslo' } });
    const result = await core.handleInbound({ dedupeKey: 'after-restart', platform: 'playground', tenant: 'demo', user: { externalId: 'amina' }, event: { kind: 'choice', promptId, values: ['yes'] } });
    expect(result.status).toBe('handled');
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('about');
  });
});

describe('bad input gets a clear message and stores nothing', () => {
  it('an unknown join code', async () => {
    const chat = h.chat('amina', { locale: 'en' });
    await chat.say('join NOPE9999');
    expect(await chat.text()).toContain('NOPE9999');
    expect(await h.prisma.flowRun.count()).toBe(0);
  });

  it('the same in Norwegian', async () => {
    const chat = h.chat('amina', { locale: 'nb' });
    await chat.say('bli med FEIL1234');
    const text = await chat.text();
    expect(text).toContain('FEIL1234');
    expect(text).not.toContain('I found no');
  });

  it('an over-long answer is refused, not cut', async () => {
    const chat = await startJoin();
    await chat.click('mentee');
    await chat.click('yes');
    await chat.replies();
    await chat.submit({ fullName: 'A'.repeat(101), region: 'Oslo', availability: 'flexible' });
    const text = await chat.text();
    expect(text).toContain('too long');
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('about');
  });

  it('an over-long message is refused before anything else', async () => {
    const chat = h.chat('amina', { locale: 'en' });
    await chat.say('x'.repeat(2001));
    expect(await chat.text()).toContain('2,001');
  });

  it('a number typed where a choice was asked', async () => {
    const chat = await startJoin();
    await chat.say('7');
    const text = await chat.text();
    // Without the marks Texts puts around what it interpolates (kernel/rich-text.ts).
    expect(withoutMarks(text)).toContain('Please choose one of these: Mentee: I want a mentor, Mentor: I want to help');
    const run = await h.prisma.flowRun.findFirstOrThrow();
    expect(run.stepId).toBe('role');
    expect(run.answers).toEqual({ programmeName: `Programme ${JOIN_CODE}` });
  });

  it('typing an option’s label works like clicking it', async () => {
    const chat = await startJoin();
    await chat.say('mentee');
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('consent');
  });

  it('a value that is not an option', async () => {
    const chat = await startJoin();
    await chat.click('admin');
    expect(await chat.text()).toContain('options given');
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('role');
  });

  it('a form with missing and invalid fields names each field, in the person’s language', async () => {
    const chat = await startJoin();
    await chat.click('mentee');
    await chat.click('yes');
    await chat.replies();
    const result = await chat.submit({ fullName: '', region: 'Oslo', availability: 'sometimes' });
    expect(result).toMatchObject({ status: 'handled', fieldErrors: { fullName: 'This is required.', availability: 'Please choose one of the options given.' } });
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('about');
    expect(await h.prisma.membership.count({ where: { role: 'mentee' } })).toBe(0);
  });

  it('a number field with words in it', async () => {
    const chat = await startJoin();
    for (const step of [() => chat.click('mentee'), () => chat.click('yes'), () => chat.submit({ fullName: 'A', region: 'B', availability: 'flexible' }), () => chat.submit({ languages: [] }), () => chat.submit({ nb: 'A2' })]) await step();
    const result = await chat.submit({ field: 'it', profession: 'Dev', yearsExperience: 'six' });
    expect(result).toMatchObject({ fieldErrors: { yearsExperience: 'Please write a whole number, like 5.' } });
  });

  it('malformed inbound is rejected at the edge without touching the database', async () => {
    const result = await h.core.handleInbound({ platform: 'playground', tenant: 'demo', user: { externalId: 'x' }, event: { kind: 'text' } });
    expect(result.status).toBe('invalid');
    expect(await h.prisma.person.count({ where: { NOT: { id: { startsWith: 'coord' } } } })).toBe(0);
  });

  it('an unknown organisation is refused', async () => {
    const chat = h.chat('amina', { tenant: 'other-org' });
    expect((await chat.say('help')).status).toBe('unknown-organisation');
  });
});

describe('help and cancel', () => {
  it('help in the middle of a flow says where you are and repeats the question', async () => {
    const chat = await startJoin();
    await chat.say('help');
    const replies = await chat.replies();
    expect(replies[0]?.text).toContain('joining a programme');
    // The earlier copy loses its buttons; the repeated copy carries a new prompt id.
    expect(replies[1]).toMatchObject({ replacesPromptId: expect.any(String) });
    expect(replies[1]?.prompt).toBeUndefined();
    const repeated = replies[2]?.prompt;
    expect(repeated?.spec.kind).toBe('choice');
    expect(repeated?.id).not.toBe(replies[1]?.replacesPromptId);
    await chat.click('mentee', replies[1]?.replacesPromptId);
    expect(await chat.text()).toContain('already been answered');
    await chat.click('mentee', repeated?.id);
    expect((await h.prisma.flowRun.findFirstOrThrow()).stepId).toBe('consent');
  });

  it('cancel stops the flow and stores nothing of it', async () => {
    const chat = await startJoin();
    await chat.click('mentee');
    await chat.say('cancel');
    expect(await chat.text()).toContain('Cancelled');
    expect((await h.prisma.flowRun.findFirstOrThrow()).status).toBe('cancelled');
    expect(await h.prisma.membership.count({ where: { role: 'mentee' } })).toBe(0);
  });

  it('help with no programme explains how to join', async () => {
    const chat = h.chat('new', { locale: 'en' });
    await chat.say('help');
    expect(await chat.text()).toContain('join code');
  });

  it('something the bot does not understand gets a pointer to help', async () => {
    const chat = h.chat('new', { locale: 'nb' });
    await chat.say('hei på deg');
    expect(await chat.text()).toContain('hjelp');
  });

  it('"who has not finished joining" is a query', async () => {
    await startJoin('amina');
    await startJoin('yonas');
    const unfinished = await h.prisma.flowRun.findMany({ where: { organisationId: orgId, flowId: 'join', status: 'active' } });
    expect(unfinished).toHaveLength(2);
  });
});

describe('first contact', () => {
  it('two simultaneous first messages from a new person make one person, and both are answered', async () => {
    const chat = h.chat('newcomer', { locale: 'en' });
    const results = await Promise.all([chat.say('help'), chat.say('help')]);
    expect(results.map((r) => r.status)).toEqual(['handled', 'handled']);
    expect(await h.prisma.channelIdentity.count({ where: { externalUserId: 'newcomer' } })).toBe(1);
    expect(await h.prisma.person.count({ where: { identities: { some: { externalUserId: 'newcomer' } } } })).toBe(1);
    expect((await chat.replies()).length).toBe(2);
  });

  it('an unchanged address in another key order is not rewritten', () => {
    expect(sameJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
    expect(sameJson({ a: 1, skip: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });
});
