/**
 * The whole thing in Slack, on the real app (startMentorBridge with SLACK_* set, the real Bolt
 * app on the shared HTTP server, PGlite, outbox) against a fake Web API: a workspace admin creates
 * a programme through a modal, then people sign up by DM, buttons and modals — in Norwegian (their
 * Slack locale, nb-NO, as users.info gives it) and in English (chosen with "language").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerUntilDone, fillModal } from '../support/slack/answers.js';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { fixture } from '../support/slack/driver.js';
import { DEFAULT_TEAM } from '../support/slack/fake-web-api.js';
import { SlackPerson } from '../support/slack/person.js';

const TEAM = DEFAULT_TEAM.team_id;

describe('sign-up in Slack', () => {
  let app: SlackTestApp;
  let code = '';
  const person = (user: string, name: string) => new SlackPerson(app.slack, app.fake, user, `D${user.slice(1)}`, TEAM, name);

  beforeAll(async () => {
    app = await startSlackApp();
    // Only workspace admins (and coordinators) may create programmes; everyone else is a plain member.
    app.fake.setUser('U0KARI0001', { is_admin: true });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('registers the workspace from auth.test at start-up', () => {
    const auth = app.fake.callsOf('auth.test');
    expect(auth.length).toBeGreaterThanOrEqual(1);
    expect(auth[0]?.token).toMatch(/^xoxb-/);
  });

  it('lets a coordinator create a programme through a modal, with field errors shown in the modal', async () => {
    const kari = person('U0KARI0001', 'kari');
    expect((await kari.say('nytt program')).status).toBe(200);
    const q = await kari.question();
    expect(q.actions.elements?.[0]?.text?.text).toBe('Fyll ut: Nytt program');
    const modal = await kari.openForm(q);
    expect(modal.title.text).toBe('Nytt program');
    expect(modal.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, (b.element as { type: string }).type])).toEqual([
      ['name', 'plain_text_input'],
      ['purpose', 'plain_text_input'],
      ['startsOn', 'datepicker'],
      ['endsOn', 'datepicker'],
      ['meetingFrequency', 'static_select'],
    ]);

    const values = fillModal(modal, { name: 'Høstprogram 2027', purpose: 'Nye kolleger får en god start.', startsOn: '2027-03-01', endsOn: '2027-01-01' });
    const refused = await kari.submit(modal, values);
    expect(refused.status).toBe(200);
    expect(refused.json()).toEqual({ response_action: 'errors', errors: { endsOn: expect.any(String) } });

    const accepted = await kari.submit(modal, { ...values, endsOn: '2027-09-01' });
    expect(accepted.status).toBe(200);
    expect(accepted.text).toBe('');
    const created = await kari.waitForText('Påmeldingskoden er');
    code = /\*([A-Z0-9]{4,16})\*\./.exec(created.text)?.[1] ?? '';
    expect(code).not.toBe('');
  });

  it('signs Sara up as a mentee in Norwegian: DM, buttons, modals, multi-select', async () => {
    const sara = person('U0SARA0001', 'sara');
    await sara.say(`bli med ${code}`);
    await sara.waitForText('Velkommen til *Høstprogram 2027*');
    const answered = await answerUntilDone(sara, { prefer: ['mentee', 'yes'], done: 'Nå er du mentee i' });
    expect(answered).toBeGreaterThanOrEqual(6);
    // Answered questions were updated in place: their buttons are gone, the answer is shown.
    const updates = app.fake.callsOf('chat.update').filter((c) => c.args.channel === sara.channel);
    expect(updates.length).toBeGreaterThanOrEqual(answered);
    expect(updates.every((u) => !(u.args.blocks as { type: string }[]).some((b) => b.type === 'actions'))).toBe(true);
    expect(sara.allText()).toContain('✓');
  });

  it('signs Ola up as a mentor in English after he picks the language', async () => {
    const ola = person('U0OLA00001', 'ola');
    await ola.say('language');
    const q = await ola.question();
    expect((await ola.click(q, 'en')).status).toBe(200);
    await ola.say(`join ${code}`);
    await ola.waitForText('Welcome to *Høstprogram 2027*');
    await answerUntilDone(ola, { prefer: ['mentor', 'yes'], done: 'You are now a mentor in' });
    const english = app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === ola.channel && JSON.stringify(c.args.blocks).includes('Fill in: '));
    expect(english.length).toBeGreaterThan(0);
  });

  it('answers /mentor help as a DM it opens itself, and @mentions likewise', async () => {
    const per = person('U0PER00001', 'per');
    const res = await app.slack.command({ command: '/mentor', text: 'help', user_id: per.user, user_name: 'per', team_id: TEAM, channel_id: 'C0GENERAL01', trigger_id: 'tr-cmd-1', response_url: `${app.fake.url}respond` });
    expect(res.status).toBe(200);
    // The command came from a channel, which is never an address: the bot opens the DM itself.
    await app.fake.waitFor(() => app.fake.callsOf('conversations.open').find((c) => c.args.users === per.user));
    await per.waitForText('*Dette kan du gjøre nå*');
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0GENERAL01')).toEqual([]);

    const mention = fixture<Record<string, unknown> & { event: Record<string, unknown> }>('event-app-mention');
    mention.event = { ...mention.event, user: per.user, text: '<@U0BOT0001> profil' };
    expect((await app.slack.event(mention)).status).toBe(200);
    await per.waitForText('Skriv *bli med KODE*');
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0GENERAL01')).toEqual([]);
  });
});
