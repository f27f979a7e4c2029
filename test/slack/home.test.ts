/**
 * App Home: opening the Home tab publishes the person's home view with views.publish; its
 * shortcut buttons work like typing the command; opening the Messages tab greets a person once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SlackTestApp, startSlackApp } from '../support/slack/app.js';
import { fixture } from '../support/slack/driver.js';
import { DEFAULT_TEAM } from '../support/slack/fake-web-api.js';
import { type Block, SlackPerson } from '../support/slack/person.js';

type Envelope = Record<string, unknown> & { event: Record<string, unknown> };

describe('Slack App Home', () => {
  let app: SlackTestApp;
  beforeAll(async () => {
    app = await startSlackApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  const opened = (user: string, tab: 'home' | 'messages', eventId: string): Envelope => {
    const body = fixture<Envelope>('event-app-home-opened');
    return { ...body, event_id: eventId, event: { ...body.event, user, channel: `D${user.slice(1)}`, tab } };
  };

  it('publishes the home view when the Home tab is opened', async () => {
    expect((await app.slack.event(opened('U0HOME0001', 'home', 'Ev0HOMEA0001'))).status).toBe(200);
    const publish = await app.fake.waitFor(() => app.fake.callsOf('views.publish').find((c) => c.args.user_id === 'U0HOME0001'));
    const view = publish.args.view as { type: string; blocks: Block[] };
    expect(view.type).toBe('home');
    expect(view.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Mentor Bridge' } });
    expect(JSON.stringify(view.blocks)).toContain('Hei');
    const shortcuts = view.blocks.find((b) => b.type === 'actions');
    expect(shortcuts?.elements?.map((e) => e.value)).toEqual(['hjelp']);
  });

  it('treats a shortcut click as the typed command, answered in the DM', async () => {
    const publish = app.fake.callsOf('views.publish').find((c) => c.args.user_id === 'U0HOME0001');
    const view = publish?.args.view as { blocks: Block[] } | undefined;
    const actions = view?.blocks.find((b) => b.type === 'actions');
    if (!actions) throw new Error('the home view has no shortcuts');
    const person = new SlackPerson(app.slack, app.fake, 'U0HOME0001', 'D0HOME0001', DEFAULT_TEAM.team_id, 'home');
    const payload = person.actionPayload({ message: { ts: '1.1', text: '', blocks: [] }, actions }, actions.elements?.[0] as never, '1700000100.000001', { value: 'hjelp' });
    // Clicks in the Home tab come from a view, not a message: the payload has no channel.
    const { channel: _inView, message: _noMessage, ...fromView } = payload;
    const res = await app.slack.interaction({ ...fromView, container: { type: 'view', view_id: 'V0HOME' }, view: { id: 'V0HOME', type: 'home' } });
    expect(res.status).toBe(200);
    await person.waitForText('*Dette kan du gjøre nå*');
  });

  it('greets a person who opens the Messages tab, once however often they open it', async () => {
    const person = new SlackPerson(app.slack, app.fake, 'U0GREET001', 'D0GREET001', DEFAULT_TEAM.team_id, 'greet');
    await app.slack.event(opened(person.user, 'messages', 'Ev0MSGTAB001'));
    await person.waitForText('Jeg er Mentor Bridge');
    await app.slack.event(opened(person.user, 'messages', 'Ev0MSGTAB002'));
    await person.say('profil');
    await person.waitForText('Skriv *bli med KODE*');
    expect(person.messages().filter((m) => m.text.includes('Jeg er Mentor Bridge'))).toHaveLength(1);
  });
});
