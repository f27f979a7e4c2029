/**
 * Where matching meets the rest of the programme: joining a programme that asks for training
 * first offers the training (not suggestions); a mentor is suggested only once trained there, and
 * the waitlist hears when one is; a pair's start schedules the training's follow-ups for both;
 * a mentor who leaves while his card is in a mentee's hand leaves her fresh suggestions.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { jobRunner, lastAsk, menteeProfile, mentorProfile, PROG, said, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';
import { joinAsMentee } from './profile-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

const requireTraining = () => h.store.transaction((r) => r.matchingSettings.save(orgId, { programmeId: PROG, trainingRequired: true, excludeSameEmployer: false, weights: {}, requestDays: 7 }));
const workshop = (membershipId: string) =>
  h.store.transaction((r) => r.training.record({ id: `tr-${membershipId}`, organisationId: orgId, programmeId: PROG, membershipId, moduleId: 'workshop', via: 'workshop', recordedById: 'p-kari', completedAt: h.clock.now() }));

describe('matching with the rest of the programme', () => {
  it('joining where training comes first offers the training, not suggestions', async () => {
    await requireTraining();
    await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    await workshop('m-prog-ola');
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, 'JOBB2027', { name: 'Amina Yusuf' });
    expect((await amina.all()).map(shown).join('\n')).toContain('asks mentors and mentees to take a short training before matching');
    const offer = await lastAsk(amina);
    expect(offer.labels).toEqual(['Start the training']);
    expect(await h.prisma.match.count()).toBe(0);
  });

  it('an untrained mentor is suggested to nobody; once trained, the waiting mentee is offered him', async () => {
    await requireTraining();
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await workshop(amina.membershipId);
    await amina.chat.say('mentors');
    expect(await said(amina.chat)).toContain('You are on the waitlist');
    expect(await h.prisma.waitlistEntry.count()).toBe(1);

    // Kari records Ola's workshop through chat; his training is then complete.
    const kari = h.chat('kari', { locale: 'en' });
    await kari.say('record workshop');
    const tick = (await kari.lastPrompt()).spec;
    const olaOption = tick.kind === 'multi' ? tick.options.find((o) => o.label.includes('Ola')) : undefined;
    expect(olaOption).toBeDefined();
    await kari.click([olaOption!.value]);
    const offer = await lastAsk(amina.chat);
    expect(offer.labels[0]).toBe('Ask Ola Nordmann');
    expect(await h.prisma.match.findMany({ where: { status: 'suggested' }, select: { mentorMembershipId: true } })).toEqual([{ mentorMembershipId: ola.membershipId }]);
  });

  it('a pair that starts gets the follow-up training at three and eight months, both of them', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    const choose = await lastAsk(amina.chat);
    await amina.chat.click(choose.values[0]!, choose.id);
    const request = await lastAsk(ola.chat);
    const start = h.clock.now();
    await ola.chat.click('accept', request.id);
    const jobs = await h.prisma.scheduledJob.findMany({ where: { kind: 'training.offer-follow-up' } });
    const months = (d: Date) => Math.round((d.getTime() - start.getTime()) / (30.44 * 86_400_000));
    const planned = jobs.map((j) => `${(j.payload as { membershipId: string }).membershipId} +${months(j.dueAt)}`).sort();
    expect(planned).toEqual([`${amina.membershipId} +3`, `${amina.membershipId} +8`, `${ola.membershipId} +3`, `${ola.membershipId} +8`].sort());
    // Run due jobs at four months: the three-month offers reach both.
    h.clock.advance(122 * 86_400_000);
    await jobRunner(h).runDue();
    expect(await said(amina.chat)).toContain('Time for a follow-up');
    expect(await said(ola.chat)).toContain('Time for a follow-up');
  });

  it('a mentor leaving while his card is in her hand: she gets fresh suggestions without him', async () => {
    await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { region: 'Bergen' }));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    expect((await lastAsk(amina.chat)).labels).toEqual(['Ask Ola Nordmann', 'Ask Per Hansen', 'Show me others']);

    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('leave');
    const confirm = await lastAsk(ola);
    await ola.click(confirm.values[0]!, confirm.id);
    expect(await h.prisma.membership.findFirst({ where: { id: 'm-prog-ola' }, select: { status: true } })).toEqual({ status: 'left' });
    const fresh = await lastAsk(amina.chat);
    expect(fresh.labels).toEqual(['Ask Per Hansen', 'Show me others']);
  });

  it('keeps colleagues apart where the programme says so (the employer each gave, however written)', async () => {
    await h.store.transaction((r) => r.matchingSettings.save(orgId, { programmeId: PROG, trainingRequired: false, excludeSameEmployer: true, weights: {}, requestDays: 7 }));
    await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { employer: 'Oslo universitetssykehus' }));
    await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { employer: 'Lovisenberg' }));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile({ employer: ' oslo Universitetssykehus ' }));
    await amina.chat.say('mentors');
    expect((await lastAsk(amina.chat)).labels).toEqual(['Ask Per Hansen', 'Show me others']);
  });

  it('a mentor editing his profile: more places reach the waitlist; fewer than his mentees is refused', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 2 }));
    for (const name of ['sara', 'lina']) {
      const mentee = await seedMember(h, orgId, name, 'mentee', menteeProfile({ fullName: name }));
      await h.prisma.match.create({ data: { id: `m-${name}`, organisationId: orgId, programmeId: PROG, mentorMembershipId: ola.membershipId, menteeMembershipId: mentee.membershipId, status: 'active', origin: 'direct', startedAt: h.clock.now(), createdAt: h.clock.now() } });
    }
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await amina.chat.say('mentors');
    expect(await said(amina.chat)).toContain('You are on the waitlist');

    const editPlaces = async (capacity: string) => {
      await ola.chat.say('edit profile');
      await ola.chat.click('role');
      await ola.chat.submit({ offer: 'Help with authorisation and hospital jobs', capacity });
    };
    await editPlaces('1');
    expect(await said(ola.chat)).toContain('You have 2 mentees now, so your places cannot be fewer than that');
    expect(await h.prisma.membership.findUniqueOrThrow({ where: { id: ola.membershipId }, select: { capacity: true } })).toEqual({ capacity: 2 });
    // The form is asked again; a number that fits is saved.
    await ola.chat.submit({ offer: 'Help with authorisation and hospital jobs', capacity: '3' });
    expect(await h.prisma.membership.findUniqueOrThrow({ where: { id: ola.membershipId }, select: { capacity: true } })).toEqual({ capacity: 3 });
    expect((await lastAsk(amina.chat)).labels).toEqual(['Ask Ola Nordmann', 'Show me others']);
  });

  it("each person's home view says where they stand: choose, asked, paired, on the waitlist, training first", async () => {
    const home = async (user: string) => {
      const view = await h.core.home({ platform: 'playground', tenant: 'demo', user: { externalId: user } });
      return (view?.sections ?? []).map((x) => x.text.replace(/[\uE000\uE001*]/g, '')).join('\n');
    };
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann', { capacity: 1 }));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    expect(await home('amina')).toContain('Write mentors to see who could suit you');
    await amina.chat.say('mentors');
    expect(await home('amina')).toContain('choose your mentor from the suggestions');
    const choose = await lastAsk(amina.chat);
    await amina.chat.click(choose.values[0]!, choose.id);
    expect(await home('amina')).toContain('You have asked Ola Nordmann to be your mentor');
    expect(await home('ola')).toContain('A mentee has asked you to be their mentor');
    await ola.chat.click('accept', (await lastAsk(ola.chat)).id);
    expect(await home('amina')).toContain('Your mentor is Ola Nordmann.');
    expect(await home('ola')).toContain('Your mentee: Amina Yusuf.');

    const lina = await seedMember(h, orgId, 'lina', 'mentee', menteeProfile({ fullName: 'Lina' }));
    await lina.chat.say('mentors');
    expect(await home('lina')).toContain('You are on the waitlist for a mentor');
    await requireTraining();
    expect(await home('lina')).toContain('your training before matching — 7 short modules left');
  });
});
