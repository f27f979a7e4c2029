/**
 * Leaving and coming back: `join CODE` after `leave` asks for consent again and saves, on the
 * same membership row (active, new consent, new dates); nothing erased comes back, and a profile
 * given for another programme is what is offered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/core/features/membership/join.js';
import { type Harness, createHarness } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';
import { joinAsMentee } from './profile-fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId);
});
afterEach(() => h.close());

describe('rejoining after leaving', () => {
  it('goes through consent again and reactivates the same membership', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, JOIN_CODE, { goal: 'First-Goal-XYZZY' });
    const first = await h.prisma.membership.findFirstOrThrow({ where: { role: 'mentee' } });
    h.clock.advance(60_000);
    await amina.say('leave');
    await amina.click('yes');
    h.clock.advance(60_000);
    await amina.replies();

    await amina.say(`join ${JOIN_CODE}`);
    const welcome = await amina.text();
    expect(welcome).toContain('Welcome back');
    // Erased on leaving, so nothing is offered: she is asked again, with nothing filled in.
    await amina.click('mentor');
    await amina.click('yes');
    const about = await amina.lastPrompt();
    expect(about.spec.kind === 'form' && about.spec.fields.every((f) => f.initial === undefined)).toBe(true);
    await amina.submit({ fullName: 'Amina Y.', region: 'Bergen', availability: 'weekend' });
    await amina.submit({ languages: [] });
    await amina.submit({ nb: 'B2' });
    await amina.submit({ field: 'health', profession: 'Nurse', yearsExperience: '7' });
    await amina.submit({ offer: 'Help with authorisation', capacity: '1' });
    const done = await amina.text();
    expect(done).toContain('You are now a mentor');
    expect(done).not.toContain('already');

    const rows = await h.prisma.membership.findMany({ where: { personId: await amina.personId() } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first.id, role: 'mentor', status: 'active', leftAt: null, fullName: 'Amina Y.', offer: 'Help with authorisation', goals: [], consentVersion: PRIVACY_NOTICE_VERSION });
    expect(rows[0]?.consentedAt?.getTime()).toBeGreaterThan(first.consentedAt?.getTime() ?? 0);
    expect(rows[0]?.joinedAt.getTime()).toBeGreaterThan(first.joinedAt.getTime());
    // The first stint's dates stay in the audit trail, without anything she wrote.
    const joined = await h.prisma.auditEvent.findMany({ where: { action: 'membership:joined' }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
    expect(joined).toHaveLength(2);
    expect(joined[1]?.data).toMatchObject({ rejoined: true, previousRole: 'mentee', previousJoinedAt: first.joinedAt.toISOString() });
    expect(JSON.stringify(joined)).not.toContain('First-Goal-XYZZY');

    await amina.say('profile');
    expect(await amina.text()).toContain('Amina Y.');
    // The coordinator is told she joined again.
    expect((await h.chat('kari').all()).filter((m) => m.text.includes('Amina Y.'))).toHaveLength(1);
  });

  it('offers the profile she gave for another programme she is still in, to use as it is', async () => {
    await seedProgramme(h, orgId, 'SECOND22', 'prog2');
    const amina = h.chat('amina', { locale: 'nb' });
    await joinAsMentee(amina, JOIN_CODE, { name: 'Amina Yusuf', goal: 'Bli sykepleier i Norge' });
    await amina.replies();

    await amina.say('bli med SECOND22');
    await amina.click('mentee');
    await amina.click('yes');
    const offer = await amina.replies();
    const offered = offer.at(-1);
    expect(offered?.text).toContain('Amina Yusuf');
    expect(offered?.text).toContain('Bli sykepleier i Norge');
    expect(offered?.text).toContain('Tigrinja (Flytende)');
    await amina.click('yes');
    expect(await amina.text()).toContain('mentee i');

    const second = await h.prisma.membership.findFirstOrThrow({ where: { programmeId: 'prog2', role: 'mentee' } });
    const firstRow = await h.prisma.membership.findFirstOrThrow({ where: { programmeId: 'prog', role: 'mentee' } });
    expect(second).toMatchObject({ fullName: 'Amina Yusuf', goals: ['Bli sykepleier i Norge'], education: 'Nursing degree', languages: firstRow.languages, status: 'active' });
    // The run keeps no copy of the other programme's profile once it has saved.
    const run = await h.prisma.flowRun.findFirstOrThrow({ where: { programmeId: 'prog2', flowId: 'join' } });
    expect(run.answers).toMatchObject({ initial: null, initialFrom: null });
  });

  it('lets her change one part of the offered profile, and asks a new role’s own questions', async () => {
    await seedProgramme(h, orgId, 'SECOND22', 'prog2');
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina, JOIN_CODE);
    await amina.say('join SECOND22');
    await amina.click('mentor');
    await amina.click('yes');
    await amina.click('no'); // change something
    await amina.click('work');
    const work = await amina.lastPrompt();
    expect(work.spec.kind === 'form' && Object.fromEntries(work.spec.fields.map((f) => [f.name, f.initial]))).toMatchObject({ field: 'health', profession: 'Nurse', education: 'Nursing degree' });
    await amina.submit({ field: 'health', profession: 'Head nurse', education: 'Nursing degree', yearsExperience: '9' });
    // A mentee's goals say nothing about what she offers as a mentor: asked.
    const mentor = await amina.lastPrompt();
    expect(mentor.spec.kind === 'form' && mentor.spec.fields.map((f) => f.name)).toEqual(['offer', 'capacity']);
    await amina.submit({ offer: 'Authorisation', capacity: '2' });
    const second = await h.prisma.membership.findFirstOrThrow({ where: { programmeId: 'prog2' } });
    expect(second).toMatchObject({ role: 'mentor', profession: 'Head nurse', yearsExperience: 9, fullName: 'Amina Yusuf', region: 'Oslo', offer: 'Authorisation', goals: [] });
    expect(second.languages).toEqual([{ code: 'nb', level: 'A2' }, { code: 'ar', level: 'native' }, { code: 'ti', level: 'fluent' }]);
  });
});
