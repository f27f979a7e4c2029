/**
 * Re-escalation after 24 working hours (Mon–Fri 08–16 in the coordinators' zone): not before,
 * counted across a weekend and a clock change; then sent again to the coordinators and to the
 * organisation's fallback person, each step audited; never once it is taken.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingHours } from '../../src/core/features/escalations/working-hours.js';
import { type Harness, createHarness } from '../support/harness.js';
import { cardsOf, escalations, raise, seedCast } from './escalations-fixtures.js';
import { jobRunner, said } from './matching-fixtures.js';

describe('addWorkingHours', () => {
  it('counts Monday to Friday 08–16 in Oslo, across a weekend', () => {
    // Thursday 14:00 Oslo (summer time) + 24 h: Thu 2 + Fri 8 + Mon 8 + Tue 6 → Tuesday 14:00.
    expect(addWorkingHours(new Date('2026-09-03T12:00:00Z'), 24, 'Europe/Oslo').toISOString()).toBe('2026-09-08T12:00:00.000Z');
    // Raised on Saturday: counting starts Monday 08:00.
    expect(addWorkingHours(new Date('2026-09-05T10:00:00Z'), 8, 'Europe/Oslo').toISOString()).toBe('2026-09-07T14:00:00.000Z');
    // Raised at 07:00 on a Tuesday: counting starts at 08:00.
    expect(addWorkingHours(new Date('2026-09-01T05:00:00Z'), 1, 'Europe/Oslo').toISOString()).toBe('2026-09-01T07:00:00.000Z');
  });

  it('keeps the working day on the wall clock when the clocks change', () => {
    // Friday 23 October 2026 14:00 CEST; summer time ends on Sunday 25: Fri 2 + Mon 8 + Tue 8 + Wed 6 → Wednesday 14:00 CET.
    expect(addWorkingHours(new Date('2026-10-23T12:00:00Z'), 24, 'Europe/Oslo').toISOString()).toBe('2026-10-28T13:00:00.000Z');
    // Friday 26 March 2027 15:00 CET; summer time starts on Sunday 28: Fri 1 + Mon 7 → Monday 15:00 CEST.
    expect(addWorkingHours(new Date('2027-03-26T14:00:00Z'), 8, 'Europe/Oslo').toISOString()).toBe('2027-03-29T13:00:00.000Z');
    // Another zone counts in its own wall clock.
    expect(addWorkingHours(new Date('2026-09-01T03:30:00Z'), 1, 'Asia/Kabul').toISOString()).toBe('2026-09-01T04:30:00.000Z');
  });
});

let h: Harness;
afterEach(() => h?.close());

describe('an escalation nobody takes', () => {
  it('is sent again after 24 working hours, not before, to the coordinators and the fallback person; stops once taken', async () => {
    h = await createHarness();
    const { orgId, kari, kjersti, per, amina } = await seedCast(h);
    // Kari names Per (who coordinates the other programme) as the organisation's fallback person.
    await kari.chat.say('escalation fallback');
    await kari.chat.click('p-per');
    expect(await said(kari.chat)).toContain('Per now also gets escalations nobody took in time.');
    expect(await h.prisma.escalationSettings.findFirst()).toMatchObject({ fallbackPersonId: per.personId });

    h.clock.set(new Date('2026-09-03T12:00:00Z')); // Thursday 14:00 in Oslo
    await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' });
    const firstCard = (await cardsOf(h, kari.personId))[0]?.prompt?.id;

    h.clock.set(new Date('2026-09-08T11:59:00Z')); // Tuesday 13:59: one working minute short
    await jobRunner(h).runDue();
    expect(await cardsOf(h, per.personId)).toEqual([]);
    expect((await escalations(h))[0]?.level).toBe(0);

    h.clock.set(new Date('2026-09-08T12:00:00Z'));
    await jobRunner(h).runDue();
    const [again] = await cardsOf(h, per.personId);
    expect(again?.title).toBe('Needs a coordinator — sent again, nobody has taken it yet');
    expect(JSON.stringify(again?.sections)).toContain('Amina Yusuf');
    expect(await cardsOf(h, kari.personId)).toHaveLength(2);
    expect((await cardsOf(h, kjersti.personId)).at(-1)?.title).toBe('Trenger en koordinator — sendt igjen, ingen har tatt den ennå');
    expect((await escalations(h))[0]).toMatchObject({ level: 1, status: 'open' });
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'escalation:re-escalated' } });
    expect(audit.data).toMatchObject({ level: 1, fallback: true, audience: 3 });

    // The first card can no longer be acted on.
    await kari.chat.click('ack', firstCard);
    expect(await said(kari.chat)).toContain('no longer open');
    // The fallback person takes it; nothing is sent again after that.
    await per.chat.click('ack', again?.prompt?.id);
    expect((await escalations(h))[0]).toMatchObject({ status: 'taken', takenById: per.personId });
    h.clock.set(new Date('2026-09-20T12:00:00Z'));
    await jobRunner(h).runDue();
    expect(await cardsOf(h, per.personId)).toHaveLength(1);
    expect(await h.prisma.auditEvent.count({ where: { action: 'escalation:re-escalated' } })).toBe(1);
  });

  it('only coordinators and organisers may name the fallback person', async () => {
    h = await createHarness();
    const { ola } = await seedCast(h);
    await ola.chat.say('escalation fallback');
    expect(await said(ola.chat)).toContain('Only the organisation');
    expect(await h.prisma.escalationSettings.count()).toBe(0);
  });
});
