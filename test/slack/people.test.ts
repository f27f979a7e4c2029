/**
 * What Slack says about a person (users.info with include_locale), on the real Slack channel,
 * core, database and outbox against the fake Web API: their language and time zone when they
 * first write, whether they may create a programme (workspace admins may, plain members may not),
 * one users.info call an hour per person, and a Slack that fails or is slow never costs the person
 * their answer. The app's own defaults here are English and UTC, so Norwegian and Europe/Oslo can
 * only have come from Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_TOKEN } from '../support/slack/app.js';
import { fixture } from '../support/slack/driver.js';
import { DEFAULT_TEAM } from '../support/slack/fake-web-api.js';
import { SlackPerson } from '../support/slack/person.js';
import { startWiredSlack, type WiredSlack } from '../support/slack/wired.js';

const TEAM = DEFAULT_TEAM.team_id;
type Envelope = Record<string, unknown> & { event: Record<string, unknown> };

describe('what Slack says about people', () => {
  let app: WiredSlack;
  const person = (user: string) => new SlackPerson(app.slack, app.fake, user, `D${user.slice(1)}`, TEAM, user.toLowerCase());
  const lookups = (user: string) => app.fake.callsOf('users.info').filter((c) => c.args.user === user);
  const openedMessagesTab = (user: string, eventId: string): Envelope => {
    const body = fixture<Envelope>('event-app-home-opened');
    return { ...body, event_id: eventId, event: { ...body.event, user, channel: `D${user.slice(1)}`, tab: 'messages' } };
  };

  beforeAll(async () => {
    app = await startWiredSlack({ locale: 'en', timeZone: 'UTC' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('welcomes a person whose Slack is in Norwegian (nb-NO) in Norwegian, and stores their time zone', async () => {
    const nora = person('U0NORA0001');
    app.fake.setUser(nora.user, { locale: 'nb-NO', tz: 'Europe/Oslo', real_name: 'Nora Haugen', display_name: 'Nora' });
    expect((await app.slack.event(openedMessagesTab(nora.user, 'Ev0NORA00001'))).status).toBe(200);
    // Greeted by the name she goes by in Slack, not her user id.
    await nora.waitForText(/^Hei, Nora!.*Jeg er Mentor Bridge/s);
    await nora.waitForText('*Dette kan du gjøre nå*');
    expect(await app.person(nora.user)).toEqual({ locale: 'nb', timeZone: 'Europe/Oslo', displayName: 'Nora' });
    // Asked with the workspace's bot token, for the locale too.
    expect(lookups(nora.user)).toEqual([expect.objectContaining({ token: BOT_TOKEN, args: expect.objectContaining({ user: nora.user, include_locale: 'true' }) })]);
  });

  it('keeps a time zone even when the language is one we have no texts for', async () => {
    const dieter = person('U0DIETER01');
    app.fake.setUser(dieter.user, { locale: 'de-DE', tz: 'Europe/Berlin', real_name: 'Dieter Braun' });
    await dieter.say('help');
    await dieter.waitForText('*What you can do now*');
    expect(await app.person(dieter.user)).toEqual({ locale: 'en', timeZone: 'Europe/Berlin', displayName: 'Dieter Braun' });
  });

  it('asks Slack once for a busy person: a second and third message use what it said', async () => {
    const berit = person('U0BERIT001');
    await berit.say('help');
    await berit.waitForText('*Dette kan du gjøre nå*');
    await berit.say('profil');
    await berit.waitForText('Skriv *bli med KODE*');
    await berit.say('hjelp');
    await app.fake.waitFor(() => berit.messages().filter((m) => m.text.includes('*Dette kan du gjøre nå*')).length === 2);
    expect(lookups(berit.user)).toHaveLength(1);
  });

  it.each([
    ['rate limited (429)', { status: 429 as const, retryAfterSeconds: 30 }, 'ratelimited'],
    ['a Slack server error (500)', { status: 500 as const }, 'http 500'],
    ['an install without users:read', { status: 200 as const, error: 'missing_scope' }, 'missing_scope'],
  ])('answers in the default language when users.info fails: %s', async (_what, failure, reason) => {
    const user = `U0FAIL${reason.replace(/\W/g, '').slice(0, 4).toUpperCase()}`;
    const olga = person(user);
    const warningsBefore = app.logs.length;
    app.fake.fail('users.info', failure);
    expect((await olga.say('hjelp')).status).toBe(200);
    await olga.waitForText('*What you can do now*');
    // Without Slack's answer the person is known by their user id until they give their name.
    expect(await app.person(user)).toEqual({ locale: 'en', timeZone: 'UTC', displayName: user });
    // One warning, with the reason and no token or message text; nothing else went wrong.
    const warnings = app.logs.slice(warningsBefore);
    expect(warnings).toEqual([expect.objectContaining({ level: 'warn', msg: expect.stringContaining('users.info'), tenant: TEAM, reason })]);
    expect(app.raw.join('\n')).not.toMatch(/xoxb-|hjelp/);
    // The reply went to the person's DM as usual, and the failure is not asked again at once.
    expect(app.fake.callsOf('chat.postMessage').filter((c) => c.args.channel === olga.channel)).toHaveLength(1);
    await olga.say('profil');
    await olga.waitForText('Write *join CODE*');
    expect(lookups(user)).toHaveLength(1);
  });

  it('neither acks late nor holds the reply long when users.info is slow', async () => {
    const sigrid = person('U0SIGRID01');
    app.fake.methodDelayMs['users.info'] = 5000;
    try {
      const started = performance.now();
      const res = await sigrid.say('help');
      expect(res.status).toBe(200);
      expect(res.ms).toBeLessThan(1000);
      await sigrid.waitForText('*What you can do now*', 4000);
      expect(performance.now() - started).toBeLessThan(4000);
      expect(await app.person(sigrid.user)).toEqual({ locale: 'en', timeZone: 'UTC', displayName: sigrid.user });
    } finally {
      app.fake.methodDelayMs['users.info'] = 0;
    }
  });
});

describe('who may create a programme in Slack', () => {
  let app: WiredSlack;
  const person = (user: string) => new SlackPerson(app.slack, app.fake, user, `D${user.slice(1)}`, TEAM, user.toLowerCase());

  beforeAll(async () => {
    app = await startWiredSlack({ locale: 'en', timeZone: 'UTC' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a plain member, even the first in a workspace with no programmes, and says whom to ask', async () => {
    const mia = person('U0MEMBER01');
    app.fake.setUser(mia.user, { locale: 'en-GB' });
    await mia.say('help');
    const help = await mia.waitForText('*What you can do now*');
    expect(help.text).not.toContain('new programme');
    await mia.say('new programme');
    const refused = await mia.waitForText('Only coordinators and workspace admins can create programmes');
    expect(refused.text).toContain('Ask a programme coordinator or an admin of your workspace');
    expect(await app.prisma.flowRun.count({ where: { flowId: 'create-programme' } })).toBe(0);
  });

  it('refuses in Norwegian too', async () => {
    const ole = person('U0MEMBER02');
    await ole.say('nytt program');
    await ole.waitForText('Bare koordinatorer og administratorer i arbeidsområdet kan opprette programmer');
    expect(await app.prisma.flowRun.count({ where: { flowId: 'create-programme' } })).toBe(0);
  });

  it.each([['is_admin'], ['is_owner'], ['is_primary_owner']])('lets a workspace admin (%s) create one', async (flag) => {
    const user = `U0${flag.replace(/_/g, '').toUpperCase().slice(0, 8)}`;
    const anna = person(user);
    app.fake.setUser(user, { locale: 'en-US', [flag]: true });
    await anna.say('help');
    const help = await anna.waitForText('*What you can do now*');
    expect(help.text).toContain('*new programme*');
    await anna.say('new programme');
    const q = await anna.question();
    expect(q.actions.elements?.[0]?.text?.text).toBe('Fill in: New programme');
    expect(await app.prisma.flowRun.count({ where: { flowId: 'create-programme', status: 'active' } })).toBeGreaterThan(0);
  });
});
