/**
 * A reflection is its author's alone: the partner reads it only when the author shares it (a
 * card whose words are literals), `my reflections` shows the author their own only, a
 * coordinator's facts have numbers and dates and never a word, and no log line carries one.
 * Where the confirmed agreement says so, the mentee's reflection ends with a summary that goes
 * to her mentor; without that (or with an older agreement that never asked) it does not.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { agreementCard, frameForm, readContent } from '../../src/core/features/journey/agreement-content.js';
import { reflectionFacts } from '../../src/core/features/reflections/index.js';
import { LITERAL_CLOSE, LITERAL_OPEN } from '../../src/core/kernel/rich-text.js';
import { type Chat, type Harness, createHarness, texts } from '../support/harness.js';
import { card, harnessWithLogs, outbox, seedPair } from './journey-guide-fixtures.js';
import { said } from './matching-fixtures.js';
import { confirmedAgreement, lastForm, MENTEE_REFLECTION, MENTOR_REFLECTION, reflections, runJob, WORDS } from './reflections-fixtures.js';

let h: Harness;
afterEach(() => h.close());

/** Both rate meeting-1 and answer their reflection; returns the pair. */
async function bothReflect(harness: Harness, locales: { ola?: 'en' | 'nb'; amina?: 'en' | 'nb' } = {}, logs?: string[]) {
  const pair = await seedPair(harness, locales);
  await runJob(harness, pair.orgId, 'reflect', 'meet-1', logs);
  await pair.amina.chat.click('4');
  await pair.amina.chat.submit(MENTEE_REFLECTION);
  await pair.ola.chat.click('2');
  await pair.ola.chat.submit(MENTOR_REFLECTION);
  return pair;
}

/** The agreement made through `agreement`, its frame saying the mentee writes a summary; both confirm. */
async function agreeOnSummary(h: Harness, amina: Chat, ola: Chat): Promise<void> {
  await amina.say('agreement');
  await amina.submit({ help: 'Work as a nurse', hopes: 'A job', goals: 'Authorisation' });
  await amina.submit({ confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: '24 hours', evaluation: 'Every third', summary: 'yes' });
  await ola.say('avtale');
  await ola.submit({ offer: 'Kontakter', hopes: 'Lære', limits: '' });
  await ola.submit({ confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: '24 hours', evaluation: 'Every third', summary: 'yes' });
  await amina.click('confirm');
  await ola.click('confirm');
  const agreement = await h.prisma.agreement.findFirstOrThrow({ where: { status: 'confirmed' } });
  expect((agreement.answers as { frame: { summary: string } }).frame.summary).toBe('yes');
}

const toOla = async (h: Harness, olaId: string) => (await outbox(h)).filter((m) => m.personId === olaId).map((m) => m.json).join('\n');

describe('the privacy of a reflection', () => {
  it('kept private: the partner and the coordinator get nothing of it; logs carry no word', async () => {
    const withLogs = await harnessWithLogs();
    h = withLogs.h;
    const { orgId, ola, amina, kari } = await bothReflect(h, {}, withLogs.logs);
    await amina.chat.click('private');
    expect(await said(amina.chat)).toContain('It stays private');
    for (const w of ['WOMBAT', 'KOALA', 'DINGO']) expect(await toOla(h, ola.personId)).not.toContain(w);
    expect((await reflections(h)).every((r) => r.sharedAt === null)).toBe(true);

    const facts = await h.core.units.forOrganisation(orgId, (w) => reflectionFacts(w, 'match-1'));
    expect(facts?.mentee).toMatchObject({ membershipId: amina.membershipId, reflections: 1, preparations: 0, ratings: [{ rating: 4 }] });
    expect(facts?.mentor).toMatchObject({ reflections: 1, ratings: [{ rating: 2 }] });
    expect(facts?.mentee.ratings[0]?.at).toBeInstanceOf(Date);
    for (const w of WORDS) expect(JSON.stringify(facts)).not.toContain(w);

    await kari.chat.say('my reflections');
    expect(await said(kari.chat)).toContain('once they are a pair');
    const logs = withLogs.logs.join('\n');
    expect(logs).toContain('inbound handled');
    expect(logs).not.toContain('job failed');
    for (const w of WORDS) expect(logs).not.toContain(w);
  });

  it('shared: the partner gets her words as literals (nb); sharedAt is recorded; a second click sends nothing more', async () => {
    h = await createHarness();
    const { ola, amina } = await seedPair(h, { ola: 'nb' });
    await amina.chat.say('prepare');
    await amina.chat.submit({ standsOut: '*bold* <https://evil.example|click>', goalWork: '', wentWell: '', difficult: '' });
    const share = await card(amina.chat);
    expect(share.text).toContain('Share your preparation with Ola Nordmann?');
    const id = (await amina.chat.lastPrompt()).id;
    await amina.chat.click('share', id);
    await amina.chat.click('share', id);
    expect(await said(amina.chat)).toContain('Shared with Ola Nordmann');
    const cards = (await outbox(h)).filter((m) => m.personId === ola.personId && m.json.includes('evil.example'));
    expect(cards).toHaveLength(1);
    expect(cards[0]?.json).toContain(JSON.stringify(`${LITERAL_OPEN}*bold* <https://evil.example|click>${LITERAL_CLOSE}`).slice(1, -1));
    expect(cards[0]?.message.title).toContain('deler forberedelsen sin med deg');
    expect((await reflections(h))[0]?.sharedAt).toBeInstanceOf(Date);
  });

  it('`my reflections` / `mine refleksjoner`: the author\'s own only, even of a shared one', async () => {
    h = await createHarness();
    const { ola, amina } = await bothReflect(h, { ola: 'nb' });
    await amina.chat.click('share');
    await ola.chat.click('private');
    await said(ola.chat);
    await ola.chat.say('mine refleksjoner');
    const olaView = JSON.stringify((await ola.chat.all()).at(-1));
    expect(olaView).toContain('Refleksjon,');
    expect(olaView).toContain('Læring-QUOKKA');
    for (const w of ['WOMBAT', 'KOALA', 'DINGO']) expect(JSON.stringify((await ola.chat.all()).at(-1))).not.toContain(w);
    await amina.chat.say('my reflections');
    const mine = JSON.stringify((await amina.chat.all()).at(-1));
    expect(mine).toContain('WOMBAT');
    expect(mine).toContain('Rating: 4 of 5');
    for (const w of ['EMU', 'QUOKKA', 'NUMBAT']) expect(mine).not.toContain(w);
  });
});

