/**
 * When nudges arrive and when they do not: each reader's own daytime (Amina in Oslo, Ola in
 * Kabul), weekends kept quiet by the coordinator's `nudge settings`, a week's snooze, a pause
 * until a date and `resume nudges`, and three ignored in a row reaching the coordinators once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { DAY, HOUR, localHour, nudgeMessages, nudgePair, nudgesOf, raised, runUntil } from './nudges-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

// The pair started a month before: Amina has no meeting planned, Ola has been silent too long.
const EVENING = new Date('2026-09-01T19:30:00Z'); // Tuesday: 21:30 in Oslo, 00:00 in Kabul
const startedBefore = (at: Date, days: number) => new Date(at.getTime() - days * DAY);

describe('quiet hours and time zones', () => {
  it('each gets theirs at the first allowed hour of their own morning', async () => {
    const { amina, ola } = await nudgePair(h, startedBefore(EVENING, 30));
    h.clock.set(EVENING);
    await runUntil(h, new Date('2026-09-03T19:30:00Z'), HOUR);
    const hers = await nudgesOf(h, amina.personId);
    const his = await nudgesOf(h, ola.personId);
    expect(hers.map((n) => localHour(n.sentAt, 'Europe/Oslo'))).toEqual(['08:30']);
    // The hourly runs fall on the half hour in UTC: on the hour in Kabul (UTC+4:30).
    expect(his.map((n) => localHour(n.sentAt, 'Asia/Kabul'))).toEqual(['08:00']);
    expect(his[0]?.sentAt.toISOString()).toBe('2026-09-02T03:30:00.000Z');
    expect(hers[0]?.sentAt.toISOString()).toBe('2026-09-02T06:30:00.000Z');
  }, 60_000);

  it('keeps weekends quiet once the coordinator says so, only for her own programme', async () => {
    const { kari, amina } = await nudgePair(h, startedBefore(new Date('2026-09-04T20:00:00Z'), 30));
    h.clock.set(new Date('2026-09-04T20:00:00Z')); // Friday evening
    await kari.chat.say('nudge settings');
    await kari.chat.submit({ quietFrom: '21', quietTo: '8', quietWeekends: 'yes' });
    expect(await kari.chat.text()).toContain('no reminders from 21:00 to 8:00 or on weekends');
    await runUntil(h, new Date('2026-09-07T12:00:00Z'), HOUR);
    const [first] = await nudgesOf(h, amina.personId);
    expect(first?.sentAt.toISOString()).toBe('2026-09-07T06:00:00.000Z'); // Monday 08:00 in Oslo
    // Amina is no coordinator: the settings are not hers to change.
    await amina.chat.say('påminnelsesinnstillinger');
    expect(await amina.chat.text()).not.toContain('Stille fra');
  }, 60_000);
});

describe('snooze, pause and resume', () => {
  const MORNING = new Date('2026-09-01T08:00:00Z');

  it('a snooze is a week without nudges from the click', async () => {
    const { amina } = await nudgePair(h, startedBefore(MORNING, 30));
    h.clock.set(MORNING);
    await runUntil(h, new Date(MORNING.getTime() + 3 * DAY), DAY);
    const [first] = await nudgeMessages(h, amina.personId);
    await amina.chat.click('snooze', first?.message.prompt?.id);
    expect(await amina.chat.text()).toContain('Ingen påminnelser før');
    await runUntil(h, new Date(MORNING.getTime() + 20 * DAY), DAY);
    const sent = (await nudgesOf(h, amina.personId)).map((n) => (n.sentAt.getTime() - MORNING.getTime()) / DAY);
    expect(sent).toEqual([1, 10, 17]);
  }, 60_000);

  it('a pause until a date, typed or in the form, and resume', async () => {
    const { amina, ola } = await nudgePair(h, startedBefore(MORNING, 30));
    h.clock.set(MORNING);
    await amina.chat.say('pause påminnelser til 1.10.2026');
    expect(await amina.chat.text()).toContain('satt på pause til 1. oktober 2026');
    await ola.chat.say('pause nudges');
    await ola.chat.submit({ until: '2026-09-01' });
    expect(await ola.chat.text()).toContain('Please choose a date after today');
    await ola.chat.submit({ until: '2026-09-15' });
    expect(await ola.chat.text()).toContain('paused until September 15, 2026');
    await runUntil(h, new Date('2026-09-20T08:00:00Z'), DAY);
    expect(await nudgesOf(h, amina.personId)).toEqual([]);
    expect((await nudgesOf(h, ola.personId)).map((n) => n.sentAt.toISOString())).toEqual(['2026-09-15T08:00:00.000Z']);
    await amina.chat.say('fortsett påminnelser');
    expect(await amina.chat.text()).toContain('på igjen');
    await runUntil(h, new Date('2026-09-21T08:00:00Z'), DAY);
    expect((await nudgesOf(h, amina.personId)).map((n) => n.sentAt.toISOString())).toEqual(['2026-09-21T08:00:00.000Z']);
  }, 60_000);
});

describe('ignored nudges', () => {
  it('three ignored in a row reach the coordinators once; a click resets the count', async () => {
    const { amina, ola } = await nudgePair(h, new Date('2026-08-01T08:00:00Z'));
    h.clock.set(new Date('2026-09-01T08:00:00Z'));
    await runUntil(h, new Date('2026-10-15T08:00:00Z'), DAY);
    const hers = await nudgesOf(h, amina.personId);
    expect(hers.map((n) => n.ignoredBefore).slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5]);
    const ignored = await raised(h, 'nudges-ignored:');
    expect(ignored.map((s) => s.membershipId).sort()).toEqual([amina.membershipId, ola.membershipId].sort());
    // Ola answers his newest nudge: his next one starts counting again, and nothing more is raised.
    const newest = (await nudgeMessages(h, ola.personId)).at(-1);
    await ola.chat.click('snooze', newest?.message.prompt?.id);
    await runUntil(h, new Date('2026-11-01T08:00:00Z'), DAY);
    expect((await nudgesOf(h, ola.personId)).filter((n) => n.sentAt > new Date('2026-10-15T08:00:00Z')).map((n) => n.ignoredBefore)).toEqual([0, 1]);
    expect((await raised(h, 'nudges-ignored:')).length).toBe(2);
  }, 120_000);
});
