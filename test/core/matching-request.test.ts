/**
 * A request over time and under pressure: reminded once half-way, expired at the deadline (the
 * mentee chooses again), an accepted one is not reminded; the last place asked for twice; and
 * training gating suggestions where the programme requires it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { DAY, jobRunner, lastAsk, matchesOf, menteeProfile, mentorProfile, PROG, said, type Seeded, seedMatchingProgramme, seedMember } from './matching-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

/** The mentee asks the mentor named on one of her buttons. */
async function ask(mentee: Seeded, name: string): Promise<void> {
  await mentee.chat.say('mentors');
  const offer = await lastAsk(mentee.chat);
  const i = offer.labels.indexOf(`Ask ${name}`);
  expect(i).toBeGreaterThanOrEqual(0);
  await mentee.chat.click(offer.values[i]!, offer.id);
}

describe('reminder and expiry', () => {
  it('reminds the mentor once half-way, then expires: the mentee is told and offered others', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { region: 'Bergen' }));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await ask(amina, 'Ola Nordmann');
    const request = await lastAsk(ola.chat);
    await ola.chat.replies();
    await amina.chat.replies();
    const runner = jobRunner(h);

    h.clock.advance(3 * DAY);
    expect(await runner.kick()).toBe(0);
    h.clock.advance(DAY / 2);
    expect(await runner.kick()).toBe(1);
    expect(await said(ola.chat)).toContain('A reminder: Amina Yusuf is waiting for your answer');
    expect(await runner.kick()).toBe(0);

    h.clock.advance(3.5 * DAY);
    expect(await runner.kick()).toBe(1);
    expect(await runner.kick()).toBe(0);
    // Ola's request expired, Per passed over then, and Per suggested again now.
    expect((await matchesOf(h, amina.membershipId)).map((m) => m.status)).toEqual(['expired', 'passed', 'suggested']);
    expect(await said(amina.chat)).toContain('Ola Nordmann did not answer in time');
    expect((await lastAsk(amina.chat)).labels).toEqual(['Ask Per Hansen', 'Show me others']);
    expect(await said(ola.chat)).toContain('Expired without an answer');
    // Too late: nothing changes.
    await ola.chat.click('accept', request.id);
    expect(await said(ola.chat)).toContain('has expired');
    expect((await matchesOf(h, amina.membershipId))[0]?.status).toBe('expired');
  });

  it('a request answered in time is not reminded', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await ask(amina, 'Ola Nordmann');
    await ola.chat.click('accept', (await lastAsk(ola.chat)).id);
    await ola.chat.replies();
    h.clock.advance(8 * DAY);
    const runner = jobRunner(h);
    await runner.kick();
    // The pair's first check-in (day 7, checkins feature) is due by now; nothing else is.
    expect((await ola.chat.replies()).filter((m) => m.title !== 'Check-in: your first weeks')).toEqual([]);
    expect((await matchesOf(h, amina.membershipId))[0]?.status).toBe('active');
  });
});

describe('the last place', () => {
  it('asked by two mentees: the first accepted gets it, the second is asked to choose again', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 1 }));
    await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { region: 'Bergen' }));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    const lina = await seedMember(h, orgId, 'lina', 'mentee', menteeProfile({ fullName: 'Lina Haddad' }));
    await ask(amina, 'Ola Nordmann');
    await ask(lina, 'Ola Nordmann');
    const [first, second] = (await ola.chat.all()).filter((m) => m.prompt).map((m) => m.prompt!.id);
    await ola.chat.click('accept', first);
    await ola.chat.replies();
    await lina.chat.replies();
    await ola.chat.click('accept', second);
    expect(await said(ola.chat)).toContain('You have no free place left, so Lina Haddad could not be added');
    expect(await said(lina.chat)).toContain('Ola Nordmann has no free place right now');
    expect((await lastAsk(lina.chat)).labels).toEqual(['Ask Per Hansen', 'Show me others']);
    expect(await h.prisma.match.count({ where: { mentorMembershipId: ola.membershipId, status: 'active' } })).toBe(1);
    expect((await matchesOf(h, lina.membershipId)).find((m) => m.mentorMembershipId === ola.membershipId)?.status).toBe('withdrawn');
  });
});

describe('training before matching', () => {
  it('a programme that requires training suggests nobody until it is done (a workshop counts)', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    // The mentor has done his (an untrained mentor is suggested to nobody there: matching-lifecycle.test.ts).
    await h.store.transaction((r) =>
      r.training.record({ id: 'tr0', organisationId: orgId, programmeId: PROG, membershipId: ola.membershipId, moduleId: 'workshop', via: 'workshop', recordedById: 'p-kari', completedAt: h.clock.now() }),
    );
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile(), 'nb');
    await h.store.transaction((r) => r.matchingSettings.save(orgId, { programmeId: PROG, trainingRequired: true, excludeSameEmployer: false, weights: {}, requestDays: 7 }));
    await amina.chat.say('mentorer');
    expect(await said(amina.chat)).toMatch(/ber deg ta opplæringen før du får en mentor\. Du har \d+ moduler? igjen/);
    expect(await h.prisma.match.count()).toBe(0);

    await h.store.transaction((r) =>
      r.training.record({ id: 'tr1', organisationId: orgId, programmeId: PROG, membershipId: amina.membershipId, moduleId: 'workshop', via: 'workshop', recordedById: 'p-kari', completedAt: h.clock.now() }),
    );
    await amina.chat.say('mentorer');
    expect((await lastAsk(amina.chat)).labels).toEqual(['Spør Ola Nordmann', 'Vis meg andre']);
  });
});
