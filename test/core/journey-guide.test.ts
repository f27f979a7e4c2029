/**
 * `meeting guide`: the MENTOR model one step at a time (the seeds' questions, in English and
 * Norwegian), back and forth; a private note per step, saved and edited in place; `my notes`;
 * a person without a pair told kindly; a mentor with two mentees asked which pair first.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRich } from '../../src/core/kernel/rich-text.js';
import { type Harness, createHarness } from '../support/harness.js';
import { activeMatch, card, seedPair, writeNote } from './journey-guide-fixtures.js';
import { menteeProfile, said, seedMember } from './matching-fixtures.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

/** Each step's name and one of its questions, as the seeds give them. */
const EN = [
  ['Meet', 'What expectations do you have for this mentoring meeting?'],
  ['Explore', 'What is the problem that you want to talk to me about?'],
  ['Needs and requirements', 'What will it take for you to try what we have talked about?'],
  ['Time and resources', 'What can I do as a mentor to help you further?'],
  ['Options', 'Will it be of real value to you?'],
  ['Review', 'Let us summarise the key points.'],
];
const NB = [
  ['Møte', 'Er det noen bestemte temaer du vil snakke om?'],
  ['Utforske', 'Hvordan ville andre beskrevet situasjonen?'],
  ['Behov og krav', 'Hva er positivt og hva er negativt med denne løsningen?'],
  ['Tid og ressurser', 'Er det noen som kan hjelpe deg? I så fall hvem?'],
  ['Muligheter', 'Kan du komme i gang nå?'],
  ['Oppsummering', 'Hvor konkret er planen din nå?'],
];

