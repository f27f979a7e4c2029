/**
 * Escalations in Slack, on the real app (startMentorBridge, the real Bolt app, PGlite, outbox,
 * jobs) against the fake Web API, with the demo clock (PLAYGROUND on) moving time the way the
 * playground's buttons do. The pair of the journey test (Ola, mentor, English; Sara, mentee,
 * Norwegian) signed up in chat; Kari (who made the programme, Norwegian) invites Erik (English) to
 * coordinate it with her; Nils coordinates another programme and is named the fallback person.
 * Sara rates a meeting 1 → both coordinators get the card in their own language, Sara is told in
 * Norwegian; Erik takes it with "I will call" → Kari's copy says so and her click (and Erik's
 * second) changes nothing; Erik's empty note is refused beside the field, then a note resolves
 * it. The check-in after the first meeting: Sara's shared comment with worrying words and
 * `<!channel>` reaches the coordinators escaped; Ola's unshared comment reaches nobody at all.
 * `snakk med en koordinator`; and 24 working hours later, nobody having acted, the card comes
 * again to the coordinators and to Nils.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingHours } from '../../src/core/features/escalations/working-hours.js';
import { fillModal } from '../support/slack/answers.js';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { en, nb, PROGRAMME, type SlackPair, signUpPair, slackPerson } from '../support/slack/pair-signup.js';
import type { Question, SlackPerson } from '../support/slack/person.js';

/** Sara's words in a comment she shares: worrying words, Slack markup and a channel mention. */
const SHARED = 'Jeg vil slutte, jeg kaster bort tiden min. <!channel> *hei*';
/** Ola's words he keeps to himself: they must never reach anyone. */
const UNSHARED = 'PRIVAT-OKAPI jeg vil slutte';
const SLOW = 20_000;
const settle = (ms = 1500) => new Promise((r) => setTimeout(r, ms));

/** The next new question whose message contains `words` (others are passed by). */
async function questionSaying(person: SlackPerson, words: string, timeoutMs = SLOW): Promise<Question> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const q = await person.nextQuestion(undefined, Math.max(1000, until - Date.now()));
    if (q?.message.text.includes(words)) return q;
  }
}

/** The next new question that is a form (its "fill in" button opens a modal). */
async function formQuestion(person: SlackPerson): Promise<Question> {
  for (;;) {
    const q = await person.nextQuestion(undefined, SLOW);
    if (q?.actions.elements?.some((e) => e.action_id.startsWith('mb:form:'))) return q;
  }
}