describe("the mentee's summary for the mentor", () => {
  it('the agreement says yes: her reflection ends with a summary, sent to him as a literal', async () => {
    h = await createHarness();
    const { orgId, ola, amina } = await seedPair(h, { ola: 'nb' });
    await agreeOnSummary(h, amina.chat, ola.chat);
    await runJob(h, orgId, 'reflect', 'meet-1');
    await amina.chat.say('4');
    await amina.chat.submit(MENTEE_REFLECTION);
    expect(await lastForm(amina.chat)).toMatchObject({ title: 'Summary for your mentor', fields: ['summary'] });
    // Waiting for the summary, the run already holds none of her reflection's words.
    expect(JSON.stringify(await h.prisma.flowRun.findMany())).not.toContain('WOMBAT');
    expect(await said(amina.chat)).toContain('Summary for Ola Nordmann');
    await amina.chat.submit({ summary: 'Summary-MOOSE _we agreed_' });
    expect(await said(amina.chat)).toContain('Your summary is sent to Ola Nordmann');
    const sent = (await outbox(h)).filter((m) => m.personId === ola.personId && m.json.includes('MOOSE'));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.message.title).toContain('Sammendrag fra');
    expect(sent[0]?.json).toContain(`${LITERAL_OPEN}Summary-MOOSE _we agreed_${LITERAL_CLOSE}`);
    // Her reflection itself stays hers: he got the summary, not the answers.
    for (const w of ['WOMBAT', 'KOALA']) expect(await toOla(h, ola.personId)).not.toContain(w);
    expect(JSON.stringify(await h.prisma.flowRun.findMany())).not.toContain('MOOSE');
  });

  for (const summary of ['no', undefined] as const) {
    it(`the agreement says ${summary ?? 'nothing (an older version)'}: no summary is asked`, async () => {
      h = await createHarness();
      const { orgId, amina } = await seedPair(h);
      await confirmedAgreement(h, orgId, summary);
      await runJob(h, orgId, 'reflect', 'meet-1');
      await amina.chat.click('4');
      await amina.chat.submit(MENTEE_REFLECTION);
      const forms = (await amina.chat.all()).flatMap((m) => (m.prompt?.spec.kind === 'form' ? [m.prompt.spec.title] : []));
      expect(forms).toEqual(['After the meeting']);
      expect(await h.prisma.openQuestion.count({ where: { kind: 'reflections.share', status: 'open' } })).toBe(1);
    });
  }

  it("the agreement's frame asks it, and its card says it; an older frame reads as No", () => {
    const form = frameForm();
    expect(form.kind === 'form' && form.fields.map((f) => f.name)).toContain('summary');
    const t = (locale: string) => (key: string, params?: Record<string, string | number | Date>) => texts.t(locale, key, params, 'Europe/Oslo');
    const frame = { confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: 'x', evaluation: 'y' };
    const lines = (answers: Record<string, unknown>, locale: string) => (agreementCard(t(locale), readContent(answers), 1, 'Ola').sections ?? []).map((s) => s.text).join('\n');
    expect(lines({ frame: { ...frame, summary: 'yes' }, done: {} }, 'en')).toContain('Summary for the mentor after each meeting: Yes');
    expect(lines({ frame, done: {} }, 'en')).toContain('Summary for the mentor after each meeting: No');
    expect(lines({ frame: { ...frame, summary: 'yes' }, done: {} }, 'nb')).toContain('Sammendrag til mentoren etter hvert møte: Ja');
  });
});
