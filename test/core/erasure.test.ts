/**
 * Leaving erases what the privacy notice says it erases: after join, edit and leave, what the
 * person wrote for the programme is in no column of any table (a search over every text, JSON,
 * array and bytes column the schema has, so a future table cannot hide it); what stays is the
 * membership's role and dates, the flow runs without answers, and an audit entry with counts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeDirectory } from '../../src/channels/playground/directory.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/core/features/membership/join.js';
import { ask } from '../../src/core/kernel/questions.js';
import type { Outbound } from '../../src/core/messages.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { testDatabaseUrl } from '../support/db.js';
import { type Chat, type Harness, createHarness } from '../support/harness.js';
import { FEATURES_WITH_DEMO } from './demo-feature.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';
import { form } from './closure-fixtures.js';
import { activeMatch } from './journey-guide-fixtures.js';
import { confirmAgreement, openForm, steps } from './goals-fixtures.js';
import { confirmedAgreement, runJob } from './reflections-fixtures.js';
import { menteeProfile, mentorProfile, seedMember } from './matching-fixtures.js';

const NAME = 'Amina Testesen';
const GOAL = 'Goal-XYZZY';
const EDITED_GOAL = 'Edited-Goal-PLUGH';
const HELP_WANTED = 'Help-Wanted-QUUX';
const EDUCATION = 'Education-GRUE';
const MINUTE = 60_000;

const backends = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(backends)('leaving erases what the person wrote (%s)', (backend) => {
  let h: Harness;
  let orgId: string;

  beforeEach(async () => {
    h = await createHarness({ backend, features: FEATURES_WITH_DEMO });
    orgId = await h.organisation();
    await seedProgramme(h, orgId); // Kari coordinates it, and reads Norwegian
  });
  afterEach(() => h.close());

  async function joinAsMentee(chat: Chat, opts: { code?: string; name?: string; goal?: string; reuse?: boolean } = {}): Promise<void> {
    await step(() => chat.say(`join ${opts.code ?? JOIN_CODE}`));
    await step(() => chat.click('mentee'));
    await step(() => chat.click('yes'));
    if (opts.reuse) {
      // Offered the profile given for the other programme: she changes all of it.
      await step(() => chat.click('no'));
      await step(() => chat.click('all'));
    }
    await step(() => chat.submit({ fullName: opts.name ?? NAME, region: 'Tromsø', availability: 'flexible' }));
    await step(() => chat.submit({ languages: ['ar'] }));
    await step(() => chat.submit({ nb: 'A2', ar: 'native' }));
    await step(() => chat.submit({ field: 'health', profession: 'Nurse', education: EDUCATION, yearsExperience: '6' }));
    await step(() => chat.submit({ goal1: opts.goal ?? GOAL, helpWanted: HELP_WANTED }));
  }

  /** Delivers what is queued (as the dispatcher would before the next click), then lets a minute pass. */
  async function step(act: () => Promise<unknown>): Promise<void> {
    await h.prisma.outboxMessage.updateMany({ where: { status: 'pending' }, data: { status: 'sent', sentAt: h.clock.now(), externalRef: { ts: 'delivered' } } });
    h.clock.advance(MINUTE);
    await act();
  }

  async function leave(chat: Chat, programmeId?: string): Promise<void> {
    await step(() => chat.say('leave'));
    if (programmeId) await step(() => chat.click(programmeId));
    await step(() => chat.click('yes'));
  }

  /** "Table.column" for every column of every table holding `needle` anywhere in its value. */
  async function whereIs(needle: string): Promise<string[]> {
    const columns = await h.prisma.$queryRaw<{ table: string; column: string; type: string }[]>`
      SELECT table_name AS "table", column_name AS "column", data_type AS "type" FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
        AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY', 'bytea')`;
    const found: string[] = [];
    for (const { table, column, type } of columns) {
      const test = type === 'bytea' ? `position(convert_to($1, 'UTF8') in "${column}") > 0` : `strpos("${column}"::text, $1) > 0`;
      const [row] = await h.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${test}`, needle);
      if (row && row.n > 0) found.push(`${table}.${column}`);
    }
    return found.sort();
  }

  const payloadsOf = async (chat: Chat) => (await chat.all()).map((m: Outbound) => JSON.stringify(m));

  it('join, edit and leave: her name, goals and words are nowhere in the database; role, dates and counts stay', async () => {
    const amina = h.chat('amina', { locale: 'en', displayName: 'amina.handle' });
    const kari = h.chat('kari');
    await amina.say('help'); // before joining: not hers to erase
    await joinAsMentee(amina);
    await step(() => amina.say('edit profile'));
    await step(() => amina.click('all'));
    await step(() => amina.submit({ fullName: NAME, region: 'Tromsø', availability: 'flexible' }));
    await step(() => amina.submit({ languages: ['ar'] }));
    await step(() => amina.submit({ nb: 'A2', ar: 'native' }));
    await step(() => amina.submit({ field: 'health', profession: 'Nurse', education: EDUCATION, yearsExperience: '6' }));
    await step(() => amina.submit({ goal1: EDITED_GOAL, goal2: GOAL, helpWanted: HELP_WANTED }));
    await step(() => kari.say('hjelp')); // Kari's own messages name nobody: kept

    // The search finds what is there (so its empty answers below mean something).
    expect(await whereIs(GOAL)).toEqual(['FlowRun.answers', 'Membership.goals', 'OutboxMessage.payload']);
    expect(await whereIs(NAME)).toEqual(['FlowRun.answers', 'Membership.fullName', 'OutboxMessage.payload', 'Person.displayName']);
    expect(await whereIs(EDUCATION)).toEqual(['FlowRun.answers', 'Membership.education', 'OutboxMessage.payload']);
    expect((await payloadsOf(kari)).some((p) => p.includes(NAME))).toBe(true);
    const [roleQuestion] = (await amina.all()).flatMap((m) => (m.prompt ? [m.prompt.id] : []));
    const queue = new PrismaOutboxQueue(h.prisma);
    expect(await queue.findRefForPrompt(orgId, await amina.personId(), roleQuestion ?? '')).toEqual({ ts: 'delivered' });

    await leave(amina);

    for (const needle of [NAME, GOAL, EDITED_GOAL, HELP_WANTED, EDUCATION]) expect({ needle, at: await whereIs(needle) }).toEqual({ needle, at: [] });
    const person = await h.prisma.person.findUniqueOrThrow({ where: { id: await amina.personId() } });
    expect(person.displayName).toMatch(/^Tidligere deltaker \([0-9A-Z]{4}\)$/); // the deployment's language (nb here)
    const membership = await h.prisma.membership.findFirstOrThrow({ where: { personId: person.id } });
    expect(membership).toMatchObject({ role: 'mentee', status: 'left', consentVersion: PRIVACY_NOTICE_VERSION, fullName: null, goals: [], region: null, profession: null, education: null });
    expect(membership.leftAt).not.toBeNull();
    const runs = await h.prisma.flowRun.findMany({ where: { personId: person.id }, orderBy: { startedAt: 'asc' } });
    expect(runs.map((r) => [r.flowId, r.status, r.answers])).toEqual([['join', 'completed', {}], ['edit-profile', 'completed', {}], ['leave', 'completed', {}]]);

    const audits = await h.prisma.auditEvent.findMany({ where: { action: 'membership:erased' } });
    expect(audits).toHaveLength(1);
    const audit = audits[0] as (typeof audits)[number];
    expect(audit).toMatchObject({ actorPersonId: person.id, subjectType: 'Membership', subjectId: membership.id });
    expect(audit.data).toMatchObject({ programmeId: 'prog', profile: 1, flowAnswers: 3, othersOutboxPayloads: 1, files: 0, questionsWithdrawn: 0, displayName: 'neutral' });
    const { outboxPayloads } = audit.data as { outboxPayloads: number };
    expect(outboxPayloads).toBeGreaterThan(10);

    // Her copies from before she joined and the leave's own replies are there; the rest are erased.
    const mine = await amina.all();
    expect(mine[0]?.text).toContain('What you can do now');
    expect(mine.at(-1)?.text).toContain('You have left');
    expect(mine.filter((m) => m.erased).length).toBe(outboxPayloads);
    // Kari's notice is erased, her own help reply is not; she is told of the leaving without the name.
    const kariGot = await kari.all();
    expect(kariGot.filter((m) => m.erased)).toHaveLength(1);
    expect(kariGot.at(-2)?.text).toContain('Dette kan du gjøre nå');
    expect(kariGot.at(-1)?.text).toContain('har meldt seg ut');

    // An erased question has no prompt id left: a later replacement of it is sent as a new message.
    expect(await queue.findRefForPrompt(orgId, person.id, roleQuestion ?? '')).toBeNull();
    // The playground's history leaves erased copies out.
    const history = await storeDirectory({ store: h.store, queue, tenant: 'demo', externalIds: ['amina'] }).history({ externalId: 'amina', personId: person.id, organisationId: orgId, displayName: '', role: null, locale: 'en' });
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((e) => !e.payload.erased && e.payload.text !== '')).toBe(true);
  });

  it('finds the name in coordinators’ copies however it is written', async () => {
    const tricky = 'Åse "Mimi" O’Neil\\';
    await joinAsMentee(h.chat('ase', { locale: 'nb' }), { name: tricky });
    expect(await whereIs('Mimi')).toContain('OutboxMessage.payload');
    await leave(h.chat('ase'));
    expect(await whereIs('Mimi')).toEqual([]);
  });

  it('leaving one programme of two keeps the other programme’s profile, answers and name', async () => {
    await seedProgramme(h, orgId, 'SECOND22', 'prog2');
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    await step(() => joinAsMentee(amina, { code: 'SECOND22', name: 'Amina T.', goal: 'Goal-FROTZ', reuse: true }));
    await leave(amina, 'prog2');

    expect(await whereIs('Amina T.')).toEqual([]);
    expect(await whereIs('Goal-FROTZ')).toEqual([]);
    const kept = await h.prisma.membership.findFirstOrThrow({ where: { programmeId: 'prog', role: 'mentee' } });
    expect(kept).toMatchObject({ status: 'active', fullName: NAME, goals: [GOAL], helpWanted: HELP_WANTED, region: 'Tromsø' });
    const joinRun = await h.prisma.flowRun.findFirstOrThrow({ where: { programmeId: 'prog', flowId: 'join' } });
    expect(JSON.stringify(joinRun.answers)).toContain(GOAL);
    const person = await h.prisma.person.findUniqueOrThrow({ where: { id: await amina.personId() } });
    expect(person.displayName).toBe(NAME); // the name the remaining programme's profile gives
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ programmeId: 'prog2', displayName: 'other-profile' });
  });

  it('her closing reflection, survey words and the line she gave for ending go; his own reflection stays', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await activeMatch(h, orgId, 'match-1', ola, amina);
    await step(() => amina.chat.say('end mentoring'));
    await step(() => amina.chat.click('yes'));
    await step(() => amina.chat.submit({ reason: 'other', note: 'Ending-Line-WIBBLE' }));
    await step(async () => amina.chat.submit({ achieved: 'Closing-Reflection-FNORD', takeWith: '', next: '' }, (await form(amina.chat, 'Closing reflection')).id));
    await step(async () => amina.chat.submit({ overall: '4', recommend: 'yes', valuable: 'Survey-Valuable-ZORK', change: 'Survey-Change-ZORK', stayInTouch: 'yes' }, (await form(amina.chat, 'Exit survey')).id));
    await step(async () => ola.chat.submit({ learned: 'His-Reflection-KEEP', differently: '' }, (await form(ola.chat, 'Closing reflection')).id));
    expect(await whereIs('Closing-Reflection-FNORD')).toEqual(['ClosureAnswer.answers']);
    expect(await whereIs('Ending-Line-WIBBLE')).toEqual(['Closure.note', 'OutboxMessage.payload']);
    await leave(amina.chat);
    for (const needle of ['Closing-Reflection-FNORD', 'Survey-Valuable-ZORK', 'Survey-Change-ZORK']) expect({ needle, at: await whereIs(needle) }).toEqual({ needle, at: [] });
    // Her line stays only in the coordinators' copy of the notice (as end match's reason does); the closure keeps none.
    expect(await whereIs('Ending-Line-WIBBLE')).not.toContain('Closure.note');
    expect(await whereIs('His-Reflection-KEEP')).toEqual(['ClosureAnswer.answers']);
    // The survey's numbers stay for the programme's counts.
    expect((await h.prisma.closureAnswer.findFirstOrThrow({ where: { kind: 'survey' } })).answers).toMatchObject({ overall: '4', valuable: null });
  });

  it('her preparations and reflections go, with her ratings, and from his copies what she shared or summarised; his own reflection stays', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    // No name in her profile (he knows her by her handle): her words are looked for themselves.
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile({ fullName: null }));
    await activeMatch(h, orgId, 'match-1', ola, amina);
    await confirmedAgreement(h, orgId, 'yes');
    await step(() => amina.chat.say('prepare'));
    await step(() => amina.chat.submit({ standsOut: 'Her-Preparation-FROOB', goalWork: '', wentWell: '', difficult: '' }));
    await step(() => amina.chat.click('share'));
    await step(() => runJob(h, orgId, 'reflect', 'meet-1'));
    await step(() => amina.chat.say('4'));
    await step(() => amina.chat.submit({ useful: 'Her-Reflection-FROOB', focus: '', workOn: '' }));
    await step(() => amina.chat.submit({ summary: 'Her-Summary-FROOB' }));
    expect(await whereIs('Her-Summary-FROOB')).toEqual(['OutboxMessage.payload', 'Reflection.answers']);
    await step(() => ola.chat.say('3'));
    await step(() => ola.chat.submit({ interested: 'His-Reflection-STAYS', learningPoints: '', aboutMyself: '' }));
    // Her own chat's copy of the answered form, and the row.
    expect(await whereIs('Her-Reflection-FROOB')).toEqual(['OutboxMessage.payload', 'Reflection.answers']);
    await leave(amina.chat);
    for (const needle of ['Her-Preparation-FROOB', 'Her-Reflection-FROOB', 'Her-Summary-FROOB']) expect({ needle, at: await whereIs(needle) }).toEqual({ needle, at: [] });
    expect(await h.prisma.reflection.count({ where: { authorMembershipId: amina.membershipId } })).toBe(0);
    expect(await whereIs('His-Reflection-STAYS')).toEqual(['OutboxMessage.payload', 'Reflection.answers']);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ reflections: 2 });
  });

  it('her nudges and her pause of them go when she leaves; his stay', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile({ fullName: null }));
    await activeMatch(h, orgId, 'match-1', ola, amina);
    const { seedPlanner } = await import('../../src/core/features/nudges/plan.js');
    await h.core.units.forOrganisation(orgId, (work) => seedPlanner(work));
    h.clock.advance(40 * 24 * 60 * MINUTE); // weeks without a meeting: both have something waiting
    await step(() => runJob(h, orgId, 'prepare', 'none'));
    await step(() => runJob(h, orgId, 'prepare', 'none')); // the plan's chunks
    expect(await h.prisma.nudgeLog.count({ where: { personId: amina.personId } })).toBe(1);
    await step(() => amina.chat.say('pause nudges until 2027-06-01'));
    expect(await h.prisma.nudgePause.count({ where: { personId: amina.personId } })).toBe(1);
    await leave(amina.chat);
    expect(await h.prisma.nudgeLog.count({ where: { personId: amina.personId } })).toBe(0);
    expect(await h.prisma.nudgePause.count({ where: { personId: amina.personId } })).toBe(0);
    expect(await h.prisma.nudgeLog.count({ where: { personId: ola.personId } })).toBe(1);
  });

  it('the place she typed for a meeting goes from the meeting; its time stays for the counts', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await activeMatch(h, orgId, 'match-1', ola, amina);
    await step(() => amina.chat.say('meeting'));
    await step(() => amina.chat.submit({ date: '2026-12-01', time: '10:00', minutes: '60', mode: 'in-person', place: 'Meeting-Place-XYZZY' }));
    await step(() => ola.chat.click('accept'));
    expect(await whereIs('Meeting-Place-XYZZY')).toContain('Meeting.place');
    await leave(amina.chat);
    // Nowhere: not the meeting, not Ola's copies of her proposal, not his calendar file's LOCATION.
    expect(await whereIs('Meeting-Place-XYZZY')).toEqual([]);
    expect(await h.prisma.meeting.findFirstOrThrow()).toMatchObject({ place: null, minutes: 60 });
  });

  it('her check-in comments go, shared or not, and the shared one leaves the coordinator’s copies; his stays', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile({ fullName: null }));
    await activeMatch(h, orgId, 'match-1', ola, amina);
    const { planCheckIns } = await import('../../src/core/features/checkins/schedule.js');
    await h.core.units.forOrganisation(orgId, (work) => planCheckIns(work, 'match-1'));
    h.clock.set(new Date('2026-09-08T08:00:00Z'));
    await step(() => runJob(h, orgId, 'prepare', 'none')); // runs what is due: the first check-in
    await step(() => amina.chat.say('4'));
    await step(() => amina.chat.submit({ comment: 'Her-Checkin-Shared-FROOP', share: ['share'] }));
    await step(() => ola.chat.say('5'));
    await step(() => ola.chat.submit({ comment: 'His-Checkin-STAYS' }));
    await step(() => h.chat('kari').say('innsjekker'));
    expect(await whereIs('Her-Checkin-Shared-FROOP')).toEqual(['CheckIn.comment', 'OutboxMessage.payload']);
    h.clock.set(new Date('2026-09-29T08:00:00Z'));
    await step(() => runJob(h, orgId, 'prepare', 'none'));
    await step(() => amina.chat.say('3'));
    await step(() => amina.chat.submit({ comment: 'Her-Checkin-Private-FROOP' }));
    expect(await whereIs('Her-Checkin-Private-FROOP')).toEqual(['CheckIn.comment']);
    await leave(amina.chat);
    for (const needle of ['Her-Checkin-Shared-FROOP', 'Her-Checkin-Private-FROOP']) expect({ needle, at: await whereIs(needle) }).toEqual({ needle, at: [] });
    expect(await whereIs('His-Checkin-STAYS')).toEqual(['CheckIn.comment']);
    expect(await h.prisma.checkIn.count({ where: { membershipId: amina.membershipId, score: { not: null } } })).toBe(2);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ checkInComments: 2 });
  });

  it('the goal progress of her pair goes, her lines and his; her lines leave his copies of the goals view too', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    // No name in her profile: his copies are then found by her line itself, not by her name beside it.
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile({ fullName: null }));
    await activeMatch(h, orgId, 'match-1', ola, amina);
    await confirmAgreement(h, orgId, ['Agreed-Goal-SNARK']);
    await step(() => openForm(amina.chat));
    await step(() => amina.chat.submit(steps(['started'], ['Her-Goal-Line-BLORT'])));
    await step(() => openForm(ola.chat));
    await step(() => ola.chat.submit(steps(['done'], ['His-Goal-Line-GRAULT'])));
    await step(() => ola.chat.say('goals')); // his copy of the view shows her line
    expect(await whereIs('Her-Goal-Line-BLORT')).toEqual(['GoalProgress.line', 'OutboxMessage.payload']);
    expect(await whereIs('His-Goal-Line-GRAULT')).toContain('GoalProgress.line');
    await leave(amina.chat);
    expect(await whereIs('Her-Goal-Line-BLORT')).toEqual([]);
    expect(await whereIs('His-Goal-Line-GRAULT')).not.toContain('GoalProgress.line');
    expect(await h.prisma.goalProgress.count()).toBe(0);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ goals: 2 });
  });

  it('the words she shared with the coordinators and the notes about her go; an escalation still open about her is closed and its card withdrawn', async () => {
    const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'));
    const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile());
    await activeMatch(h, orgId, 'match-1', ola, amina);
    const kari = h.chat('kari');
    await step(() => amina.chat.say('talk to a coordinator'));
    await step(() => amina.chat.submit({ about: 'Escalation-Words-QUAGGA' }));
    await step(() => kari.click('ack'));
    await step(() => kari.click('resolve'));
    await step(() => kari.submit({ note: 'Resolution-Note-VOLE' }));
    await step(() => amina.chat.say('talk to a coordinator'));
    await step(() => amina.chat.submit({ about: 'Second-Words-QUAGGA' }));
    expect(await whereIs('Escalation-Words-QUAGGA')).toEqual(['EscalationSource.sharedWords', 'OutboxMessage.payload']);
    expect(await whereIs('Resolution-Note-VOLE')).toEqual(['Escalation.resolutionNote']);
    await leave(amina.chat);
    for (const needle of ['QUAGGA', 'Resolution-Note-VOLE']) expect({ needle, at: await whereIs(needle) }).toEqual({ needle, at: [] });
    const rows = await h.prisma.escalation.findMany({ orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.status, r.resolution])).toEqual([['resolved', 'resolved'], ['resolved', 'left']]);
    expect(await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: rows[1]?.questionId ?? '' } })).toMatchObject({ status: 'withdrawn' });
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ escalations: 4 });
  });

  it('withdraws open questions about her, and takes her off shared ones', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await joinAsMentee(amina);
    const aminaId = await amina.personId();
    const kariId = `coord-${orgId}`;
    const membership = await h.prisma.membership.findFirstOrThrow({ where: { personId: aminaId } });
    const open = (audience: string[], data: Record<string, string>, programmeId = 'prog') =>
      h.core.units.forOrganisation(orgId, (w) => ask(w, { kind: 'demo.case', programmeId, subjectType: 'demo', subjectId: data.label ?? '', audience, data }));
    const aboutHer = await open([kariId], { label: 'about', membershipId: membership.id });
    const hersAlone = await open([aminaId], { label: 'hers' });
    const shared = await open([aminaId, kariId], { label: 'shared' });
    const elsewhere = await open([aminaId], { label: 'other programme' }, 'prog-other');
    await leave(amina);

    const status = async (id: string) => h.prisma.openQuestion.findUniqueOrThrow({ where: { id } });
    expect(await status(aboutHer.id)).toMatchObject({ status: 'withdrawn' });
    expect(await status(hersAlone.id)).toMatchObject({ status: 'withdrawn' });
    expect(await status(shared.id)).toMatchObject({ status: 'open', audience: [kariId] });
    expect(await status(elsewhere.id)).toMatchObject({ status: 'open' });
    const kariGot = await h.chat('kari').all();
    expect(kariGot.find((m) => m.replacesPromptId === aboutHer.id)).toMatchObject({ text: expect.stringContaining('Trukket tilbake') });
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ questionsWithdrawn: 2, audiencesLeft: 1 });
  });
});
