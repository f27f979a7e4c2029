/**
 * Escalations reach exactly the programme's coordinators, each in their language, and nobody
 * else; the first coordinator to act takes the card and the other sees who did; the participant
 * is told; a sourceKey never raises twice and a second source adds to the open card; a note is
 * needed to resolve; rematch ends the pair without blame; unshared words reach no coordinator
 * and no log line.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { cardsOf, escalations, raise, seedCast, shownTo } from './escalations-fixtures.js';
import { harnessWithLogs, outbox } from './journey-guide-fixtures.js';
import { said } from './matching-fixtures.js';
import { runJob } from './reflections-fixtures.js';

let h: Harness;
afterEach(() => h.close());

describe('a meeting rated 1 or 2', () => {
  it('reaches both coordinators of the programme in their language, not the other programme’s; Amina is told in Norwegian', async () => {
    h = await createHarness();
    const { orgId, kari, kjersti, per, amina, ola } = await seedCast(h, { amina: 'nb' });
    await runJob(h, orgId, 'reflect', 'meet-1');
    await amina.chat.say('2');

    const [kariCard] = await cardsOf(h, kari.personId);
    const [kjerstiCard] = await cardsOf(h, kjersti.personId);
    expect(kariCard?.title).toBe('Needs a coordinator');
    expect(kariCard?.text).toBe('A meeting was rated 1 or 2.');
    expect(JSON.stringify(kariCard?.sections)).toContain('Ola Nordmann (mentor) and Amina Yusuf (mentee)');
    expect(kariCard?.prompt?.spec.kind === 'choice' && kariCard.prompt.spec.options.map((o) => o.label)).toEqual(['Acknowledge', 'I will call', 'Rematch', 'Resolve with a note']);
    expect(kjerstiCard?.title).toBe('Trenger en koordinator');
    expect(kjerstiCard?.text).toBe('Et møte fikk 1 eller 2.');
    expect(kariCard?.prompt?.id).toBe(kjerstiCard?.prompt?.id); // one shared question
    expect(await cardsOf(h, per.personId)).toEqual([]);
    expect(await cardsOf(h, ola.personId)).toEqual([]);
    expect((await shownTo(h, amina.personId)).join('\n')).toContain('En koordinator i Jobbstart 2027 tar kontakt med deg snart.');

    const [e] = await escalations(h);
    expect(e).toMatchObject({ trigger: 'low-rating', status: 'open', membershipId: amina.membershipId, matchId: 'match-1', level: 0 });
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'escalation:raised' } });
    expect(audit).toMatchObject({ subjectType: 'Escalation', subjectId: e?.id, data: { trigger: 'low-rating', wordsShared: false } });
  });

  it('a rating of 3 raises nothing', async () => {
    h = await createHarness();
    const { orgId, kari, amina } = await seedCast(h);
    await runJob(h, orgId, 'reflect', 'meet-1');
    await amina.chat.say('3');
    expect(await cardsOf(h, kari.personId)).toEqual([]);
    expect(await escalations(h)).toEqual([]);
  });
});

describe('the shared card', () => {
  it('the first coordinator to act takes it; the second is told who did; the taker gets a follow-up; a note resolves it', async () => {
    h = await createHarness();
    const { orgId, kari, kjersti, amina } = await seedCast(h);
    expect(await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' })).toBe(true);
    const cardId = (await cardsOf(h, kari.personId))[0]?.prompt?.id ?? '';
    await kari.chat.click('ack', cardId);
    await kjersti.chat.click('call', cardId);
    expect(await said(kjersti.chat)).toContain('Kari har allerede svart på det');
    const [e] = await escalations(h);
    expect(e).toMatchObject({ status: 'taken', takenById: kari.personId });
    // Every copy of the card lost its buttons and says who took it.
    const replaced = (await outbox(h)).filter((m) => m.message.replacesPromptId === cardId).map((m) => m.message.text);
    expect(replaced.some((t) => t.includes('✓ Answered'))).toBe(true);
    expect(replaced.some((t) => t.includes('Kari'))).toBe(true);
    // …and still says which card it was: the programme and the person it is about stay on it.
    const kjerstiCopy = (await outbox(h)).find((m) => m.personId === kjersti.personId && m.message.replacesPromptId === cardId)?.message;
    expect(kjerstiCopy?.prompt).toBeUndefined();
    expect(JSON.stringify(kjerstiCopy?.sections)).toContain('Amina');

    expect(await said(kari.chat)).toContain('You have taken it');
    await kari.chat.click('resolve'); // the follow-up, for her only
    const empty = await kari.chat.submit({ note: '  ' });
    expect(empty).toMatchObject({ status: 'handled', fieldErrors: { note: expect.any(String) } });
    expect((await escalations(h))[0]?.status).toBe('taken');
    await kari.chat.submit({ note: 'Called Amina, all good now' });
    expect(await escalations(h)).toMatchObject([{ status: 'resolved', resolution: 'resolved', resolvedById: kari.personId, resolutionNote: 'Called Amina, all good now', openKey: null }]);
    // The note lives on the escalation only, not in the question's stored answer.
    expect(JSON.stringify(await h.prisma.openQuestion.findMany())).not.toContain('Called Amina');
    const actions = (await h.prisma.auditEvent.findMany({ where: { subjectType: 'Escalation' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map((a) => a.action);
    expect(actions).toEqual(['escalation:raised', 'escalation:taken', 'escalation:resolved']);
  });

  it('a trigger not from the participant: they are told once a coordinator takes it, by name', async () => {
    h = await createHarness();
    const { orgId, kari, ola } = await seedCast(h);
    await raise(h, orgId, { membershipId: ola.membershipId, trigger: 'no-meetings', sourceKey: 'stalled:match-1:2026-08-01' });
    expect(await shownTo(h, ola.personId)).toEqual([]);
    await kari.chat.click('call', (await cardsOf(h, kari.personId))[0]?.prompt?.id);
    expect((await shownTo(h, ola.personId)).join('\n')).toContain('Kari, a coordinator of Jobbstart 2027, will be in touch with you soon.');
  });

  it('rematch ends the pair without blame and resolves the escalation', async () => {
    h = await createHarness();
    const { orgId, kari, amina } = await seedCast(h);
    await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' });
    await kari.chat.click('rematch', (await cardsOf(h, kari.personId))[0]?.prompt?.id);
    expect(await h.prisma.match.findUniqueOrThrow({ where: { id: 'match-1' } })).toMatchObject({ status: 'ended', endedById: kari.personId });
    expect(await escalations(h)).toMatchObject([{ status: 'resolved', resolution: 'rematch' }]);
    expect(await said(kari.chat)).toContain('The pair has ended without blame');
  });

  it('a coordinator of another programme cannot act on it', async () => {
    h = await createHarness();
    const { orgId, kari, per, amina } = await seedCast(h);
    await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' });
    await per.chat.click('ack', (await cardsOf(h, kari.personId))[0]?.prompt?.id);
    expect((await escalations(h))[0]?.status).toBe('open');
  });
});

describe('idempotency', () => {
  it('the same sourceKey twice makes one card; another source from the same person and trigger adds to it; the partner gets a card of their own', async () => {
    h = await createHarness();
    const { orgId, kari, kjersti, amina, ola } = await seedCast(h);
    expect(await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' })).toBe(true);
    expect(await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' })).toBe(false);
    expect(await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-2:amina' })).toBe(true);
    expect(await escalations(h)).toHaveLength(1);
    expect(await h.prisma.escalationSource.count()).toBe(2);
    expect(await cardsOf(h, kari.personId)).toHaveLength(1);
    expect((await shownTo(h, kari.personId)).at(-1)).toContain('Another signal for an escalation you have');
    expect((await shownTo(h, kjersti.personId)).at(-1)).toContain('Et nytt signal');
    // Ola's own low rating of the same meeting is never added to the card about Amina.
    expect(await raise(h, orgId, { membershipId: ola.membershipId, sourceKey: 'rating:meet-1:ola' })).toBe(true);
    expect(await escalations(h)).toHaveLength(2);
    expect(await cardsOf(h, kari.personId)).toHaveLength(2);
  });
});

describe('privacy', () => {
  it('words shared with the partner reach the coordinators as a concern only; words asked with reach them; no log line carries either', async () => {
    const withLogs = await harnessWithLogs();
    h = withLogs.h;
    const { orgId, kari, per, amina } = await seedCast(h);
    await runJob(h, orgId, 'reflect', 'meet-1');
    await amina.chat.say('4');
    await amina.chat.submit({ useful: "Secret-OKAPI. I feel like I'm wasting my time … I already want to quit everything", focus: '', workOn: '' });
    await amina.chat.click('share');
    const [card] = await cardsOf(h, kari.personId);
    expect(card?.text).toContain('What the words signal: wanting to quit, feeling it is a waste of time');
    expect(await escalations(h)).toMatchObject([{ trigger: 'words', concerns: ['quit', 'wasted-time'] }]);

    await amina.chat.say('talk to a coordinator');
    expect(await said(amina.chat)).toContain('A coordinator of Jobbstart 2027 will read what you write here');
    await amina.chat.submit({ about: 'Shared-ZEBRA: he told my colleagues what I said' });
    const helpCard = (await cardsOf(h, kari.personId)).at(-1);
    // The words asked with are read by the same rules as any shared words.
    expect(helpCard?.text).toBe('A participant asked to talk to a coordinator.\nWhat the words signal: a breach of confidentiality');
    expect(JSON.stringify(helpCard?.sections)).toContain('Shared-ZEBRA');

    const toCoordinators = (await outbox(h)).filter((m) => m.personId !== amina.personId && m.personId !== 'p-ola').map((m) => m.json).join('\n');
    expect(toCoordinators).not.toContain('OKAPI');
    expect((await shownTo(h, per.personId)).join('\n')).not.toContain('ZEBRA');
    expect(JSON.stringify(await h.prisma.openQuestion.findMany())).not.toContain('ZEBRA');
    expect(JSON.stringify(await h.prisma.flowRun.findMany())).not.toContain('ZEBRA');
    expect(JSON.stringify(await h.prisma.auditEvent.findMany())).not.toMatch(/ZEBRA|OKAPI/);
    expect(withLogs.logs.join('\n')).not.toMatch(/ZEBRA|OKAPI|wasting/);
  });
});
