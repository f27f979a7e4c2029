/**
 * After a planned meeting: the reminder the day before to both in their language; an hour after
 * its end the mentee is asked whether it happened; "as planned" asks the mentor to confirm, and
 * only then is it held (who logged, who confirmed); the reflection is scheduled. `log meeting`
 * for one not planned: a future time refused, the same meeting logged twice stored once.
 * `meetings` lists them for the pair only.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingFacts } from '../../src/core/features/meetings/index.js';
import { type Harness, createHarness } from '../support/harness.js';
import { card, seedPair } from './journey-guide-fixtures.js';
import { DAY, jobRunner, said } from './matching-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const FORM = { date: '2026-09-10', time: '17:00', minutes: '90', mode: 'online', place: 'https://meet.example/abc' };
const one = async () => (await h.prisma.meeting.findMany())[0];

describe('a meeting that happened', () => {
  it('reminder the day before; asked after it; held once the mentor confirms; reflection scheduled', async () => {
    const pair = await seedPair(h, { ola: 'nb', amina: 'en' });
    const { ola, amina } = pair;
    await amina.chat.say('meeting');
    await amina.chat.submit(FORM);
    await ola.chat.click('accept');
    await said(amina.chat);
    await said(ola.chat);
    h.clock.set(new Date('2026-09-09T15:00:00Z')); // the day before, 17:00 in Oslo
    await jobRunner(h).runDue();
    expect(await said(amina.chat)).toContain('Reminder: you meet Ola Nordmann tomorrow');
    expect(await said(ola.chat)).toContain('Påminnelse: du møter Amina');
    h.clock.set(new Date('2026-09-10T17:31:00Z')); // an hour after the end (18:30 Oslo)
    await jobRunner(h).runDue();
    const ask = await card(amina.chat);
    expect(ask.text).toContain('Did your meeting on');
    expect(await said(ola.chat)).not.toContain('Ble møtet');
    await amina.chat.click('held');
    expect(await one()).toMatchObject({ status: 'planned', loggedById: pair.amina.membershipId, confirmedById: null });
    expect((await h.prisma.scheduledJob.findMany({ where: { kind: 'reflections.reflect' } })).map((j) => j.uniqueKey)).toEqual([`reflect:${(await one())?.id}`]);
    expect((await card(ola.chat)).text).toContain('sier at dere møttes');
    await ola.chat.click('confirm');
    const held = await one();
    expect(held).toMatchObject({ status: 'held', loggedById: pair.amina.membershipId, confirmedById: pair.ola.membershipId });
    expect(held?.confirmedAt).toBeInstanceOf(Date);
    expect(await said(amina.chat)).toContain('is logged as held');
    const facts = await h.core.units.forOrganisation(pair.orgId, (work) => meetingFacts(work, 'match-1'));
    expect(facts).toEqual({ planned: 0, held: 1, lastHeldAt: new Date('2026-09-10T15:00:00Z'), nextAt: null });
  });

  it('log meeting: a future time refused; the same meeting logged twice stored once; the other side confirms or says no', async () => {
    const pair = await seedPair(h, { ola: 'nb', amina: 'en' });
    const { ola, amina } = pair;
    await ola.chat.say('logg møte');
    const future = await ola.chat.submit({ date: '2026-09-02', time: '10:00', minutes: '60', mode: 'in-person' });
    expect(future).toMatchObject({ fieldErrors: { date: expect.stringContaining('ikke kommet') } });
    await ola.chat.submit({ date: '2026-08-30', time: '10:00', minutes: '60', mode: 'in-person' });
    await ola.chat.say('logg møte');
    await ola.chat.submit({ date: '2026-08-30', time: '10:00', minutes: '60', mode: 'in-person' });
    expect(await said(ola.chat)).toContain('allerede registrert');
    expect(await h.prisma.meeting.count()).toBe(1);
    // She logs it too: that is her confirmation.
    await amina.chat.say('log meeting');
    await amina.chat.submit({ date: '2026-08-30', time: '10:00', minutes: '60', mode: 'in-person' });
    expect(await h.prisma.meeting.count()).toBe(1);
    expect(await one()).toMatchObject({ status: 'held', loggedById: pair.ola.membershipId, confirmedById: pair.amina.membershipId });

    await amina.chat.say('log meeting');
    await amina.chat.submit({ date: '2026-08-25', time: '09:00', minutes: '30', mode: 'online' });
    await ola.chat.click('not');
    const rows = await h.prisma.meeting.findMany({ orderBy: { startsAt: 'asc' } });
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'held']);
    expect(await said(amina.chat)).toContain('did not happen');
  });

  it('meetings: the pair sees theirs in their own time zone; a coordinator sees none', async () => {
    const { ola, amina, kari } = await seedPair(h, { ola: 'nb', amina: 'en' });
    await amina.chat.say('meeting');
    await amina.chat.submit(FORM);
    await h.prisma.person.update({ where: { id: ola.personId }, data: { timeZone: 'Europe/London' } });
    await ola.chat.say('møter');
    const list = (await ola.chat.all()).at(-1);
    expect(list?.text).toContain('Møtene dine med Amina');
    expect(list?.sections?.[0]?.text).toContain('16:00'); // 17:00 in Oslo is 16:00 in London
    expect(list?.sections?.[0]?.text).toContain('foreslått');
    await kari.chat.say('meetings');
    expect(await said(kari.chat)).not.toContain('meet.example');
    h.clock.advance(30 * DAY);
  });
});
