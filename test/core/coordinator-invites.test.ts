/**
 * Inviting a co-coordinator: a single-use code, valid 7 days; the colleague writes `join CODE`,
 * confirms and coordinates the programme; the other coordinators are told. A used, expired or
 * foreign code changes nothing and says why; only coordinators may invite. English and Norwegian.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Chat, type Harness, createHarness } from '../support/harness.js';
import { addMember, seedPerson, seedProgramme } from './coordinator-fixtures.js';

let h: Harness;
let orgId: string;
let kari: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
});
afterEach(() => h.close());

/** What the person reads of their new messages: without literal marks and emphasis markers. */
const words = async (chat: Chat) => (await chat.text()).replace(/[\uE000\uE001*]/g, '');
const DAY = 24 * 60 * 60 * 1000;

/** Kari (in `locale`) coordinates Jobbstart 2027 and asks for an invite; returns its code as shown to her. */
async function invite(locale: 'en' | 'nb', command = locale === 'en' ? 'invite coordinator' : 'inviter koordinator'): Promise<{ shown: string; text: string }> {
  kari = await seedPerson(h, orgId, 'kari', 'Kari', locale);
  await seedProgramme(h, orgId, kari);
  const chat = h.chat('kari');
  await chat.say(command);
  const text = await words(chat);
  const shown = /([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})/.exec(text)?.[1];
  if (!shown) throw new Error(`no invite code in: ${text}`);
  return { shown, text };
}

const membershipOf = (personId: string) => h.prisma.membership.findFirst({ where: { programmeId: 'prog', personId } });
const theInvite = () => h.prisma.coordinatorInvite.findFirstOrThrow({ where: { programmeId: 'prog' } });

