/**
 * A programme always keeps a coordinator: the last one cannot leave (she is told, in words, to
 * invite a co-coordinator or close the programme first). Coordinators are told when someone
 * leaves, as when someone joins, without the name or anything else the leaving erased.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';
import { joinAsMentee } from './profile-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId); // Kari is its only coordinator, and reads Norwegian
});
afterEach(() => h.close());

/** The text without the marks around parameters (kernel/rich-text.ts: their *…* is not emphasis). */
const plain = (text: string | undefined) => (text ?? '').replace(/[\u2066-\u2069\ue000-\ue0ff]/g, '');

describe('coordinators and leaving', () => {
  it('the last coordinator cannot leave, and is told what to do instead', async () => {
    const kari = h.chat('kari');
    await kari.say('forlat');
    const said = await kari.text();
    expect(said).toContain('eneste koordinatoren');
    expect(said).toContain('inviter koordinator');
    expect(said).toContain('avslutt program');
    expect((await kari.all()).some((m) => m.prompt)).toBe(false);
    const membership = await h.prisma.membership.findFirstOrThrow({ where: { role: 'coordinator' } });
    expect(membership).toMatchObject({ status: 'active', leftAt: null, fullName: 'Kari' });
  });

  it('a coordinator with a co-coordinator can leave, and the other is told', async () => {
    await h.store.transaction(async (r) => {
      await r.people.create({ id: 'per', organisationId: orgId, displayName: 'Per', locale: 'en', timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: 'per-id', organisationId: orgId, personId: 'per', platform: 'playground', externalUserId: 'per', address: null });
      await r.memberships.create({ id: 'coord-per', organisationId: orgId, programmeId: 'prog', personId: 'per', role: 'coordinator', status: 'active', consentedAt: null, consentVersion: null, profileDoneAt: null, profile: { fullName: 'Per', languages: [], field: null, profession: null, yearsExperience: null, region: null, availability: null, goals: [], helpWanted: null, offer: null, capacity: null }, joinedAt: new Date(), leftAt: null });
    });
    const per = h.chat('per', { locale: 'en' });
    await per.say('leave');
    await per.click('yes');
    expect(await per.text()).toContain('You have left');
    expect(await h.prisma.membership.findUniqueOrThrow({ where: { id: 'coord-per' } })).toMatchObject({ status: 'left' });
    const kariGot = await h.chat('kari').all();
    expect(plain(kariGot.at(-1)?.text)).toMatch(/^En koordinator som ble med .+, har meldt seg ut av Programme ABCD2345\..* står vedkommende nå som Tidligere deltaker \(PER\)\.$/);
    // Now Kari is the last one again.
    const kari = h.chat('kari');
    await kari.say('forlat');
    expect(await kari.text()).toContain('eneste koordinatoren');
  });

  it('coordinators are told when a mentee leaves, with role and date but without her name', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, JOIN_CODE, { name: 'Amina Testesen' });
    // Delivered (erasure leaves a message that may be on its way alone), then a minute passes.
    await h.prisma.outboxMessage.updateMany({ where: { status: 'pending' }, data: { status: 'sent', sentAt: h.clock.now() } });
    h.clock.advance(60_000);
    const confirm = async () => {
      await amina.say('leave');
      return (await amina.lastPrompt()).id;
    };
    await confirm();
    expect((await amina.all()).at(-1)?.text).toContain('without your name');
    await amina.click('yes');
    const notice = plain((await h.chat('kari').all()).at(-1)?.text);
    expect(notice).toMatch(/^En mentee som ble med .+ 2026, har meldt seg ut av Programme ABCD2345\..* står vedkommende nå som Tidligere deltaker \([0-9A-Z]{4}\)\.$/);
    expect(notice).not.toContain('Amina');
    // The notice is a new copy: it must not bring back what leaving erased.
    const copies = await h.prisma.outboxMessage.findMany();
    expect(copies.filter((c) => JSON.stringify(c.payload).includes('Amina Testesen'))).toEqual([]);
  });
});
