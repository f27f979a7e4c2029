/**
 * A new pair's introduction (issue 13): when a match becomes active — the mentor accepts, a
 * coordinator assigns, a cohort is revealed at its minute — each of the two gets one message in
 * their own language, with what the other shared for matching (never the rest of a profile), what
 * happens next, the rules, the roles and the first meeting's icebreaker agenda. Once per pair.
 * `my mentor` / `my mentee` shows it again; someone without a pair is told so kindly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { approveDraft } from '../../src/core/features/matching/cohort-reveal.js';
import { startMatch } from '../../src/core/features/matching/start.js';
import type { Outbound } from '../../src/core/messages.js';
import { type Harness, createHarness } from '../support/harness.js';
import { AMINA, DAY, type Seeded, jobRunner, lastAsk, menteeProfile, mentorProfile, said, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

let h: Harness;
let orgId: string;
let kari: Seeded;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  kari = await seedMatchingProgramme(h, orgId);
});
afterEach(() => h.close());

/** Words of Amina's profile she did not share for matching: no mentor may read them. */
const PRIVATE = { employer: 'Haugen Omsorgssenter', education: 'Bachelor fra Khartoum', profession: 'Operasjonssykepleier', region: 'Grünerløkka' };

async function people() {
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'), 'nb');
  const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile(PRIVATE), 'en');
  return { ola, amina };
}

/** She asks `mentor` from her cards; he accepts. The accept's prompt id is returned for a second click. */
async function pairByAccept(mentee: Seeded, mentor: Seeded, mentorName: string): Promise<string> {
  await mentee.chat.say('mentors');
  const cards = await lastAsk(mentee.chat);
  const i = cards.labels.findIndex((l) => l.endsWith(mentorName));
  expect(i).toBeGreaterThanOrEqual(0);
  await mentee.chat.click(cards.values[i]!, cards.id);
  const request = await lastAsk(mentor.chat);
  await mentor.chat.click('accept', request.id);
  return request.id;
}

const titled = async (s: Seeded, prefix: string) => (await s.chat.all()).filter((m) => m.title?.startsWith(prefix));

describe('the introduction', () => {
  it('after an accept: one message each, in their language, with only what the other shared for matching', async () => {
    const { ola, amina } = await people();
    const requestId = await pairByAccept(amina, ola, 'Ola Nordmann');

    const [toAmina, ...moreA] = await titled(amina, 'Meet your mentor');
    expect(moreA).toHaveLength(0);
    // It reads after the news that he said yes, though the pair is introduced where it is made.
    const order = (await amina.chat.all()).map((m) => m.title ?? m.text);
    expect(order.findIndex((x) => x?.startsWith('Meet your mentor'))).toBeGreaterThan(order.findIndex((x) => x?.includes('has accepted and is now your mentor')));
    expect(order.at(-1)).toMatch(/^Meet your mentor/);
    expect(toAmina?.title).toBe('Meet your mentor: Ola Nordmann');
    const a = shown(toAmina as Outbound);
    expect(a).toContain('Ola Nordmann is your mentor in Jobbstart 2027');
    expect(a).toContain('Help with authorisation and hospital jobs');
    expect(a).toContain('Nurse');
    // Why they fit, the strongest three only (she saw them all when choosing).
    expect(a).toContain('You both speak English');
    expect(toAmina?.sections?.[0]?.bullets).toHaveLength(3);
    expect(a).toContain('You take the first step. Write to Ola Nordmann and propose a time for your first meeting.');
    expect(a).toContain('in the chat tool where you read this');
    expect(a).toContain("1. Explore each other's past");
    expect(a).toContain('2. Your ambitions and goals');
    expect(a).toContain('The mentee makes sure there is an agenda for each meeting, and puts what is learned into practice.');
    expect(a).toContain('The mentor sets enough time aside and is present, in body and mind.');
    expect(a).toContain('You make an agreement together at the first meeting.');
    expect(a).toContain("The focus is the mentee's job and career.");
    expect(a).toContain('about one year');
    expect(a).toContain('The mentee takes the initiative to arrange meetings');
    expect(a).toContain('If too much time passes, the mentor follows up.');
    expect(a).toContain('You both remind each other of what you agreed.');
    expect(a).toContain('Write my mentor to see this again.');

    const [toOla, ...moreO] = await titled(ola, 'Møt menteen din');
    expect(moreO).toHaveLength(0);
    expect(toOla?.title).toBe('Møt menteen din: Amina Yusuf');
    const o = shown(toOla as Outbound);
    expect(o).toContain('Du er mentor for Amina Yusuf i Jobbstart 2027');
    expect(o).toContain(AMINA.goal);
    expect(o).toContain(AMINA.helpWanted);
    expect(o).toContain('Amina Yusuf skriver til deg og foreslår en tid for det første møtet.');
    expect(o).toContain('1. Utforsk hverandres fortid');
    expect(o).toContain('2. Menteens ambisjoner og mål');
    expect(o).toContain('Mentoren setter av nok tid og er til stede, både fysisk og mentalt.');
    expect(o).toContain('Skriv min mentee for å se dette igjen.');
    for (const word of Object.values(PRIVATE)) expect(o).not.toContain(word);

    // A second click on the request, or the start run again: nobody is introduced twice.
    await ola.chat.click('accept', requestId);
    const match = await h.prisma.match.findFirstOrThrow({ where: { status: 'active' } });
    expect(await h.core.units.forOrganisation(orgId, (w) => startMatch(w, match.id, ['requested']))).toMatchObject({ status: 'gone' });
    expect(await titled(amina, 'Meet your mentor')).toHaveLength(1);
    expect(await titled(ola, 'Møt menteen din')).toHaveLength(1);
  });

  it("after a coordinator's direct assignment, both are introduced", async () => {
    const { ola, amina } = await people();
    await kari.chat.say('assign');
    await kari.chat.click(amina.membershipId);
    await kari.chat.click(ola.membershipId);
    await kari.chat.click('yes');
    expect((await titled(amina, 'Meet your mentor')).map((m) => m.title)).toEqual(['Meet your mentor: Ola Nordmann']);
    expect((await titled(ola, 'Møt menteen din')).map((m) => m.title)).toEqual(['Møt menteen din: Amina Yusuf']);
    expect(await kari.chat.all().then((all) => all.filter((m) => m.title?.includes('Meet your')))).toHaveLength(0);
  });

  it('after a cohort reveal: nothing before its minute, the introduction at it', async () => {
    const { ola, amina } = await people();
    await kari.chat.say('cohort');
    await kari.chat.click('create');
    const draft = await h.prisma.cohortDraft.findFirstOrThrow();
    const revealAt = new Date(h.clock.now().getTime() + DAY);
    await h.core.units.forOrganisation(orgId, (w) => approveDraft(w, draft.id, kari.personId, revealAt));

    h.clock.set(new Date(revealAt.getTime() - 60_000));
    expect(await jobRunner(h).kick()).toBe(0);
    expect(await amina.chat.all()).toHaveLength(0);
    expect(await ola.chat.all()).toHaveLength(0);

    h.clock.set(revealAt);
    expect(await jobRunner(h).kick()).toBe(1);
    const [toAmina] = await titled(amina, 'Meet your mentor');
    expect(toAmina?.title).toBe('Meet your mentor: Ola Nordmann');
    expect((await titled(ola, 'Møt menteen din')).map((m) => m.title)).toEqual(['Møt menteen din: Amina Yusuf']);
    const stored = await h.prisma.outboxMessage.findMany({ where: { personId: { in: [amina.personId, ola.personId] } } });
    expect(new Set(stored.map((m) => m.createdAt.getTime()))).toEqual(new Set([revealAt.getTime()]));
  });
});

