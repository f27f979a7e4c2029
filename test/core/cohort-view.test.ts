/**
 * The coordinator's matching overview and rules, from chat: pairs, open requests, the waitlist
 * with why and how long, decline reasons (coordinators only) and whom to recruit, in English and
 * Norwegian; matching settings saved and used (a weight of 0 switches a reason off); two people
 * kept apart; and nobody but a coordinator gets any of it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/core/messages.js';
import { type Harness, createHarness } from '../support/harness.js';
import { DAY, PROG, type Seeded, menteeProfile, mentorProfile, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

const ago = (days: number) => new Date(h.clock.now().getTime() - days * DAY);
const last = async (s: Seeded): Promise<Outbound> => (await s.chat.all()).at(-1) as Outbound;

/** Ola has Amina and one place more; Sara asked Per three days ago; Tesfay (Tigrinya only) waits; Per declined Yusuf. */
async function programmeInMotion() {
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'), 'nb');
  const per = await seedMember(h, orgId, 'per', 'mentor', mentorProfile('Per Hansen', { capacity: 1, field: 'it', profession: 'Developer' }));
  const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
  const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali', field: 'it' }));
  const tesfay = await seedMember(h, orgId, 'tesfay', 'mentee', menteeProfile({ fullName: 'Tesfay Kidane', field: 'engineering', languages: [{ code: 'nb', level: 'A1' }, { code: 'ti', level: 'native' }] }));
  const yusuf = await seedMember(h, orgId, 'yusuf', 'mentee', menteeProfile({ fullName: 'Yusuf Omar' }));
  const base = { organisationId: orgId, programmeId: PROG, score: 0.5, origin: 'suggestion' as const, cohortDraftId: null, questionId: null, respondedAt: null, declineReason: null, startedAt: null, endedAt: null, endedById: null, requestedAt: null };
  await h.store.transaction(async (r) => {
    await r.matches.createMany([
      { ...base, id: 'x1', mentorMembershipId: ola.membershipId, menteeMembershipId: amina.membershipId, status: 'active', startedAt: ago(20), createdAt: ago(20) },
      { ...base, id: 'x2', mentorMembershipId: per.membershipId, menteeMembershipId: sara.membershipId, status: 'requested', requestedAt: ago(3), createdAt: ago(3) },
      { ...base, id: 'x3', mentorMembershipId: per.membershipId, menteeMembershipId: yusuf.membershipId, status: 'declined', requestedAt: ago(9), respondedAt: ago(8), declineReason: 'I travel all of March', createdAt: ago(9) },
    ]);
    await r.waitlist.put({ membershipId: tesfay.membershipId, organisationId: orgId, programmeId: PROG, since: ago(5), reason: 'noLanguage' });
  });
  return { ola, per, amina, sara, tesfay, yusuf };
}

describe('matches view', () => {
  it('in English: pairs by mentor, open requests, the waitlist with why and how long, declines with reasons, whom to recruit', async () => {
    await programmeInMotion();
    await kari.chat.say('matches');
    const view = await last(kari);
    expect(view.title).toBe('Matches in Jobbstart 2027');
    expect(withoutStars(view.text)).toBe('Jobbstart 2027: 1 pair · 1 open request · 1 on the waitlist');
    const [pairs, requests, waitlist, declines, recruit] = view.sections ?? [];
    expect(pairs).toMatchObject({ heading: 'Pairs (1)', text: 'Free places: 2 with 2 mentors.' });
    expect(pairs?.bullets).toEqual(['*Ola Nordmann* (1 of 2 places): Amina Yusuf']);
    expect(requests).toMatchObject({ heading: 'Open requests (1)', bullets: ['Sara Ali asked Per Hansen — waiting 3 days'] });
    expect(waitlist).toMatchObject({ heading: 'Waitlist (1)', bullets: ['Tesfay Kidane — no mentor speaks her language — waiting 5 days'] });
    expect(declines?.bullets).toEqual([`Per Hansen declined Yusuf Omar on ${longDate(ago(8))}: “I travel all of March”`]);
    expect(recruit).toMatchObject({ heading: 'Mentors to recruit' });
    expect(recruit?.bullets?.[0]).toMatch(/^Mentors who speak Tigrinya \(1\)/);
    expect(recruit?.bullets?.[1]).toMatch(/^Mentors in Engineering \(1\)/);
    expect(shown(view)).not.toMatch(/0\.5/);
  });

  it('in Norwegian, for a second coordinator: the same facts in her language', async () => {
    await programmeInMotion();
    const liv = await seedMember(h, orgId, 'liv', 'coordinator', { ...menteeProfile(), fullName: 'Liv' }, 'nb');
    await liv.chat.say('koblinger');
    const view = await last(liv);
    expect(view.title).toBe('Koblinger i Jobbstart 2027');
    const text = shown(view);
    expect(text).toContain('Ola Nordmann (1 av 2 plasser): Amina Yusuf');
    expect(text).toContain('Sara Ali spurte Per Hansen — venter 3 dager');
    expect(text).toContain('Tesfay Kidane — ingen mentor snakker språket hennes — venter 5 dager');
    expect(text).toContain('«I travel all of March»');
    expect(text).toContain('Mentorer som snakker Tigrinja (1)');
  });

  it('forty pairs stay a handful of sections, one line per mentor', async () => {
    for (let i = 1; i <= 40; i += 1) {
      const mentor = await seedMember(h, orgId, `mentor${i}`, 'mentor', mentorProfile(`Mentor ${String(i).padStart(2, '0')}`, { capacity: 1 }));
      const mentee = await seedMember(h, orgId, `mentee${i}`, 'mentee', menteeProfile({ fullName: `Mentee ${String(i).padStart(2, '0')}` }));
      await h.store.transaction((r) =>
        r.matches.createMany([{ id: `a${i}`, organisationId: orgId, programmeId: PROG, mentorMembershipId: mentor.membershipId, menteeMembershipId: mentee.membershipId, status: 'active', score: 0.6, origin: 'direct', cohortDraftId: null, questionId: null, requestedAt: null, respondedAt: null, declineReason: null, startedAt: ago(1), endedAt: null, endedById: null, createdAt: ago(1) }]),
      );
    }
    await kari.chat.say('matches');
    const view = await last(kari);
    expect(view.sections).toHaveLength(2);
    expect(view.sections?.[0]?.bullets).toHaveLength(40);
    expect(shown(view).length).toBeLessThan(4000);
  });
});

