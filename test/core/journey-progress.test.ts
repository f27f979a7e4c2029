/**
 * The coordinator's `progress` view: one line per pair with the agreement's confirmation date,
 * meetings, ratings, reflections done and goals done; pairs that need a look first; never a word
 * the pair wrote. A participant does not get the view.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { harnessWithLogs, type Pair, seedPair } from './journey-guide-fixtures.js';
import { DAY, PROG, shown } from './matching-fixtures.js';

const SECRET_GOAL = 'Goal-words-only-the-pair-knows';
const SECRET_REFLECTION = 'Reflection-words-only-Amina-knows';

let h: Harness;
let pair: Pair;

beforeEach(async () => {
  ({ h } = await harnessWithLogs());
  pair = await seedPair(h, { ola: 'en', amina: 'nb' });
});
afterEach(() => h.close());

const at = (days: number) => new Date(h.clock.now().getTime() + days * DAY);

async function confirmedAgreement(version: number, confirmedAt: Date | null, status = 'confirmed') {
  const answers = { mentee: { help: 'x', hopes: 'y', goals: [SECRET_GOAL, 'Second goal'] }, mentor: { offer: 'o', hopes: 'h', limits: 'l' }, done: { parts: ['mentee', 'mentor'], frame: ['mentee', 'mentor'] } };
  await h.prisma.agreement.create({
    data: { id: `agr-${version}`, organisationId: pair.orgId, programmeId: PROG, matchId: 'match-1', version, answers, status, mentorConfirmedAt: confirmedAt, menteeConfirmedAt: confirmedAt, confirmedAt, createdAt: h.clock.now() },
  });
}

async function heldMeeting(id: string, startsAt: Date) {
  await h.prisma.meeting.create({
    data: { id, organisationId: pair.orgId, programmeId: PROG, matchId: 'match-1', startsAt, minutes: 60, mode: 'in-person', place: 'Secret café', status: 'held', sequence: 0, proposedById: pair.amina.personId, createdAt: startsAt, updatedAt: startsAt },
  });
}

async function reflection(meetingId: string, author: string, rating: number) {
  await h.prisma.reflection.create({
    data: { id: `r-${meetingId}-${author}`, organisationId: pair.orgId, programmeId: PROG, matchId: 'match-1', meetingId, authorMembershipId: author, kind: 'reflection', answers: { useful: SECRET_REFLECTION }, rating, createdAt: h.clock.now(), updatedAt: h.clock.now() },
  });
}

const progressOf = async (chat: Harness['chat'] extends (...a: never[]) => infer C ? C : never, word = 'progress') => {
  await chat.say(word);
  const view = (await chat.all()).at(-1);
  if (!view) throw new Error('no reply');
  return shown(view);
};

describe('progress: how each pair is doing', () => {
  it('a new pair without an agreement is on track at first, and needs a look after a month', async () => {
    const first = await progressOf(pair.kari.chat);
    expect(first).toContain('1 pair in');
    expect(first).toContain('On track (1)');
    expect(first).toContain('Ola Nordmann and');
    expect(first).toContain('no agreement yet');
    h.clock.advance(31 * DAY);
    const later = await progressOf(pair.kari.chat);
    expect(later).toContain('Needs a look (1)');
    expect(later).toContain('no confirmed agreement after a month');
  });

  it('shows the confirmation date, meetings, ratings, reflections and goals: counts and dates, never their words', async () => {
    await confirmedAgreement(1, new Date('2026-12-02T10:00:00Z'));
    await heldMeeting('m1', at(-3));
    await reflection('m1', pair.amina.membershipId, 5);
    await reflection('m1', pair.ola.membershipId, 4);
    const view = await progressOf(pair.kari.chat);
    expect(view).toMatch(/agreement v1 confirmed Dec 2, 2026/);
    expect(view).toContain('1 meeting held');
    expect(view).toContain('rated 4.5 on average (2 ratings)');
    expect(view).toContain('reflections: mentee 1, mentor 1');
    expect(view).toContain('goals done: 0 of 2');
    expect(view).toContain('On track (1)');
    for (const secret of [SECRET_GOAL, SECRET_REFLECTION, 'Secret café', 'Second goal']) expect(view).not.toContain(secret);
  });

  it('a low rating puts the pair first; a pending change keeps the confirmed version and says a change waits', async () => {
    await confirmedAgreement(1, new Date('2026-12-02T10:00:00Z'));
    await confirmedAgreement(2, null, 'proposed');
    await heldMeeting('m1', at(-2));
    await reflection('m1', pair.amina.membershipId, 2);
    const view = await progressOf(pair.kari.chat, 'framdrift');
    expect(view).toContain('Needs a look (1)');
    expect(view).toContain('last meeting rated 2 of 5');
    expect(view).toContain('agreement v1 confirmed Dec 2, 2026 (a change waits for confirmation)');
  });

  it('once every pair has ended (the year over), it says so and points to outcomes, not "no pairs yet"', async () => {
    await h.prisma.match.update({ where: { id: 'match-1' }, data: { status: 'ended' } });
    const view = await progressOf(pair.kari.chat);
    expect(view).toContain('No pairs are running in Jobbstart 2027 now; 1 pair has ended. `outcomes` shows how they ended.');
    expect(view).not.toContain('no pairs yet');
    await h.prisma.person.update({ where: { id: pair.kari.personId }, data: { locale: 'nb' } });
    expect(await progressOf(pair.kari.chat, 'framdrift')).toContain('Ingen par er i gang i Jobbstart 2027 nå; 1 par er avsluttet. `resultater` viser hvordan de endte.');
  });

  it('in Norwegian for a Norwegian coordinator; a participant does not get the view', async () => {
    await h.prisma.person.update({ where: { id: pair.kari.personId }, data: { locale: 'nb' } });
    const view = await progressOf(pair.kari.chat, 'framdrift');
    expect(view).toContain('Går som planlagt (1)');
    expect(view).toContain('ingen avtale ennå');
    const amina = await progressOf(pair.amina.chat, 'framdrift');
    expect(amina).not.toContain('Går som planlagt');
    expect(amina).not.toContain('Ola Nordmann og');
  });
});
