/**
 * One pair's whole year through chat and due jobs only (issue 13, "What done looks like"): Amina
 * (mentee, Norwegian) asks Ola (mentor, English), he accepts; introduction, agreement (and a
 * change to version 2), a meeting planned with its calendar file in Oslo time, the day before,
 * the meeting guide with a private note, "did it happen?", ratings, reflections and goal progress,
 * monthly meetings logged, the year-end closure, survey and stay in touch; Kari (coordinator)
 * sees counts and dates, never a word they wrote. Then: every command word (en and nb) run by
 * the coordinator and by each partner shows none of the private words, nor do the logs; and an
 * agreement and a reflection left half-way by both resume days later where they stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { form } from './closure-fixtures.js';
import { ALL_MARKERS, buttons, FRAME, eventStart, fresh, newestForm, newestIcs, pairTheRealWay, pairWithPrivateWords, PRIVATE, runDue, SHARED, sayAndCancel, everyCommand } from './journey-year-fixtures.js';

let h: Harness;
afterEach(() => h.close());

const versions = () => h.prisma.agreement.findMany({ orderBy: { version: 'asc' } });
const meetings = () => h.prisma.meeting.findMany({ orderBy: { startsAt: 'asc' } });

describe('a year of one pair', () => {
  it('from the accept to the closing, each in their own language', async () => {
    h = await createHarness(); // the clock: 2026-09-01 08:00 UTC
    const { kari, ola, amina } = await pairTheRealWay(h);

    // 1. The introduction, once each, in their own language.
    const toAmina = await fresh(amina.chat);
    expect(toAmina).toContain('Gode nyheter: Ola Nordmann har sagt ja og er nå mentoren din!');
    expect(toAmina).toContain('Møt mentoren din: Ola Nordmann');
    expect(toAmina).toContain('Du tar det første steget. Skriv til Ola Nordmann og foreslå en tid for det første møtet.');
    expect(toAmina).toContain('Help with authorisation and hospital jobs');
    expect(toAmina.split('Møt mentoren din').length).toBe(2);
    const toOla = await fresh(ola.chat);
    expect(toOla).toContain('Meet your mentee: Amina Yusuf');
    expect(toOla).toContain('Amina Yusuf will write to you and propose a time for your first meeting.');
    expect(toOla).toContain('Understand how Norwegian hospitals hire');
    expect(toOla).not.toContain('Møt');
    expect(await fresh(kari.chat)).toContain('New pair in Jobbstart 2027: Ola Nordmann is now the mentor of Amina Yusuf.');

    // 2. The agreement: her part and the frame, his part (her frame prefilled), both confirm.
    await amina.chat.say('avtale');
    expect((await newestForm(amina.chat)).title).toBe('Din del (mentee)');
    await amina.chat.submit({ help: SHARED.agreementHelp, hopes: 'En jobb på sykehus', goals: `${SHARED.goal}\nNorsk B2` });
    expect((await newestForm(amina.chat)).title).toBe('De praktiske rammene');
    await amina.chat.submit(FRAME);
    expect(await fresh(amina.chat)).toContain('Når Ola Nordmann har svart på sin, får dere begge hele avtalen til å bekrefte.');
    await ola.chat.say('agreement');
    expect((await newestForm(ola.chat)).title).toBe('Your part (mentor)');
    await ola.chat.submit({ offer: 'Contacts at Ullevål', hopes: 'Learn', limits: SHARED.limits });
    const frame = await newestForm(ola.chat);
    expect(frame).toMatchObject({ title: 'The practical frame', initial: { frequency: 'monthly', cancelling: 'Minst ett døgn før' } });
    await ola.chat.submit(frame.initial as never);
    const olaCard = await buttons(ola.chat);
    expect(olaCard.text).toContain('Your mentoring agreement with Amina Yusuf (version 1)');
    expect(olaCard.text).toContain(`1. ${SHARED.goal}`);
    expect(olaCard.text).toContain('We meet: Once a month');
    expect(olaCard.labels).toEqual(['Confirm', 'Propose a change']);
    const aminaCard = await buttons(amina.chat);
    expect(aminaCard.text).toContain('Mentoravtalen din med Ola Nordmann (versjon 1)');
    expect(aminaCard.text).toContain(`Hva mentoren ikke vil gjøre\n${SHARED.limits}`);
    expect(aminaCard.text).toContain('Vi møtes: Én gang i måneden');
    await amina.chat.click('confirm');
    await ola.chat.click('confirm');
    expect(await fresh(amina.chat)).toContain('Mentoravtalen din med Ola Nordmann er bekreftet av dere begge (versjon 1).');
    expect(await fresh(ola.chat)).toContain('Your mentoring agreement with Amina Yusuf is confirmed by you both (version 1).');
    expect(await versions()).toMatchObject([{ version: 1, status: 'confirmed' }]);

    // Later she proposes a change: a third goal. Version 2, both confirm again.
    h.clock.advance(2 * 86_400_000);
    await amina.chat.say('avtale');
    expect(await fresh(amina.chat)).toContain('Bekreftet. Mentor: bekreftet 1. september 2026. Mentee: bekreftet 1. september 2026.');
    await amina.chat.click('change');
    const mine = await newestForm(amina.chat);
    expect(mine.initial).toMatchObject({ help: SHARED.agreementHelp, goals: `${SHARED.goal}\nNorsk B2` });
    await amina.chat.submit({ ...mine.initial, goals: `${SHARED.goal}\nNorsk B2\nSøke på fem jobber` } as never);
    await amina.chat.submit((await newestForm(amina.chat)).initial as never);
    expect(await versions()).toMatchObject([{ version: 1, status: 'confirmed' }, { version: 2, status: 'proposed' }]);
    expect((await buttons(ola.chat)).text).toContain('Your mentoring agreement with Amina Yusuf (version 2)');
    expect((await buttons(ola.chat)).text).toContain('3. Søke på fem jobber');
    await amina.chat.click('confirm');
    await ola.chat.click('confirm');
    expect(await fresh(amina.chat)).toContain('bekreftet av dere begge (versjon 2)');
    expect(await fresh(ola.chat)).toContain('Amina Yusuf has confirmed your mentoring agreement (version 2).');
    expect(await versions()).toMatchObject([{ version: 1, status: 'superseded' }, { version: 2, status: 'confirmed' }]);

    // 3. She plans the first meeting with `møte`; he accepts; both get the calendar file in Oslo time.
    await amina.chat.say('møte');
    expect((await newestForm(amina.chat)).title).toBe('Foreslå et møte');
    await amina.chat.submit({ date: '2026-09-15', time: '18:00', minutes: '60', mode: 'in-person', place: 'Deichman Bjørvika' });
    expect(await fresh(amina.chat)).toContain('Jeg sendte forslaget ditt til Ola Nordmann: tirsdag 15. september 2026 klokka 18:00, 60 minutter, fysisk.');
    const proposal = await buttons(ola.chat);
    expect(proposal.text).toContain('Amina Yusuf proposes a meeting: Tuesday, September 15, 2026 at 6:00 PM, 60 minutes, in person.');
    expect(proposal.values).toEqual(['accept', 'move', 'cancel']);
    await ola.chat.click('accept');
    expect(await fresh(amina.chat)).toContain('Møtet ditt med Ola Nordmann er planlagt: tirsdag 15. september 2026 klokka 18:00');
    expect(await fresh(ola.chat)).toContain('Your meeting with Amina Yusuf is planned: Tuesday, September 15, 2026 at 6:00 PM');
    // 18:00 in Oslo's summer time is 16:00 UTC: the file says the local time under the zone.
    expect(eventStart(await newestIcs(h, amina.chat))).toBe('DTSTART;TZID=Europe/Oslo:20260915T180000');
    expect(eventStart(await newestIcs(h, ola.chat))).toBe('DTSTART;TZID=Europe/Oslo:20260915T180000');
    expect((await meetings())[0]?.startsAt.toISOString()).toBe('2026-09-15T16:00:00.000Z');

    // 4. The day before: the reminder and the offer to prepare; she prepares and keeps it private.
    h.clock.set(new Date('2026-09-14T16:00:00Z'));
    await runDue(h);
    const dayBefore = await fresh(amina.chat);
    expect(dayBefore).toContain('Påminnelse: du møter Ola Nordmann i morgen, tirsdag 15. september 2026 klokka 18:00');
    expect(dayBefore).toContain('Dere møtes 15. september 2026. Hvis du vil, kan du forberede deg');
    const olaDayBefore = await fresh(ola.chat);
    expect(olaDayBefore).toContain('Reminder: you meet Amina Yusuf tomorrow, Tuesday, September 15, 2026 at 6:00 PM');
    expect(olaDayBefore).toContain('Prepare now');
    await amina.chat.click('prepare');
    expect(await newestForm(amina.chat)).toMatchObject({ title: 'Før møtet', fields: ['standsOut', 'goalWork', 'wentWell', 'difficult'] });
    await amina.chat.submit({ standsOut: PRIVATE.aminaPreparation, goalWork: '', wentWell: '', difficult: '' });
    expect((await buttons(amina.chat)).labels).toEqual(['Del', 'Behold den privat']);
    await amina.chat.click('private');
    expect(await fresh(amina.chat)).toContain('Den er fortsatt privat. Bare du kan lese den.');

    // 5. During the meeting: Ola opens the guide, writes a private note on the first step.
    h.clock.set(new Date('2026-09-15T16:05:00Z'));
    await ola.chat.say('meeting guide');
    expect((await buttons(ola.chat)).text).toContain('Step 1 of 6: Meet');
    await ola.chat.click('note');
    await ola.chat.submit({ text: PRIVATE.olaNote });
    expect(await fresh(ola.chat)).toContain('Your note for Meet is saved. Only you can read it.');
    await ola.chat.click('done');
    expect(await fresh(ola.chat)).toContain('Good luck with the meeting!');

    // 6. An hour after its end she is asked whether it happened; held once he confirms.
    h.clock.set(new Date('2026-09-15T18:01:00Z'));
    await runDue(h);
    expect((await buttons(amina.chat)).text).toContain('Ble møtet ditt tirsdag 15. september 2026 klokka 18:00 holdt?');
    expect(await fresh(ola.chat)).not.toContain('Did your meeting');
    await amina.chat.click('held');
    expect((await buttons(ola.chat)).text).toContain('Amina Yusuf says you met on Tuesday, September 15, 2026 at 6:00 PM, 60 minutes, in person. Is that right?');
    await ola.chat.click('confirm');
    expect(await fresh(amina.chat)).toContain('Møtet ditt med Ola Nordmann 15. september 2026 er registrert som holdt.');
    expect(await fresh(ola.chat)).toContain('Your meeting with Amina Yusuf on September 15, 2026 is logged as held.');
    expect(await meetings()).toMatchObject([{ status: 'held' }]);
    await runDue(h);
    const rateHer = await buttons(amina.chat);
    expect(rateHer.text).toContain('Hvordan var møtet deres 15. september 2026?');
    expect(rateHer.values).toEqual(['1', '2', '3', '4', '5']);
    expect((await buttons(ola.chat)).text).toContain('How was your meeting on September 15, 2026?');
    await amina.chat.click('4');
    expect(await fresh(amina.chat)).toContain('Takk. Du ga møtet 4 av 5.');
    const herForm = await newestForm(amina.chat);
    expect(herForm).toMatchObject({ title: 'Etter møtet', fields: ['useful', 'focus', 'workOn'] });
    await amina.chat.submit({ useful: PRIVATE.aminaReflection, focus: '', workOn: '' });
    const afterHers = await fresh(amina.chat);
    expect(afterHers).toContain('Refleksjonen din er lagret. Bare du kan lese den.');
    expect(afterHers).toContain('Vil du dele refleksjonen din med Ola Nordmann?');
    const herShare = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.share', audience: { has: amina.personId }, answeredAt: null } });
    const goalsAsk = await buttons(amina.chat);
    expect(goalsAsk.text).toContain('Takk for refleksjonen. Hvordan går det med målene dine?');
    expect(goalsAsk.labels).toEqual(['Oppdater målene mine', 'Ikke nå']);
    await amina.chat.click('private', herShare.id);
    await amina.chat.click('update', goalsAsk.id);
    const goalForm = await newestForm(amina.chat);
    expect(goalForm.title).toBe('Framgang på målene våre');
    expect(goalForm.initial).toMatchObject({ step_0: 'not-started', step_1: 'not-started', step_2: 'not-started' });
    await amina.chat.submit({ step_0: 'done', line_0: SHARED.goalLine, step_1: 'under-way', line_1: '', step_2: 'not-started', line_2: '' });
    expect(await fresh(amina.chat)).toContain('Lagret. Ola Nordmann ser det også, med mål.');
    expect(await fresh(ola.chat)).toContain('Amina Yusuf recorded progress on your goals. Write goals to see it.');
    await ola.chat.click('5');
    expect(await fresh(ola.chat)).toContain('Thank you. You rated the meeting 5 of 5.');
    expect(await newestForm(ola.chat)).toMatchObject({ title: 'After the meeting', fields: ['interested', 'learningPoints', 'aboutMyself'] });
    await ola.chat.submit({ interested: PRIVATE.olaReflection, learningPoints: '', aboutMyself: '' });
    expect((await buttons(ola.chat)).text).toContain('Share your reflection with Amina Yusuf?');
    await ola.chat.click('private');
    expect(await fresh(ola.chat)).toContain('It stays private. Only you can read it.');
    await ola.chat.say('goals');
    const olaGoals = await fresh(ola.chat);
    expect(olaGoals).toContain(`Goal 1: ${SHARED.goal}\nNow: done`);
    expect(olaGoals).toContain(`Sep 15, 2026, Amina Yusuf: done. “${SHARED.goalLine}”`);
    const rows = await h.prisma.reflection.findMany({ where: { kind: 'reflection' }, orderBy: { rating: 'asc' } });
    expect(rows.map((r) => [r.rating, r.sharedAt])).toEqual([[4, null], [5, null]]);

    // 7. Months pass: a meeting a month, logged by her, confirmed by him.
    await Promise.all([fresh(kari.chat), fresh(amina.chat), fresh(ola.chat)]);
    for (const [month, day, en, nb] of [['10', '13', 'October 13', '13. oktober'], ['11', '17', 'November 17', '17. november'], ['12', '15', 'December 15', '15. desember']] as const) {
      h.clock.set(new Date(`2026-${month}-${day}T20:00:00Z`));
      await runDue(h);
      await amina.chat.say('logg møte');
      expect((await newestForm(amina.chat)).fields).toEqual(expect.arrayContaining(['date', 'time', 'minutes', 'mode']));
      await amina.chat.submit({ date: `2026-${month}-${day}`, time: '17:00', minutes: '60', mode: 'online' });
      expect(await fresh(amina.chat)).toContain('Takk. Jeg har bedt Ola Nordmann om å bekrefte det.');
      expect((await buttons(ola.chat)).text).toContain(`Amina Yusuf says you met on Tuesday, ${en}, 2026 at 5:00 PM, 60 minutes, online. Is that right?`);
      await ola.chat.click('confirm');
      expect(await fresh(amina.chat)).toContain(`Møtet ditt med Ola Nordmann ${nb} 2026 er registrert som holdt.`);
      expect(await fresh(ola.chat)).toContain(`Your meeting with Amina Yusuf on ${en}, 2026 is logged as held.`);
    }
    expect((await meetings()).map((m) => m.status)).toEqual(['held', 'held', 'held', 'held']);
    // The agreement came back once at three months, to each in their language.
    expect((await amina.chat.all()).filter((m) => m.context?.[0]?.startsWith('3 måneder med denne avtalen'))).toHaveLength(1);
    expect((await ola.chat.all()).filter((m) => m.context?.[0]?.startsWith('3 months with this agreement'))).toHaveLength(1);

    // Kari's progress while the pair runs: dates and counts, never their words.
    await kari.chat.say('progress');
    const progress = await fresh(kari.chat);
    expect(progress).toContain('1 pair in Jobbstart 2027; none needs a look.');
    expect(progress).toContain('Ola Nordmann and Amina Yusuf: since Sep 1, 2026 · agreement v2 confirmed Sep 3, 2026 · 4 meetings held · rated 4.5 on average (2 ratings) · reflections: mentee 1, mentor 1 · goals done: 1 of 3');
    for (const word of ALL_MARKERS) expect(progress).not.toContain(word);

    // 8. A week before the year ends: the notice; at the year's end: closed as completed.
    h.clock.set(new Date('2027-08-26T08:00:00Z'));
    await runDue(h);
    expect(await fresh(amina.chat)).toContain('Mentoråret ditt slutter 1. september 2027');
    expect(await fresh(ola.chat)).toContain('Your mentoring year ends on September 1, 2027');
    expect((await h.prisma.match.findFirstOrThrow()).status).toBe('active');
    h.clock.set(new Date('2027-09-01T08:01:00Z'));
    await runDue(h);
    expect((await h.prisma.match.findFirstOrThrow()).status).toBe('ended');
    expect(await h.prisma.closure.findFirstOrThrow()).toMatchObject({ outcome: 'completed', endedBy: 'year-end' });
    const herClosing = await fresh(amina.chat);
    expect(herClosing).toContain('Mentoråret ditt er over. Godt jobbet!');
    expect(herClosing).toContain('Spørreundersøkelse om Jobbstart 2027');
    const hisClosing = await fresh(ola.chat);
    expect(hisClosing).toContain('Your mentoring year is over. Well done!');
    expect(hisClosing).toContain('Survey about Jobbstart 2027');
    expect(await fresh(kari.chat)).toContain('Ola Nordmann and Amina Yusuf in Jobbstart 2027 have completed their mentoring year.');

    // The closing: her reflection (private), a last look at the goals, the survey; both want to stay in touch.
    await amina.chat.submit({ achieved: PRIVATE.closing, takeWith: '', next: '' }, (await form(amina.chat, 'Avsluttende refleksjon')).id);
    await ola.chat.submit({ learned: 'Patience', differently: '' }, (await form(ola.chat, 'Closing reflection')).id);
    const lastLook = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'goals.progress-ask', audience: { has: amina.personId }, answeredAt: null } });
    await amina.chat.click('update', lastLook.id);
    await amina.chat.submit({ step_0: 'done', line_0: '', step_1: 'done', line_1: '', step_2: 'under-way', line_2: '' });
    await Promise.all([fresh(amina.chat), fresh(ola.chat)]);
    await amina.chat.submit({ overall: '5', recommend: 'yes', valuable: 'Practising interviews', change: '', stayInTouch: 'yes' }, (await form(amina.chat, 'Sluttundersøkelse')).id);
    expect(await fresh(amina.chat)).not.toContain('vil begge holde kontakten');
    expect(await fresh(ola.chat)).toBe('');
    await ola.chat.submit({ overall: '4', recommend: 'yes', valuable: '', change: 'More meetings', stayInTouch: 'yes' }, (await form(ola.chat, 'Exit survey')).id);
    expect(await fresh(amina.chat)).toContain('du og Ola Nordmann vil begge holde kontakten');
    expect(await fresh(ola.chat)).toContain('you and Amina Yusuf both want to stay in touch');

    // Kari's outcomes at the end: counts, never a private word nor a name.
    await kari.chat.say('outcomes');
    const outcomes = await fresh(kari.chat);
    expect(outcomes).toContain('Completed: 1. Ended early: 0.');
    expect(outcomes).toContain('Overall: 4.5 of 5. Would recommend: yes 2, no 0, not sure 0.');
    for (const word of [...ALL_MARKERS, 'Patience', 'Amina', 'Ola']) expect(outcomes).not.toContain(word);
    await kari.chat.say('progress');
    const after = await fresh(kari.chat);
    expect(after).toContain('No pairs are running in Jobbstart 2027 now; 1 pair has ended. `outcomes` shows how they ended.');
    for (const word of ALL_MARKERS) expect(after).not.toContain(word);
  });
});

describe('privacy across every command', () => {
  it('no command shows a coordinator or the partner a private note, reflection or preparation; no log carries one', async () => {
    const logs: string[] = [];
    h = await createHarness({ logTo: logs });
    const { kari, ola, amina } = await pairWithPrivateWords(h);
    // The authors read their own words: the markers are there to be found.
    await ola.chat.say('my notes');
    expect(await fresh(ola.chat)).toContain(PRIVATE.olaNote);
    await amina.chat.say('mine refleksjoner');
    const hers = await fresh(amina.chat);
    expect(hers).toContain(PRIVATE.aminaReflection);
    expect(hers).toContain(PRIVATE.aminaPreparation);
    await amina.chat.say('mine notater');
    expect(await fresh(amina.chat)).toContain(PRIVATE.aminaNote);
    await ola.chat.say('goals');
    expect(await fresh(ola.chat)).toContain(SHARED.goalLine);

    const words = everyCommand();
    expect(words).toEqual(expect.arrayContaining(['my notes', 'mine notater', 'my reflections', 'progress', 'framdrift', 'outcomes', 'goals', 'agreement', 'møter']));
    for (const word of words) {
      await sayAndCancel(kari.chat, word, 'cancel');
      await sayAndCancel(ola.chat, word, 'cancel');
      await sayAndCancel(amina.chat, word, 'avbryt');
    }
    // Kari was answered (the coordinator's views ran), yet read nothing the pair wrote.
    const kariSaw = JSON.stringify(await kari.chat.stored());
    expect(kariSaw).toContain('How the pairs are doing');
    expect(kariSaw).toContain('Outcomes');
    for (const word of ALL_MARKERS) expect(kariSaw).not.toContain(word);
    // Each partner read the shared words (agreement, goal lines), never the other's private ones.
    const olaSaw = JSON.stringify(await ola.chat.stored());
    expect(olaSaw).toContain(SHARED.goalLine);
    for (const word of [PRIVATE.aminaNote, PRIVATE.aminaReflection, PRIVATE.aminaPreparation]) expect(olaSaw).not.toContain(word);
    const aminaSaw = JSON.stringify(await amina.chat.stored());
    expect(aminaSaw).toContain(SHARED.limits);
    for (const word of [PRIVATE.olaNote, PRIVATE.olaReflection]) expect(aminaSaw).not.toContain(word);
    // The pair still runs and the programme is open: every command that ends something was cancelled.
    expect((await h.prisma.match.findFirstOrThrow()).status).toBe('active');
    expect((await h.prisma.programme.findFirstOrThrow()).status).toBe('open');
    expect(logs.length).toBeGreaterThan(100);
    const logged = logs.join('\n');
    for (const word of ALL_MARKERS) expect(logged).not.toContain(word);
  });
});

describe('coming back days later', () => {
  it('an abandoned agreement and an abandoned reflection each resume where they stopped, for both, other questions answered in between', async () => {
    h = await createHarness();
    const { ola, amina } = await pairTheRealWay(h);
    // A meeting held (logged by her, confirmed by him): the reflection is due.
    h.clock.set(new Date('2026-09-10T18:00:00Z'));
    await amina.chat.say('logg møte');
    await amina.chat.submit({ date: '2026-09-10', time: '17:00', minutes: '60', mode: 'online' });
    await ola.chat.click('confirm');

    // She stops the agreement half-way (her part saved, the frame form open), he stops his too.
    await amina.chat.say('avtale');
    await amina.chat.submit({ help: SHARED.agreementHelp, hopes: 'En jobb', goals: SHARED.goal });
    expect((await newestForm(amina.chat)).title).toBe('De praktiske rammene');
    await ola.chat.say('agreement');
    expect((await newestForm(ola.chat)).title).toBe('Your part (mentor)');
    // The rating arrives: she rates in the middle of her agreement; he rates and leaves his form.
    await runDue(h);
    const herRating = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.meeting-rating', audience: { has: amina.personId } } });
    await amina.chat.click('4', herRating.id);
    expect(await fresh(amina.chat)).toContain('Refleksjonsspørsmålene venter: skriv `reflekter` når du er klar.');
    const hisRating = await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'reflections.meeting-rating', audience: { has: ola.personId } } });
    await ola.chat.click('2', hisRating.id);
    expect(await fresh(ola.chat)).toContain('Your reflection questions wait');

    // Other questions in between: he proposes a meeting, she accepts it; she plans the guide.
    h.clock.advance(86_400_000);
    await ola.chat.say('cancel');
    await ola.chat.say('meeting');
    await ola.chat.submit({ date: '2026-10-01', time: '18:00', minutes: '60', mode: 'online', place: '' });
    await amina.chat.click('accept');
    expect((await meetings()).map((m) => m.status)).toEqual(['held', 'planned']);
    await amina.chat.say('møteguide');
    await amina.chat.click('done');
    await Promise.all([fresh(amina.chat), fresh(ola.chat)]);

    // Days later: the agreement goes on at the frame, her part kept; the reflection at its form, the rating kept.
    h.clock.advance(4 * 86_400_000);
    await amina.chat.say('avtale');
    expect(await newestForm(amina.chat)).toMatchObject({ title: 'De praktiske rammene' });
    await amina.chat.submit(FRAME);
    expect(await fresh(amina.chat)).toContain('Takk, din del er med.');
    await amina.chat.say('reflekter');
    const herForm = await newestForm(amina.chat);
    expect(herForm.title).toBe('Etter møtet');
    expect(await fresh(amina.chat)).not.toContain('Hvordan var møtet');
    await amina.chat.submit({ useful: PRIVATE.aminaReflection, focus: '', workOn: '' }, herForm.id);
    await ola.chat.say('reflect');
    const hisForm = await newestForm(ola.chat);
    expect(hisForm.title).toBe('After the meeting');
    await ola.chat.submit({ interested: PRIVATE.olaReflection, learningPoints: '', aboutMyself: '' }, hisForm.id);
    await ola.chat.say('agreement');
    expect((await newestForm(ola.chat)).title).toBe('Your part (mentor)');
    await ola.chat.submit({ offer: 'Contacts', hopes: 'Learn', limits: '' });
    expect(await newestForm(ola.chat)).toMatchObject({ title: 'The practical frame', initial: { cancelling: FRAME.cancelling } });
    await ola.chat.submit((await newestForm(ola.chat)).initial as never);
    expect((await buttons(amina.chat)).text).toContain(`Agreement-help-IBEX`);
    expect(await versions()).toMatchObject([{ version: 1, status: 'proposed' }]);
    const rows = await h.prisma.reflection.findMany({ where: { kind: 'reflection' }, orderBy: { rating: 'asc' } });
    expect(rows.map((r) => [r.authorMembershipId, r.rating, Object.values(r.answers as object).filter(Boolean).join()])).toEqual([
      [ola.membershipId, 2, PRIVATE.olaReflection],
      [amina.membershipId, 4, PRIVATE.aminaReflection],
    ]);
  });
});