describe('matching settings', () => {
  it('are filled in with what is stored, saved in one step, and used: weight 0 on languages switches that reason off', async () => {
    await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    const reasonsFor = async () => {
      await kari.chat.say('assign');
      await kari.chat.click(amina.membershipId);
      const ranked = (await kari.chat.all()).filter((m) => m.sections?.length).at(-1) as Outbound;
      await kari.chat.say('cancel');
      return shown(ranked);
    };
    expect(await reasonsFor()).toContain('You both speak English');

    await kari.chat.say('matching settings');
    const form = await kari.chat.lastPrompt();
    expect(form.spec.kind).toBe('form');
    const fields = form.spec.kind === 'form' ? form.spec.fields : [];
    expect(fields.find((f) => f.name === 'requestDays')).toMatchObject({ initial: '7', min: 3, max: 21 });
    expect(fields.find((f) => f.name === 'w_languages')).toMatchObject({ initial: '1' });
    await kari.chat.submit({ trainingRequired: 'yes', excludeSameEmployer: 'no', requestDays: '30', w_field: '2', w_goals: '1', w_languages: '0', w_region: '1', w_availability: '3' });
    expect(await h.prisma.matchingSettings.findFirst()).toBeNull(); // 30 days is out of range: nothing saved
    await kari.chat.submit({ trainingRequired: 'yes', excludeSameEmployer: 'no', requestDays: '10', w_field: '2', w_goals: '1', w_languages: '0', w_region: '1', w_availability: '3' });
    expect(await h.prisma.matchingSettings.findFirstOrThrow()).toMatchObject({ programmeId: PROG, trainingRequired: true, excludeSameEmployer: false, requestDays: 10, weights: { field: 2, goals: 1, languages: 0, region: 1, availability: 3 } });
    expect(withoutStars((await last(kari)).text)).toContain('Saved the matching settings of Jobbstart 2027');

    const reasons = await reasonsFor();
    expect(reasons).not.toContain('You both speak');
    expect(reasons).toContain('Same field: Health and care');
  });
});

describe('keep apart', () => {
  it('keeps a mentor and a mentee apart (asked again for two of one role), once', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali' }));
    await kari.chat.say('keep apart');
    const prompt = await kari.chat.lastPrompt();
    expect(prompt.spec.kind === 'multi' && prompt.spec.options.map((o) => o.label)).toEqual(['Amina Yusuf (mentee)', 'Ola Nordmann (mentor)', 'Sara Ali (mentee)']);
    await kari.chat.click([amina.membershipId, sara.membershipId]);
    expect(await kari.chat.text()).toContain('Choose one mentor and one mentee');
    await kari.chat.click([amina.membershipId, ola.membershipId]);
    expect(await h.prisma.doNotMatch.count()).toBe(1);
    expect(withoutStars(await kari.chat.text())).toContain('Amina Yusuf (mentee) and Ola Nordmann (mentor) will never be suggested to each other');
    // Kept apart: she is now offered nobody but the waitlist.
    await amina.chat.say('mentors');
    expect(await amina.chat.text()).not.toContain('Ola Nordmann');
  });
});

describe('only coordinators', () => {
  it('refuses every coordinator command to a mentee, and changes nothing', async () => {
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    for (const words of ['matches', 'assign', 'cohort', 'matching settings', 'keep apart', 'koblinger', 'kull']) {
      await amina.chat.say(words);
      expect(await amina.chat.text()).toContain('Only the coordinators of a programme');
    }
    expect(await h.prisma.flowRun.count({ where: { status: 'active' } })).toBe(0);
    await amina.chat.say('end match');
    expect(await amina.chat.text()).toContain('You have no active match to end');
  });

  it('help lists the coordinator commands for a coordinator only', async () => {
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await kari.chat.say('help');
    const forKari = shown((await kari.chat.replies()).at(-1) as Outbound);
    expect(forKari).toContain('cohort — pair every waiting mentee at once');
    expect(forKari).toContain('end match');
    await amina.chat.say('help');
    const forAmina = shown((await amina.chat.replies()).at(-1) as Outbound);
    expect(forAmina).not.toContain('cohort');
    expect(forAmina).not.toContain('end match');
  });
});

const withoutStars = (s: string) => s.replaceAll('*', '').replace(/[\uE000\uE001]/g, '');
const longDate = (d: Date) => new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Oslo' }).format(d);
