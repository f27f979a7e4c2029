/**
 * A pair's nudges over a year, through the hourly planner and the test clock: once a week at
 * most, listing what waits for each (Amina proposes meetings, Ola follows up after a long
 * silence), in their languages; they stop when the pair ends; a plan run again sends nothing twice.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planJob } from '../../src/core/features/nudges/plan.js';
import { sendJob } from '../../src/core/features/nudges/send.js';
import { createHarness, type Harness } from '../support/harness.js';
import { DAY, nudgeMessages, nudgePair, nudgesOf, raised, runNow, runUntil } from './nudges-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const START = new Date('2026-09-01T08:00:00Z');
const at = (days: number) => new Date(START.getTime() + days * DAY);

function gapsInDays(dates: Date[]): number[] {
  return dates.slice(1).map((d, i) => (d.getTime() - (dates[i] as Date).getTime()) / DAY);
}

describe('a pair’s nudges over a year', () => {
  it('once a week at most, the right items, stopping when the pair ends', async () => {
    const { amina, ola, orgId } = await nudgePair(h, START);
    // A meeting held on day 100 ends Ola's long silence; the pair ends on day 200.
    await runUntil(h, at(100), DAY);
    await h.prisma.meeting.create({ data: { id: 'meet-1', organisationId: orgId, programmeId: 'prog', matchId: 'match-1', startsAt: at(100), minutes: 60, mode: 'online', status: 'held', sequence: 0, proposedById: amina.membershipId, createdAt: at(100), updatedAt: at(100) } });
    await runUntil(h, at(200), DAY);
    await h.prisma.match.update({ where: { id: 'match-1' }, data: { status: 'ended', endedAt: at(200) } });
    await runUntil(h, at(365), DAY);

    const hers = await nudgesOf(h, amina.personId);
    const his = await nudgesOf(h, ola.personId);
    for (const list of [hers, his]) expect(Math.min(...gapsInDays(list.map((n) => n.sentAt)))).toBeGreaterThanOrEqual(7);
    // Hers: from day 2 (the pair settled) every week until the pair ended, each asking her to propose a meeting.
    expect(hers[0]?.sentAt).toEqual(at(2));
    expect(hers.every((n) => n.items.join() === 'proposeMeeting')).toBe(true);
    expect(hers.length).toBe(29);
    expect(hers.at(-1)?.sentAt.getTime()).toBeLessThan(at(200).getTime());
    // His: after 28 days of silence (twice two weeks), weekly, until the meeting; again 28 days after it.
    expect(his[0]?.sentAt).toEqual(at(29));
    expect(his.every((n) => n.items.join() === 'followUp')).toBe(true);
    expect(his.filter((n) => n.sentAt > at(100) && n.sentAt < at(129))).toEqual([]);
    expect(his.find((n) => n.sentAt > at(100))?.sentAt).toEqual(at(129));
    expect(his.at(-1)?.sentAt.getTime()).toBeLessThan(at(200).getTime());
    // Each nudge is one message to each, and the stall reached the coordinators once per silence.
    expect((await nudgeMessages(h, amina.personId)).length).toBe(hers.length);
    expect((await raised(h, 'stalled:match-1:')).map((s) => s.sourceKey)).toEqual([`stalled:match-1:${START.toISOString()}`, `stalled:match-1:${at(100).toISOString()}`]);
  }, 120_000);

  it('in each one’s language, with buttons that act at once', async () => {
    const { amina, ola } = await nudgePair(h, new Date(START.getTime() - 30 * DAY));
    await runUntil(h, START, DAY);
    const hers = (await nudgeMessages(h, amina.personId)).at(-1);
    const his = (await nudgeMessages(h, ola.personId)).at(-1);
    expect(hers?.text).toContain('Det er ikke planlagt noe nytt møte med mentoren din');
    expect(hers?.text).toContain('Foreslå et møte');
    expect(hers?.text).toContain('Pause påminnelser');
    expect(his?.text).toMatch(/It is \d+ days since you last met your mentee/);
    expect(his?.text).toContain('Snooze a week');
    // "Propose a meeting" opens the meeting form; the nudge counts as answered.
    await amina.chat.click('plan', hers?.message.prompt?.id);
    const form = await amina.chat.lastPrompt();
    expect(form.spec.kind === 'form' && form.spec.fields.map((f) => f.name)).toContain('date');
    expect((await nudgesOf(h, amina.personId)).at(-1)?.answeredAt).not.toBeNull();
  });

  it('a plan run again for the same hour, or a chunk run twice, sends nothing twice', async () => {
    const { orgId, amina } = await nudgePair(h, START);
    await runUntil(h, at(3), DAY);
    const before = await h.prisma.outboxMessage.count();
    const logs = await h.prisma.nudgeLog.count();
    expect(logs).toBe(1);
    const plan = await h.prisma.scheduledJob.findFirstOrThrow({ where: { kind: planJob.kind, status: 'done' }, orderBy: { dueAt: 'desc' } });
    const chunk = await h.prisma.scheduledJob.findFirstOrThrow({ where: { kind: sendJob.kind, status: 'done' }, orderBy: { dueAt: 'desc' } });
    const job = (row: typeof plan) => ({ id: row.id, organisationId: orgId, kind: row.kind, key: row.uniqueKey, dueAt: row.dueAt, payload: row.payload as Record<string, string>, attempts: 1, leaseToken: null });
    // The clock back at that hour: the plan decides the same nudges again.
    h.clock.set(plan.dueAt);
    await h.core.units.forOrganisation(orgId, (work) => planJob.run(work, job(plan)));
    await h.core.units.forOrganisation(orgId, (work) => sendJob.run(work, job(chunk)));
    await runNow(h);
    expect(await h.prisma.outboxMessage.count()).toBe(before);
    expect(await h.prisma.nudgeLog.count()).toBe(logs);
    expect((await nudgeMessages(h, amina.personId)).length).toBe(1);
  });

  it('stops for a person who left, from the planner’s live read', async () => {
    const { amina } = await nudgePair(h, START);
    await runUntil(h, at(10), DAY);
    const sent = (await nudgesOf(h, amina.personId)).length;
    expect(sent).toBe(2);
    await h.prisma.membership.update({ where: { id: amina.membershipId }, data: { status: 'left', leftAt: at(10) } });
    await runUntil(h, at(40), DAY);
    expect((await nudgesOf(h, amina.personId)).length).toBe(sent);
  });
});
