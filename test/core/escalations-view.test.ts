/**
 * `escalations` shows a coordinator the open and taken escalations of her programmes only, never
 * words; a mentor, a mentee and a coordinator of another programme see none of them. `talk to a
 * coordinator` reaches the coordinators of the programme the person chooses, and tells a person in
 * no programme so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { cardsOf, escalations, PROG2, raise, seedCast } from './escalations-fixtures.js';
import type { Chat } from '../support/harness.js';
import { menteeProfile, said, seedMember, shown } from './matching-fixtures.js';

/** Everything the chat was shown since it last looked. */
const view = async (chat: Chat) => (await chat.replies()).map(shown).join('\n');

let h: Harness;
afterEach(() => h.close());

describe('escalations (the coordinators’ list)', () => {
  it('lists her programmes’ escalations with who took them and no words; nobody else sees them', async () => {
    h = await createHarness();
    const { orgId, kari, kjersti, per, ola, amina } = await seedCast(h);
    await raise(h, orgId, { membershipId: amina.membershipId, trigger: 'asked-for-help', sharedWords: 'Private-TAPIR words', sourceKey: 'help:1' });
    await raise(h, orgId, { membershipId: ola.membershipId, trigger: 'no-meetings', sourceKey: 'stalled:match-1:x' });
    await kjersti.chat.click('ack', (await cardsOf(h, kjersti.personId)).at(-1)?.prompt?.id);
    await said(kari.chat);

    await kari.chat.say('escalations');
    const list = await view(kari.chat);
    expect(list).toContain('2 escalations are not resolved yet.');
    expect(list).toContain('Ola Nordmann (mentor) and Amina Yusuf (mentee): A participant asked to talk to a coordinator. Today. Not taken yet (sent once).');
    expect(list).toContain('The pair has not met for twice their agreed interval. Today. Taken by Kjersti.');
    expect(list).not.toContain('TAPIR');
    await kjersti.chat.say('eskaleringer');
    expect(await view(kjersti.chat)).toContain('2 eskaleringer er ikke løst ennå.');

    await per.chat.say('escalations');
    const perSees = await view(per.chat);
    expect(perSees).toContain('No open escalations in your programmes.');
    expect(perSees).not.toContain('Amina');
    for (const chat of [ola.chat, amina.chat]) {
      await said(chat);
      await chat.say('escalations');
      const reply = await view(chat);
      expect(reply).not.toContain('escalations are not resolved');
      expect(reply).not.toContain('TAPIR');
    }
  });
});

describe('talk to a coordinator', () => {
  it('a person in two programmes chooses which; only that programme’s coordinator gets it', async () => {
    h = await createHarness();
    const { orgId, kari, per, amina } = await seedCast(h);
    await seedMember(h, orgId, 'amina', 'mentee', menteeProfile(), 'en', PROG2);
    await amina.chat.say('i need help from a coordinator');
    await amina.chat.click(PROG2);
    await amina.chat.submit({ about: '' });
    expect(await cardsOf(h, kari.personId)).toEqual([]);
    const [card] = await cardsOf(h, per.personId);
    expect(card?.text).toBe('A participant asked to talk to a coordinator.');
    // No words shared, no pair there: no words section, no Rematch.
    expect(card?.sections).toHaveLength(1);
    expect(card?.prompt?.spec.kind === 'choice' && card.prompt.spec.options.map((o) => o.value)).toEqual(['ack', 'call', 'resolve']);
    expect(await escalations(h)).toMatchObject([{ programmeId: PROG2, matchId: null, trigger: 'asked-for-help' }]);
    expect(await said(amina.chat)).toContain('A coordinator of Språkvenn will be in touch with you soon.');
  });

  it('in Norwegian; a person in no programme is told so', async () => {
    h = await createHarness();
    const { kari, amina } = await seedCast(h, { amina: 'nb' });
    await amina.chat.say('snakk med en koordinator');
    expect(await said(amina.chat)).toContain('En koordinator i Jobbstart 2027 leser det du skriver her.');
    await amina.chat.submit({ about: 'Jeg vil slutte' });
    expect(await escalations(h)).toMatchObject([{ trigger: 'asked-for-help', matchId: 'match-1' }]);
    expect(JSON.stringify(await cardsOf(h, kari.personId))).toContain('Jeg vil slutte');

    const stranger = h.chat('stranger', { locale: 'en' });
    await stranger.say('talk to a coordinator');
    expect(await said(stranger)).toContain('You are not in a programme');
  });
});