describe('my mentor / my mentee', () => {
  it('shows the partner, the agenda, the rules and the roles again, in each one’s language; a mentor sees both mentees', async () => {
    const { ola, amina } = await people();
    const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali', goals: ['Work as a developer'] }), 'nb');
    await pairByAccept(amina, ola, 'Ola Nordmann');
    await amina.chat.replies();
    await ola.chat.replies();

    await amina.chat.say('my mentor');
    const [mine, ...rest] = await amina.chat.replies();
    expect(rest).toHaveLength(0);
    expect(mine?.title).toBe('Your mentor in Jobbstart 2027');
    expect(mine?.text).toContain('A working paper you can return to');
    expect(mine?.sections?.map((s) => s.heading)).toEqual(['Ola Nordmann', 'Your first meeting: a suggested agenda', 'Rules for a good mentoring relationship', 'Your roles']);
    expect(shown(mine as Outbound)).toContain('Help with authorisation and hospital jobs');

    await pairByAccept(sara, ola, 'Ola Nordmann');
    await ola.chat.replies();
    await ola.chat.say('min mentee');
    const [his] = await ola.chat.replies();
    expect(his?.title).toBe('Menteene dine i Jobbstart 2027');
    expect(his?.sections?.map((s) => s.heading)).toEqual(['Amina Yusuf', 'Sara Ali', 'Det første møtet: forslag til agenda', 'Regler for et godt mentorforhold', 'Rollene deres']);
    const o = shown(his as Outbound);
    expect(o).toContain(AMINA.goal);
    expect(o).toContain('Work as a developer');
    for (const word of Object.values(PRIVATE)) expect(o).not.toContain(word);
    // Words of either language work for anyone.
    await ola.chat.say('my mentees');
    expect((await ola.chat.replies())[0]?.title).toBe('Menteene dine i Jobbstart 2027');
  });

  it('without a pair: told so kindly, a mentee shown the way to suggestions', async () => {
    const { ola, amina } = await people();
    await amina.chat.say('my mentor');
    expect(await said(amina.chat)).toBe('You do not have a mentor yet. Write mentors to see suggestions. When you are paired, I will introduce you to each other here.');
    await ola.chat.say('mitt par');
    expect(await said(ola.chat)).toBe('Du har ingen mentor eller mentee ennå. Når du blir koblet, presenterer jeg dere for hverandre her.');
    await kari.chat.say('my pair');
    expect(await said(kari.chat)).toBe('You do not have a mentor or a mentee yet. When you are paired, I will introduce you to each other here.');
  });

  it('help lists it only once paired', async () => {
    const { ola, amina } = await people();
    await amina.chat.say('help');
    expect(await said(amina.chat)).not.toContain('my mentor —');
    await pairByAccept(amina, ola, 'Ola Nordmann');
    await amina.chat.replies();
    await ola.chat.replies();
    await amina.chat.say('help');
    expect(await said(amina.chat)).toContain('my mentor — your mentor, the rules and the agenda for your first meeting');
    await ola.chat.say('hjelp');
    const help = await said(ola.chat);
    expect(help).toContain('min mentee — menteen din, reglene og agendaen for det første møtet');
    expect(help).not.toContain('min mentor —');
  });
});
