/**
 * Slack delivers at least once: an event it thinks we did not acknowledge in time comes again
 * with the same event_id and x-slack-retry-num, and Bolt does not dedupe. A person double-clicks.
 * Either way the work is done once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { dmEvent } from '../support/slack/driver.js';
import { DEFAULT_TEAM } from '../support/slack/fake-web-api.js';
import { SlackPerson, uniqueTs } from '../support/slack/person.js';

describe('Slack retries and double clicks', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackApp();
  });
  afterAll(async () => {
    await app?.stop();
  });
  const person = (user: string) => new SlackPerson(app.slack, app.fake, user, `D${user.slice(1)}`, DEFAULT_TEAM.team_id, user.toLowerCase());

  it('answers a retried event (same event_id, x-slack-retry-num: 1) once', async () => {
    const lise = person('U0LISE0001');
    const event = dmEvent({ team: DEFAULT_TEAM.team_id, user: lise.user, channel: lise.channel, text: 'hjelp', eventId: 'Ev0RETRIED01' });
    expect((await app.slack.event(event)).status).toBe(200);
    expect((await app.slack.event(event, { retryNum: 1 })).status).toBe(200);
    expect((await app.slack.event(event, { retryNum: 2 })).status).toBe(200);
    // A different event after the retries: once it is answered, the retries would have been too.
    await lise.say('profil');
    await lise.waitForText('Skriv *bli med KODE*');
    const helps = lise.messages().filter((m) => m.text.includes('*Dette kan du gjøre nå*'));
    expect(helps).toHaveLength(1);
  });

  it('acts once on a double-clicked button; the second click is told the question is answered', async () => {
    const mona = person('U0MONA0001');
    await mona.say('språk');
    const q = await mona.question();
    const english = q.actions.elements?.find((e) => e.value === 'en');
    expect(english).toBeDefined();
    const clicks = await Promise.all([mona.click(q, 'en', uniqueTs()), mona.click(q, 'en', uniqueTs())]);
    expect(clicks.map((c) => c.status)).toEqual([200, 200]);
    await mona.waitForText(/already been answered|allerede (blitt )?besvart/);
    await new Promise((r) => setTimeout(r, 300));
    expect(mona.messages().filter((m) => m.text === 'From now on I write to you in English.')).toHaveLength(1);
    expect(mona.messages().filter((m) => /already been answered|allerede besvart/.test(m.text))).toHaveLength(1);
    // The question was replaced once, without its buttons.
    const updates = app.fake.callsOf('chat.update').filter((c) => c.args.channel === mona.channel);
    expect(updates).toHaveLength(1);
    expect(JSON.stringify(updates[0]?.args.blocks)).not.toContain('"actions"');
  });
});
