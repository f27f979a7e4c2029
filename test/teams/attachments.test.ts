/**
 * A message with a picture and a file reaches a person in Teams: through the real outbox
 * dispatcher and TeamsSender (the channel wired as main.ts wires it, with a FileReader and
 * FileLinks) to the fake Bot Connector, as a card with the picture inline as a data URI and the
 * file as a signed download link.
 */
import { describe, expect, it } from 'vitest';
import { CSV_BYTES, everyPart, tinyPng } from '../support/rich-message.js';
import { cardProblems } from '../support/teams/adaptive.js';
import type { TeamsTestApp } from '../support/teams/app.js';
import { useTeamsTestApp } from '../support/teams/connected-app.js';
import { cardOf, TeamsUser } from '../support/teams/teams-user.js';
import { deliverDue } from '../support/outbox-drain.js';

type Json = Record<string, unknown>;
let app: TeamsTestApp;
const connector = useTeamsTestApp((started) => {
  app = started;
});

function elements(body: Json[]): Json[] {
  return body.flatMap((e) => [e, ...elements(((e.columns as Json[]) ?? []).flatMap((c) => (c.items as Json[]) ?? []))]);
}

describe('Teams: pictures and files', () => {
  it('delivers a card with the picture as a data URI and the file as a signed link', async () => {
    const aadObjectId = '99999999-aaaa-4bbb-8ccc-dddddddddddd';
    const sara = new TeamsUser(app.url, connector, { aadObjectId, name: 'Sara Haile', locale: 'en-US' });
    await sara.say('help');
    await connector.waitFor(() => sara.messages().length >= 1);
    const identity = await app.prisma.channelIdentity.findFirstOrThrow({ where: { platform: 'teams', externalUserId: aadObjectId } });
    const { organisationId, personId } = identity;
    const now = new Date();
    const ids = { imageId: app.ids.next(), fileId: app.ids.next() };
    const outboxId = app.ids.next();
    await app.store.transaction(async (r) => {
      await r.files.save({ id: ids.imageId, organisationId, personId, name: 'image.png', mediaType: 'image/png', bytes: tinyPng(), createdAt: now });
      await r.files.save({ id: ids.fileId, organisationId, personId, name: 'report-2026-11.csv', mediaType: 'text/csv', bytes: CSV_BYTES, createdAt: now });
      await r.outbox.enqueue({ id: outboxId, organisationId, personId, platform: 'teams', payload: everyPart(ids), nextAttemptAt: now, createdAt: now });
    });
    await deliverDue(app);

    await connector.waitFor(() => sara.messages().some((m) => cardOf(m.activity)?.body !== undefined && JSON.stringify(cardOf(m.activity)).includes('"Image"')));
    const sent = sara.messages().find((m) => JSON.stringify(cardOf(m.activity)).includes('"Image"'));
    const card = cardOf(sent?.activity ?? {}) as Json;
    expect(cardProblems(card)).toEqual([]);
    expect(sent?.activity.summary).toBe('Your match report\nHello Sara, here is your overview.');

    const all = elements(card.body as Json[]);
    expect(all.find((e) => e.type === 'Image')).toMatchObject({ url: `data:image/png;base64,${tinyPng().toString('base64')}`, altText: 'Meetings per month' });
    const open = all.filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Json[])[0];
    expect(open).toMatchObject({ type: 'Action.OpenUrl', title: 'Download' });
    const query = Object.fromEntries(new URL(String(open?.url)).searchParams);
    expect(app.links.verify(query, new Date())).toEqual({ organisationId, fileId: ids.fileId });
    // The question on the card still works as a question: its buttons carry the prompt id.
    expect(card.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', title: 'Looks good', data: { mbPrompt: 'p-rich', mbKind: 'choice', mbValue: 'ok' } }), expect.objectContaining({ title: 'Later' })]);
    await expect.poll(async () => (await app.prisma.outboxMessage.findUniqueOrThrow({ where: { id: outboxId } })).status).toBe('sent');
  });
});