describe('the meeting guide', () => {
  it('in English, for the mentor: the overview, then Next through all six steps and Back to the first', async () => {
    const { ola } = await seedPair(h);
    await ola.chat.say('meeting guide');
    const opening = await said(ola.chat);
    expect(opening).toContain('The MENTOR model: a guide for your meeting, in six steps.');
    expect(opening).toContain('4. Time and resources: Find the help and resources needed to reach the goal.');
    // The steps' names in bold, as the bot's own emphasis (never asterisks shown as written).
    const overview = (await ola.chat.stored()).find((m) => m.text.includes('MENTOR'));
    const spans = parseRich(overview?.text ?? '').flat();
    expect(spans).toContainEqual({ text: 'Time and resources', bold: true });
    expect(spans.map((s) => s.text).join('')).not.toContain('*');
    for (const [i, [name, question]] of EN.entries()) {
      const step = await card(ola.chat);
      expect(step.text).toContain(`Step ${i + 1} of 6: ${name}`);
      expect(step.text).toContain(question);
      expect(step.text).toContain('Questions you can ask your mentee:');
      expect(step.values).toEqual([...(i > 0 ? ['back'] : []), ...(i < 5 ? ['next'] : []), 'note', 'done']);
      if (i < 5) await ola.chat.click('next');
    }
    for (let i = 4; i >= 0; i -= 1) {
      await ola.chat.click('back');
      expect((await card(ola.chat)).text).toContain(`Step ${i + 1} of 6: ${EN[i]?.[0]}`);
    }
    await ola.chat.click('done');
    expect(await said(ola.chat)).toContain('Good luck with the meeting!');
    expect(await h.prisma.flowRun.findFirstOrThrow({ where: { flowId: 'meeting-guide' } })).toMatchObject({ status: 'completed', answers: {} });
  });

  it('in Norwegian, for the mentee: every step with the seeds’ questions and her own lead line', async () => {
    const { amina } = await seedPair(h, { amina: 'nb' });
    await amina.chat.say('møteguide');
    expect(await said(amina.chat)).toContain('MENTOR-modellen: en guide for møtet deres, i seks steg.');
    for (const [i, [name, question]] of NB.entries()) {
      const step = await card(amina.chat);
      expect(step.text).toContain(`Steg ${i + 1} av 6: ${name}`);
      expect(step.text).toContain(question);
      expect(step.text).toContain('Spørsmål å tenke på og snakke om med mentoren din:');
      expect(step.labels).toContain('Skriv et notat');
      if (i < 5) await amina.chat.click('next');
    }
    await amina.chat.click('back');
    expect((await card(amina.chat)).text).toContain('Steg 5 av 6: Muligheter');
  });

  it('a note is saved on its step, shown as saved, prefilled and edited in place: one row', async () => {
    const { ola, amina } = await seedPair(h);
    await amina.chat.say('meeting guide');
    await amina.chat.click('next');
    await writeNote(amina.chat, 'I want to talk about my CV');
    expect(await said(amina.chat)).toContain('Your note for Explore is saved. Only you can read it.');
    const again = await card(amina.chat);
    expect(again.text).toContain('Step 2 of 6: Explore');
    expect(again.text).toContain('(your note saved)');
    expect(again.labels).toContain('Edit your note');
    await amina.chat.click('back');
    expect((await card(amina.chat)).text).not.toContain('(your note saved)');
    await amina.chat.click('next');
    await amina.chat.click('note');
    const form = (await amina.chat.lastPrompt()).spec;
    expect(form.kind === 'form' ? form.fields[0] : null).toMatchObject({ name: 'text', initial: 'I want to talk about my CV', maxLength: 2000, multiline: true });
    // Shown again in a later turn (Slack opens the modal from the button): still prefilled.
    const later = await h.core.currentQuestion({ platform: 'playground', tenant: 'demo', user: { externalId: 'amina' } }, await amina.chat.lastPromptId());
    const laterSpec = later?.prompt?.spec;
    expect(laterSpec?.kind === 'form' ? laterSpec.fields[0] : null).toMatchObject({ name: 'text', initial: 'I want to talk about my CV' });
    await amina.chat.submit({ text: 'My CV, and the interview on Friday' });
    const rows = await h.prisma.privateNote.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ matchId: 'match-1', authorMembershipId: amina.membershipId, context: 'mentor-model', step: 'explore', text: 'My CV, and the interview on Friday' });
    await amina.chat.click('done');
    await amina.chat.say('my notes');
    const notes = await said(amina.chat);
    expect(notes).toContain('With Ola Nordmann (Jobbstart 2027)');
    expect(notes).toContain('2. Explore: My CV, and the interview on Friday');
    expect(notes).not.toContain('about my CV');
    // Ola's own list has nothing of hers.
    await ola.chat.say('my notes');
    expect(await said(ola.chat)).toContain('No notes yet.');
  });

  it('an emptied note is deleted; a note longer than 2000 characters is refused and nothing is stored', async () => {
    const { amina } = await seedPair(h);
    await amina.chat.say('meeting guide');
    await writeNote(amina.chat, 'Expectations: a plan');
    await amina.chat.click('note');
    await amina.chat.submit({ text: 'x'.repeat(2001) });
    expect((await h.prisma.privateNote.findFirstOrThrow()).text).toBe('Expectations: a plan');
    await amina.chat.submit({ text: '  ' });
    expect(await said(amina.chat)).toContain('Your note for Meet is deleted.');
    expect(await h.prisma.privateNote.count()).toBe(0);
  });

  it('someone without a pair is told kindly, and help offers the guide only once they have one', async () => {
    const { orgId, ola } = await seedPair(h);
    const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali' }));
    await sara.chat.say('meeting guide');
    expect(await said(sara.chat)).toContain('The meeting guide is for a mentor and a mentee who are a pair, and you do not have a pair yet.');
    await sara.chat.say('my notes');
    expect(await said(sara.chat)).toContain('you do not have a pair yet');
    expect(await h.prisma.flowRun.count({ where: { flowId: 'meeting-guide' } })).toBe(0);
    await sara.chat.say('help');
    expect(await said(sara.chat)).not.toContain('meeting guide');
    await activeMatch(h, orgId, 'match-2', ola, sara);
    await sara.chat.say('help');
    const help = await said(sara.chat);
    expect(help).toContain('meeting guide — the MENTOR model for your meeting');
    expect(help).toContain('my notes — your own notes from the meeting guide');
  });

  it('a mentor with two mentees chooses the pair first; the note belongs to that pair', async () => {
    const { orgId, ola } = await seedPair(h);
    const sara = await seedMember(h, orgId, 'sara', 'mentee', menteeProfile({ fullName: 'Sara Ali' }));
    await activeMatch(h, orgId, 'match-2', ola, sara);
    await ola.chat.say('guide');
    const pick = await card(ola.chat);
    expect(pick.text).toContain('Which pair is this meeting for?');
    expect(pick.labels).toEqual(['Amina Yusuf (Jobbstart 2027)', 'Sara Ali (Jobbstart 2027)']);
    await ola.chat.click('match-2');
    expect((await card(ola.chat)).text).toContain('Step 1 of 6: Meet');
    await writeNote(ola.chat, 'Ask Sara about her goals');
    expect(await h.prisma.privateNote.findFirstOrThrow()).toMatchObject({ matchId: 'match-2', authorMembershipId: ola.membershipId });
    await ola.chat.click('done');
    await ola.chat.say('my notes');
    const notes = await said(ola.chat);
    expect(notes).toMatch(/With Amina Yusuf \(Jobbstart 2027\)\nNo notes yet/);
    expect(notes).toContain('With Sara Ali (Jobbstart 2027)\n1. Meet: Ask Sara about her goals');
  });
});