describe('inviting a co-coordinator', () => {
  it('en: the colleague joins with the code, confirms and coordinates; Kari is told; the code works once', async () => {
    const { shown, text } = await invite('en');
    expect(text).toContain(`Here is an invite to coordinate Jobbstart 2027: ${shown}`);
    expect(text).toContain('It works once, until September 8, 2026 (7 days)');
    const stored = await theInvite();
    expect(stored).toMatchObject({ code: shown.replace(/-/g, ''), invitedById: kari, usedAt: null, expiresAt: new Date('2026-09-08T08:00:00Z') });
    // The audit log never carries the code.
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'coordinator:invited' } });
    expect(JSON.stringify(audit)).not.toContain(stored.code);

    const per = h.chat('per', { locale: 'en', displayName: 'Per Hansen' });
    await per.say(`join ${shown.toLowerCase()}`);
    expect(await words(per)).toContain('Kari invites you to coordinate Jobbstart 2027');
    expect(await membershipOf(await per.personId())).toBeNull(); // nothing before confirming
    await per.click('yes');
    expect(await words(per)).toContain('You now coordinate Jobbstart 2027');
    const perId = await per.personId();
    expect(await membershipOf(perId)).toMatchObject({ role: 'coordinator', status: 'active' });
    expect(await theInvite()).toMatchObject({ usedById: perId });
    expect((await words(h.chat('kari'))).split('\n---\n').at(-1)).toBe('Per Hansen is now a coordinator of Jobbstart 2027.');
    await per.say('programme');
    expect((await per.replies()).at(-1)?.sections?.[2]?.text?.replace(/[\uE000\uE001]/g, '')).toBe('Kari, Per Hansen');

    // Used: a third person's redemption changes nothing and says why.
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say(`join ${shown}`);
    expect(await words(ola)).toContain('This invite to Jobbstart 2027 has been used already. An invite works once: ask Kari for a new one.');
    expect(await membershipOf(await ola.personId())).toBeNull();
    expect(await h.prisma.flowRun.count({ where: { personId: await ola.personId() } })).toBe(0);
    await per.say(`join ${shown}`);
    expect(await words(per)).toContain('You coordinate Jobbstart 2027 already');
    expect(await h.prisma.auditEvent.count({ where: { action: 'coordinator:joined' } })).toBe(1);
  });

  it('nb: "inviter koordinator"; declining changes nothing; after 7 days the code has expired and is explained', async () => {
    const { shown, text } = await invite('nb');
    expect(text).toContain(`Her er en invitasjon til å koordinere Jobbstart 2027: ${shown}`);
    const per = h.chat('per', { locale: 'nb', displayName: 'Per' });
    await per.say(`bli med ${shown}`);
    expect(await words(per)).toContain('Kari inviterer deg til å koordinere Jobbstart 2027');
    await per.click('no');
    expect(await words(per)).toContain('Greit, ingenting er endret');
    expect(await membershipOf(await per.personId())).toBeNull();
    expect(await theInvite()).toMatchObject({ usedAt: null });

    h.clock.advance(7 * DAY + 1000);
    await per.say(`bli med ${shown}`);
    expect(await words(per)).toContain('Denne invitasjonen til Jobbstart 2027 gikk ut 8. september 2026. Be Kari om en ny.');
    expect(await membershipOf(await per.personId())).toBeNull();
    expect(await theInvite()).toMatchObject({ usedAt: null });
  });

  it('expiring between the question and the answer: confirming a code that ran out meanwhile changes nothing', async () => {
    const { shown } = await invite('en');
    const per = h.chat('per', { locale: 'en' });
    await per.say(`join ${shown}`);
    await per.replies();
    h.clock.advance(8 * DAY);
    await per.click('yes');
    expect(await words(per)).toContain('expired on September 8, 2026');
    expect(await membershipOf(await per.personId())).toBeNull();
  });

  it('only coordinators may invite (en and nb), and a code from another organisation is no code here', async () => {
    const { shown } = await invite('en');
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'amina', 'Amina', 'en'), 'mentee', { name: 'Amina' });
    await addMember(h, orgId, 'prog', await seedPerson(h, orgId, 'ola', 'Ola', 'nb'), 'mentor', { name: 'Ola' });
    const amina = h.chat('amina');
    await amina.say('invite coordinator');
    expect(await words(amina)).toContain('Only the coordinators of a programme');
    const ola = h.chat('ola');
    await ola.say('inviter koordinator');
    expect(await words(ola)).toContain('Bare koordinatorene');
    expect(await h.prisma.coordinatorInvite.count()).toBe(1);

    await h.organisation('playground', 'other');
    const stranger = h.chat('stranger', { locale: 'en', tenant: 'other' });
    await stranger.say(`join ${shown}`);
    const said = await words(stranger);
    expect(said).not.toContain('Jobbstart');
    expect(said).not.toContain('invite');
    expect(await theInvite()).toMatchObject({ usedAt: null });
  });

  it('a mentee of the programme is told to leave first and the invite stays unused; someone who left comes back as coordinator on the same row', async () => {
    const { shown } = await invite('en');
    const amina = await seedPerson(h, orgId, 'amina', 'Amina', 'en');
    await addMember(h, orgId, 'prog', amina, 'mentee', { name: 'Amina' });
    const aminaChat = h.chat('amina');
    await aminaChat.say(`join ${shown}`);
    expect(await words(aminaChat)).toContain('You take part in Jobbstart 2027 as a mentee');
    expect(await theInvite()).toMatchObject({ usedAt: null });

    const sara = await seedPerson(h, orgId, 'sara', 'Sara', 'en');
    const row = await addMember(h, orgId, 'prog', sara, 'mentor', { name: null, status: 'left' });
    const saraChat = h.chat('sara');
    await saraChat.say(`join ${shown}`);
    await saraChat.click('yes');
    expect(await words(saraChat)).toContain('You now coordinate Jobbstart 2027');
    expect(await h.prisma.membership.findMany({ where: { programmeId: 'prog', personId: sara } })).toEqual([expect.objectContaining({ id: row, role: 'coordinator', status: 'active', leftAt: null })]);
  });

  it('a closed programme: the invite no longer works, and no new one is given', async () => {
    const { shown } = await invite('en');
    await h.prisma.programme.update({ where: { id: 'prog' }, data: { status: 'closed' } });
    const per = h.chat('per', { locale: 'en' });
    await per.say(`join ${shown}`);
    expect(await words(per)).toContain('Jobbstart 2027 is closed, so this invite no longer works');
    const chat = h.chat('kari');
    await chat.replies();
    await chat.say('invite coordinator');
    expect(await words(chat)).toContain('All your programmes are closed');
    expect(await h.prisma.coordinatorInvite.count()).toBe(1);
  });
});
