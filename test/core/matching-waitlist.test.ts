/**
 * The waitlist and a mentor's places: told honestly why she waits, offered as soon as a mentor
 * who fits joins or a place frees up (in waiting order), a mentor's capacity never set below the
 * mentees they have, pausing, and suggestions straight after a mentee finishes joining.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { joinAsMentee, joinAsMentor } from './profile-fixtures.js';
import { DAY, lastAsk, matchesOf, menteeProfile, mentorProfile, said, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

const waiting = () => h.prisma.waitlistEntry.findMany({ orderBy: { since: 'asc' } });

/** A mentee who only speaks Tigrinya well, and has nothing else in common with the mentors. */
const yonasProfile = () =>
  menteeProfile({
    fullName: 'Yonas Tesfay',
    languages: [
      { code: 'nb', level: 'A1' },
      { code: 'ti', level: 'native' },
    ],
    field: 'other',
    profession: 'Carpenter',
    region: 'Tromsø',
    availability: null,
    goals: ['Finish my apprenticeship'],
    helpWanted: 'Woodwork certificate',
  });

/** Ola has one place, taken by another mentee. */
async function olaFull() {
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 1 }));
  const other = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara' }));
  await h.prisma.match.create({ data: { id: 'm-active', organisationId: orgId, programmeId: 'prog', mentorMembershipId: ola.membershipId, menteeMembershipId: other.membershipId, status: 'active', origin: 'direct', startedAt: h.clock.now(), createdAt: h.clock.now() } });
  return ola;
}

describe('the waitlist', () => {
  it('no mentor with her language: told so honestly, then offered when a mentor who speaks it joins', async () => {
    // A mentor with Norwegian below C1 offers no practice (score.ts), so only a shared language could make a fit.
    const english = [
      { code: 'nb', level: 'B2' as const },
      { code: 'en', level: 'fluent' as const },
    ];
    await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { languages: english }));
    const yonas = await seedMember(h, orgId, 'yonas', 'mentee', yonasProfile());
    await yonas.chat.say('mentors');
    const told = await said(yonas.chat);
    expect(told).toContain('no mentor in the programme yet speaks a language you know well enough');
    expect(told).toContain('You are on the waitlist for Jobbstart 2027');
    expect(await waiting()).toMatchObject([{ membershipId: yonas.membershipId, reason: 'noLanguage', offeredAt: null }]);

    const dawit = h.chat('dawit', { locale: 'en' });
    await joinAsMentor(dawit, 'JOBB2027', { name: 'Dawit Kidane', languages: ['ti'], levels: { nb: 'native', ti: 'native' } });
    const offer = await lastAsk(yonas.chat);
    expect(offer.labels).toEqual(['Ask Dawit Kidane', 'Show me others']);
    expect(shown(offer.message)).toContain('You both speak Tigrinya');
    expect((await waiting())[0]?.offeredAt).not.toBeNull();
  });

  it('every place taken: waitlisted with that reason, offered when the mentor raises their capacity, never below what they have', async () => {
    const ola = await olaFull();
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    expect(await said(amina.chat)).toContain("every mentor's places are taken");
    expect(await waiting()).toMatchObject([{ reason: 'noPlaces' }]);

    await ola.chat.say('capacity');
    expect(await said(ola.chat)).toContain('You have room for 1 mentee, and have 1 now');
    await ola.chat.submit({ capacity: '0', accepting: 'yes' });
    expect(await said(ola.chat)).toContain('You have 1 mentee now, so your places cannot be fewer than that');
    expect((await h.prisma.membership.findUniqueOrThrow({ where: { id: ola.membershipId } })).capacity).toBe(1);
    await amina.chat.replies();

    await ola.chat.submit({ capacity: '2', accepting: 'yes' });
    expect(await said(ola.chat)).toContain('Saved: room for 2 mentees');
    expect((await h.prisma.membership.findUniqueOrThrow({ where: { id: ola.membershipId } })).capacity).toBe(2);
    expect((await lastAsk(amina.chat)).labels).toEqual(['Ask Ola Nordmann', 'Show me others']);
  });

  it('a paused mentor is suggested to nobody, and resuming offers the place to whoever waits', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 1 }), 'nb');
    await ola.chat.say('kapasitet');
    await ola.chat.submit({ capacity: '1', accepting: 'no' });
    expect(await said(ola.chat)).toContain('Du har pause');
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    expect(await said(amina.chat)).toContain('You are on the waitlist');
    await ola.chat.say('kapasitet');
    await ola.chat.submit({ capacity: '1', accepting: 'yes' });
    expect((await lastAsk(amina.chat)).labels).toEqual(['Ask Ola Nordmann', 'Show me others']);
  });

  it('a freed place goes to who has waited longest; the others wait on, without being told again', async () => {
    const ola = await olaFull();
    const first = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    const second = await seedMember(h, orgId, 'lina', 'mentee', menteeProfile({ fullName: 'Lina' }));
    await first.chat.say('mentors');
    h.clock.advance(DAY);
    await second.chat.say('mentors');
    await first.chat.replies();
    await second.chat.replies();
    await ola.chat.say('capacity');
    await ola.chat.submit({ capacity: '2', accepting: 'yes' });
    expect((await lastAsk(first.chat)).labels).toEqual(['Ask Ola Nordmann', 'Show me others']);
    expect(await second.chat.replies()).toEqual([]);
    expect((await matchesOf(h, second.membershipId)).length).toBe(0);
    expect((await waiting()).map((w) => [w.membershipId, w.offeredAt !== null])).toEqual([
      [first.membershipId, true],
      [second.membershipId, false],
    ]);
  });
});

describe('after joining', () => {
  it('a mentee gets her suggestions as soon as her profile is done', async () => {
    await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, 'JOBB2027');
    const offer = await lastAsk(amina);
    expect(offer.labels).toEqual(['Ask Ola Nordmann', 'Show me others']);
    expect(await h.prisma.match.count({ where: { status: 'suggested' } })).toBe(1);
  });

  it('a mentee who joins before any mentor is told she waits for one', async () => {
    const amina = h.chat('amina', { locale: 'nb' });
    await amina.say('bli med JOBB2027');
    await amina.click('mentee');
    await amina.click('yes');
    const { fillProfile } = await import('./profile-fixtures.js');
    await fillProfile(amina, 'mentee');
    expect((await amina.text()).replaceAll('*', '')).toContain('ingen mentorer har blitt med i programmet ennå');
    expect(await waiting()).toMatchObject([{ reason: 'noPlaces' }]);
  });
});