/** Moves the demo clock by a day or a week, running the jobs due on the way (as the playground's buttons do). */
async function advance(app: SlackTestApp, by: 'day' | 'week'): Promise<Date> {
  const res = await fetch(`${app.bot.url}/playground/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ by }) });
  expect(res.status).toBe(200);
  return new Date(((await res.json()) as { now: string }).now);
}

/** Everything the bot sent to a channel, as JSON (what Slack would render, before any undoing of entities). */
function rawTo(app: SlackTestApp, channel: string): string {
  return JSON.stringify(app.fake.calls.filter((c) => (c.method === 'chat.postMessage' || c.method === 'chat.update') && c.args.channel === channel).map((c) => c.args));
}

async function demoNow(app: SlackTestApp): Promise<Date> {
  return new Date(((await (await fetch(`${app.bot.url}/playground/clock`)).json()) as { now: string }).now);
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('escalations in Slack', { timeout: 120_000 }, () => {
  let app: SlackTestApp;
  let pair: SlackPair;
  let erik: SlackPerson;
  let nils: SlackPerson;
  let coordinators: SlackPerson[];

  beforeAll(async () => {
    app = await startSlackApp({ PLAYGROUND: 'true' });
    pair = await signUpPair(app);
    app.fake.setUser('U0ERIK0001', { real_name: 'Erik Lund', locale: 'en-GB', tz: 'Europe/Oslo' });
    app.fake.setUser('U0NILS0001', { real_name: 'Nils Dahl', is_admin: true });
    erik = slackPerson(app, 'U0ERIK0001', 'erik');
    nils = slackPerson(app, 'U0NILS0001', 'nils');
    coordinators = [pair.kari, erik];
  }, 90_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('Kari invites Erik to coordinate with her; Nils, coordinating another programme, is named the fallback person', async () => {
    const { kari } = pair;
    await kari.say('inviter koordinator');
    const invite = await kari.waitForText('Her er en invitasjon', SLOW);
    const code = /\*([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})\*/.exec(invite.text)?.[1] ?? '';
    expect(code).not.toBe('');
    await erik.say('language');
    await erik.click(await erik.question(), 'en');
    await erik.say(`join ${code}`);
    expect((await erik.click(await erik.question(), 'yes')).status).toBe(200);
    await erik.waitForText(PROGRAMME, SLOW);

    await nils.say('nytt program');
    const modal = await nils.openForm(await nils.question());
    await nils.submit(modal, fillModal(modal, { name: 'Høst 2027', purpose: 'Et annet program.', startsOn: '2027-08-01', endsOn: '2028-02-01' }));
    await nils.waitForText('Påmeldingskoden er', SLOW);

    await kari.say('eskalering reserve');
    const pick = await kari.question();
    expect((await kari.click(pick, 'Nils Dahl')).status).toBe(200);
    await kari.waitForText(nb('escalations.fallbackSet', { name: 'Nils Dahl' }), SLOW);
  }, 60_000);

  it('a meeting rated 1 by Sara: both coordinators get the card in their language, Sara is told in Norwegian', async () => {
    const { ola, sara, kari } = pair;
    await ola.say('log meeting');
    const logForm = await ola.openForm(await formQuestion(ola));
    const logged = await ola.submit(logForm, fillModal(logForm, { date: '2026-11-20', time: '17:00', minutes: en('meetings.min60'), mode: en('meetings.mode_online') }));
    expect(logged.text).toBe('');
    await ola.waitForText(en('meetings.loggedWaiting', { name: 'Sara Haile' }), SLOW);
    const confirm = await questionSaying(sara, 'Ola Hansen');
    expect((await sara.click(confirm, nb('meetings.confirmHeld'))).status).toBe(200);

    // The rating question comes with the scheduler's tick (the reflection job is due at once).
    const rating = await questionSaying(sara, 'Hvordan var møtet deres', 30_000);
    expect((await sara.click(rating, '1')).status).toBe(200);

    const kariCard = await questionSaying(kari, nb('escalations.cardTitle'));
    const erikCard = await questionSaying(erik, en('escalations.cardTitle'));
    for (const [card, t] of [[kariCard, nb], [erikCard, en]] as const) {
      expect(card.message.text).toContain(t('escalations.triggerLowRating'));
      expect(card.message.text).toContain(t('escalations.pairValue', { mentor: 'Ola Hansen', mentee: 'Sara Haile' }));
      expect(card.message.text).toContain(PROGRAMME);
      expect(card.actions.elements?.map((e) => e.text?.text)).toEqual([t('escalations.ack'), t('escalations.call'), t('escalations.rematch'), t('escalations.resolve')]);
    }
    // Kari's copy is all Norwegian, Erik's all English.
    expect(kariCard.message.text).not.toContain(en('escalations.cardContext'));
    expect(erikCard.message.text).not.toContain(nb('escalations.cardContext'));
    await sara.waitForText(nb('escalations.told', { programme: PROGRAMME }), SLOW);
    // Nils coordinates another programme: this one's escalation is none of his.
    expect(nils.allText()).not.toContain(nb('escalations.cardTitle'));

    // Erik takes it; Kari's copy loses its buttons and says who; her click and his second change nothing.
    expect((await erik.click(erikCard, en('escalations.call'))).status).toBe(200);
    await erik.waitForText(en('escalations.takenCall'), SLOW);
    const kariCopy = await kari.waitForText(nb('questions.answeredByMark', { name: 'Erik Lund' }), SLOW);
    expect(kariCopy.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect((await kari.click(kariCard, nb('escalations.ack'))).status).toBe(200);
    await kari.waitForText('Erik Lund har allerede svart på det', SLOW);
    expect((await erik.click(erikCard, en('escalations.call'))).status).toBe(200);
    await erik.waitForText(en('questions.alreadyAnsweredByYou'), SLOW);
    await settle();
    expect(count(erik.allText(), en('escalations.takenCall'))).toBe(1);
    expect(count(sara.allText(), nb('escalations.told', { programme: PROGRAMME }))).toBe(1);
  }, 90_000);

  it('Erik resolves it: an empty note is refused beside the field in the modal, a note resolves it', async () => {
    const followUp = await questionSaying(erik, en('escalations.followUpText'));
    expect((await erik.click(followUp, en('escalations.resolve'))).status).toBe(200);
    const modal = await erik.openForm(await questionSaying(erik, en('escalations.resolveAsk')));
    expect(modal.title.text).toBe(en('escalations.resolveTitle'));
    const empty = await erik.submit(modal, { note: '' });
    expect(empty.status).toBe(200);
    // Beside the note field (Slack's errors are keyed by block id), in Erik's English.
    expect(empty.json()).toEqual({ response_action: 'errors', errors: { note: en('escalations.noteRequired') } });
    const spaces = await erik.submit(modal, { note: '   ' });
    expect(spaces.json()).toEqual({ response_action: 'errors', errors: { note: en('escalations.noteRequired') } });
    expect(erik.allText()).not.toContain(en('escalations.resolved'));
    const done = await erik.submit(modal, { note: 'Called Sara; they meet again next week.' });
    expect(done.text).toBe('');
    await erik.waitForText(en('escalations.resolved'), SLOW);
  }, 60_000);

  it('the check-in after the first meeting: Sara’s shared words reach the coordinators escaped; Ola’s unshared comment reaches nobody', async () => {
    const { ola, sara, kari } = pair;
    // The check-in comes the day after the first meeting at 10:00 Oslo time: one day on, or two
    // when the test runs before 10:00 in Oslo (the demo clock starts at the real time).
    await advance(app, 'day');
    const saraAsk = await questionSaying(sara, nb('checkins.title_afterFirstMeeting'), 8_000).catch(async () => {
      await advance(app, 'day');
      return questionSaying(sara, nb('checkins.title_afterFirstMeeting'));
    });
    expect((await sara.click(saraAsk, '3')).status).toBe(200);
    const saraForm = await sara.openForm(await questionSaying(sara, nb('checkins.detailsAskFirst')));
    const shared = await sara.submit(saraForm, fillModal(saraForm, { goodMatch: nb('checkins.gm_yes'), comment: SHARED, share: [nb('checkins.shareOption')] }));
    expect(shared.text).toBe('');
    await sara.waitForText(nb('checkins.detailsShared'), SLOW);

    const olaAsk = await questionSaying(ola, en('checkins.title_afterFirstMeeting'));
    expect((await ola.click(olaAsk, '4')).status).toBe(200);
    const olaForm = await ola.openForm(await questionSaying(ola, en('checkins.detailsAskFirst')));
    const kept = await ola.submit(olaForm, fillModal(olaForm, { goodMatch: en('checkins.gm_yes'), comment: UNSHARED, share: [] }));
    expect(kept.text).toBe('');
    await ola.waitForText(en('checkins.detailsKept'), SLOW);

    const kariCard = await questionSaying(kari, nb('escalations.triggerWords'));
    const erikCard = await questionSaying(erik, en('escalations.triggerWords'));
    expect(kariCard.message.text).toContain(nb('escalations.concernsLine', { concerns: `${nb('escalations.concern_quit')}, ${nb('escalations.concern_wastedTime')}` }));
    expect(erikCard.message.text).toContain(en('escalations.wordsHeading'));
    for (const [person, card] of [[kari, kariCard], [erik, erikCard]] as const) {
      // As she typed it, to read; as escaped text to Slack: no channel mention, no bold.
      expect(card.message.text).toContain(SHARED);
      const raw = rawTo(app, person.channel);
      expect(raw).toContain('&lt;!channel&gt;');
      expect(raw).not.toContain('<!channel>');
      expect(raw).not.toContain(' *hei*');
    }
    await sara.waitForText(nb('escalations.told', { programme: PROGRAMME }), SLOW);
    await settle();
    // A day on is 8 working hours for the rating's card: nobody has had anything sent again.
    expect(kari.allText()).not.toContain(nb('escalations.cardTitleAgain'));
    expect(erik.allText()).not.toContain(en('escalations.cardTitleAgain'));
    // Ola's comment: in no message, update, modal or anything else the bot sent to Slack.
    expect(JSON.stringify(app.fake.calls.map((c) => c.args))).not.toContain('OKAPI');
  }, 60_000);

  it('`snakk med en koordinator`: Sara’s words reach both coordinators, and she is told', async () => {
    const { sara, kari } = pair;
    await sara.say('snakk med en koordinator');
    const form = await sara.openForm(await questionSaying(sara, nb('escalations.helpAsk', { programme: PROGRAMME })));
    expect(form.title.text).toBe(nb('escalations.helpTitle'));
    expect((await sara.submit(form, { about: 'Kan vi snakke om møtene?' })).text).toBe('');
    for (const [person, t] of [[kari, nb], [erik, en]] as const) {
      const card = await questionSaying(person, t('escalations.triggerAskedForHelp'));
      expect(card.message.text).toContain('Kan vi snakke om møtene?');
    }
    await settle();
    expect(count(sara.allText(), nb('escalations.told', { programme: PROGRAMME }))).toBe(3);
  }, 60_000);

  it('24 working hours on (Mon–Fri 08–16 Oslo), nobody having acted: the cards come again to both coordinators and to Nils, the old ones withdrawn', async () => {
    const { kari } = pair;
    const again = (t: typeof nb) => t('escalations.cardTitleAgain');
    // Raised "now" on the demo clock (the check-in and the request, minutes apart): due 24 working hours later.
    const due = addWorkingHours(await demoNow(app), 24, 'Europe/Oslo');
    for (let day = 0; ; day += 1) {
      expect(day, 'days moved').toBeLessThan(8);
      const now = await advance(app, 'day');
      await settle(500);
      if (now >= due) break;
      // Not yet: nobody got it again.
      expect(kari.allText()).not.toContain(again(nb));
      expect(nils.allText()).not.toContain(again(nb));
    }
    await kari.waitForText(again(nb), SLOW);
    await erik.waitForText(again(en), SLOW);
    const nilsCard = await questionSaying(nils, again(nb));
    expect(nilsCard.message.text).toContain(PROGRAMME);
    await kari.waitForText(nb('escalations.sentAgainMark'), SLOW);
    // Both open escalations (the words and the request) came again, once each.
    await settle(3000);
    for (const [person, t] of [[kari, nb], [erik, en], [nils, nb]] as const) {
      expect(count(person.allText(), again(t)), person.name).toBe(2);
    }
    // The resolved one stays resolved.
    expect(nils.allText()).not.toContain(nb('escalations.triggerLowRating'));
    // Nils acts on the new card: the others' copies say he took it.
    expect((await nils.click(nilsCard, nb('escalations.ack'))).status).toBe(200);
    await nils.waitForText(nb('escalations.takenAck'), SLOW);
    await erik.waitForText(en('questions.answeredByMark', { name: 'Nils Dahl' }), SLOW);
    for (const person of [...coordinators, nils]) expect(JSON.stringify(person.messages())).not.toContain('OKAPI');
  }, 90_000);
});
