/**
 * `meeting`: Amina (mentee, English) proposes; a past time is refused beside the field with
 * nothing stored; Ola (mentor, Norwegian) sees it in his language with her place as written;
 * he proposes another time, she accepts; both get the calendar file; the reminder and the
 * preparation are scheduled the day before; a second click changes nothing; moving reschedules
 * the jobs, cancelling drops them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { card, seedPair } from './journey-guide-fixtures.js';
import { jobRunner, said } from './matching-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness(); // the clock: 2026-09-01 08:00 UTC
});
afterEach(() => h.close());

const FORM = { date: '2026-11-10', time: '10:00', minutes: '60', mode: 'in-person', place: 'Café *Bare* Oslo' };
const meetings = () => h.prisma.meeting.findMany();
const pending = async () => (await h.prisma.scheduledJob.findMany({ where: { status: 'pending', kind: { in: ['meetings.remind', 'meetings.check-held'] } } })).concat(await h.prisma.scheduledJob.findMany({ where: { status: 'pending', kind: 'reflections.prepare' } }));

describe('planning a meeting', () => {
  it('a past time is refused beside the field, nothing stored', async () => {
    const { amina } = await seedPair(h);
    await amina.chat.say('meeting');
    const result = await amina.chat.submit({ ...FORM, date: '2026-08-31' });
    expect(result).toMatchObject({ fieldErrors: { date: expect.stringContaining('This time has passed') } });
    const today = await amina.chat.submit({ ...FORM, date: '2026-09-01', time: '09:30' }); // 07:30 UTC: passed
    expect(today).toMatchObject({ fieldErrors: { time: expect.stringContaining('This time has passed') } });
    expect(await meetings()).toEqual([]);
  });

  it('proposed, another time proposed, accepted: both get the .ics; jobs the day before; a second click changes nothing', async () => {
    const { ola, amina } = await seedPair(h, { ola: 'nb', amina: 'en' });
    await amina.chat.say('meeting');
    await amina.chat.submit(FORM);
    const [proposed] = await meetings();
    expect(proposed).toMatchObject({ status: 'proposed', minutes: 60, mode: 'in-person', place: 'Café *Bare* Oslo', sequence: 0 });
    expect(proposed?.startsAt.toISOString()).toBe('2026-11-10T09:00:00.000Z'); // 10:00 in Oslo, winter time
    const olaCard = await card(ola.chat);
    expect(olaCard.text).toContain('foreslår et møte');
    expect(olaCard.text).toContain('10:00');
    expect(olaCard.values).toEqual(['accept', 'move', 'cancel']);
    // Her place as she wrote it, marks and all: a literal span, never his emphasis.
    const stored = (await ola.chat.stored()).at(-1);
    expect(JSON.stringify(stored?.sections)).toContain('Café *Bare* Oslo');
    expect(stored?.sections?.[0]?.text).not.toBe('Café *Bare* Oslo');

    await ola.chat.click('move');
    const form = (await ola.chat.lastPrompt()).spec as { fields: { name: string; initial?: unknown }[] };
    expect(form.fields.find((f) => f.name === 'time')?.initial).toBe('10:00');
    await ola.chat.submit({ ...FORM, time: '11:30', place: '' });
    const [moved] = await meetings();
    expect(moved).toMatchObject({ status: 'proposed', sequence: 1, place: null });
    const aminaCard = await card(amina.chat);
    expect(aminaCard.text).toContain('proposes a meeting');
    await amina.chat.click('accept');
    const [planned] = await meetings();
    expect(planned).toMatchObject({ status: 'planned', sequence: 1 });

    for (const chat of [amina.chat, ola.chat]) {
      const invitation = (await chat.all()).filter((m) => m.file).at(-1);
      expect(invitation?.file).toMatchObject({ name: 'meeting.ics', mediaType: 'text/calendar' });
      const file = await h.prisma.storedFile.findUniqueOrThrow({ where: { id: invitation?.file?.fileId as string } });
      expect(Buffer.from(file.bytes).toString('utf8')).toContain('DTSTART;TZID=Europe/Oslo:20261110T113000');
    }
    expect(await said(ola.chat)).toContain('Møtet ditt med Amina');
    const jobs = await pending();
    expect(jobs.map((j) => [j.kind, j.uniqueKey, j.dueAt.toISOString()]).sort()).toEqual([
      ['meetings.check-held', `check-meeting:${planned?.id}:1`, '2026-11-10T12:30:00.000Z'],
      ['meetings.remind', `remind-meeting:${planned?.id}:1`, '2026-11-09T10:30:00.000Z'],
      ['reflections.prepare', `prepare:${planned?.id}:1`, '2026-11-09T10:30:00.000Z'],
    ]);

    // The same button again: nothing changes.
    const before = JSON.stringify(await meetings());
    await amina.chat.click('accept', aminaCard && (await amina.chat.all()).filter((m) => m.prompt?.spec.kind === 'choice').at(-2)?.prompt?.id);
    expect(JSON.stringify(await meetings())).toBe(before);
    expect(await pending()).toHaveLength(3);
  });

  it('accepted: the proposer\'s "proposed" card is withdrawn, so each side has one open card for the meeting', async () => {
    const { ola, amina } = await seedPair(h, { ola: 'nb', amina: 'en' });
    await amina.chat.say('meeting');
    await amina.chat.submit(FORM);
    await ola.chat.click('accept');
    await jobRunner(h).kick();
    const open = await h.prisma.openQuestion.findMany({ where: { status: 'open', subjectType: 'meeting' } });
    const byPerson = (personId: string) => open.filter((q) => q.audience.includes(personId)).map((q) => [q.kind, (q.data as { state?: string }).state]);
    expect(byPerson(amina.personId)).toEqual([['meetings.manage-meeting', 'planned']]);
    expect(byPerson(ola.personId)).toEqual([['meetings.manage-meeting', 'planned']]);
    expect(await said(amina.chat)).toContain('This meeting has changed since then');
  });

  it('cancelling a planned meeting: both told with a cancelling file; its jobs are gone', async () => {
    const { ola, amina } = await seedPair(h, { ola: 'nb', amina: 'en' });
    await amina.chat.say('meeting');
    await amina.chat.submit(FORM);
    await ola.chat.click('accept');
    expect(await pending()).toHaveLength(3);
    await ola.chat.click('cancel');
    const [cancelled] = await meetings();
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(await pending()).toEqual([]);
    const last = (await amina.chat.all()).filter((m) => m.file).at(-1);
    const file = await h.prisma.storedFile.findUniqueOrThrow({ where: { id: last?.file?.fileId as string } });
    expect(Buffer.from(file.bytes).toString('utf8')).toContain('METHOD:CANCEL');
    expect(await said(amina.chat)).toContain('Ola Nordmann cancelled the meeting');
  });

  it('help lists the lines for a pair; a coordinator cannot plan', async () => {
    const { kari, amina } = await seedPair(h);
    await amina.chat.say('help');
    expect(await said(amina.chat)).toContain('log meeting');
    await kari.chat.say('meeting');
    expect(await said(kari.chat)).toContain('once you are in a pair');
  });
});
