/**
 * A message with a picture and a file, through the real outbox dispatcher and SlackSender against
 * the fake Web API: the blocks are posted into the DM, then both files go through Slack's upload
 * flow (files.getUploadURLExternal, the bytes POSTed to the upload URL, files.completeUploadExternal
 * naming the DM) with the stored bytes, read through the organisation-scoped PrismaFileReader.
 */
import { describe, expect, it } from 'vitest';
import type { Outbound } from '../../src/core/messages.js';
import type { OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import type { PrismaFileReader } from '../../src/store/file-reader.js';
import type { Harness } from '../support/harness.js';
import { CSV_BYTES, everyPart, tinyPng } from '../support/rich-message.js';
import { BOT_TOKEN } from '../support/slack/app.js';
import { useSlackDelivery } from '../support/slack/delivery.js';
import { DEFAULT_TEAM, type FakeSlackWebApi } from '../support/slack/fake-web-api.js';

const TEAM = DEFAULT_TEAM.team_id;

describe('Slack: pictures and files', () => {
  let h: Harness;
  let fake: FakeSlackWebApi;
  let dispatcher: OutboxDispatcher;
  let files: PrismaFileReader;
  useSlackDelivery((started) => ({ h, fake, dispatcher, files } = started), { files: true });

  /** A Slack person who has talked to the bot (so the DM is known), and a message for them with stored bytes. */
  async function personWithMessage(user: string, build: (ids: { imageId: string; fileId: string }) => Outbound) {
    await h.chat(user, { platform: 'slack', tenant: TEAM }).say('hjelp');
    await dispatcher.kick();
    fake.clear();
    const identity = await h.prisma.channelIdentity.findFirstOrThrow({ where: { externalUserId: user, platform: 'slack' } });
    const { organisationId, personId } = identity;
    const now = h.clock.now();
    const ids = { imageId: `img-${user}`, fileId: `file-${user}` };
    await h.store.transaction(async (r) => {
      await r.files.save({ id: ids.imageId, organisationId, personId, name: 'image.png', mediaType: 'image/png', bytes: tinyPng(), createdAt: now });
      await r.files.save({ id: ids.fileId, organisationId, personId, name: 'report-2026-11.csv', mediaType: 'text/csv', bytes: CSV_BYTES, createdAt: now });
      await r.outbox.enqueue({ id: `out-${user}`, organisationId, personId, platform: 'slack', payload: build(ids), nextAttemptAt: now, createdAt: now });
    });
    return { organisationId, ids, channel: `D${user.replace(/^U/, '')}` };
  }

  it('posts the blocks, then uploads the picture and the file into the DM with their bytes', async () => {
    const { channel, ids, organisationId } = await personWithMessage('U0RICHMSG1', everyPart);
    expect(await dispatcher.kick()).toBe(1);
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage', 'files.getUploadURLExternal', 'files.getUploadURLExternal', 'files.completeUploadExternal']);
    const [post, , , complete] = fake.calls;
    expect(post?.args).toMatchObject({ channel, text: 'Hello Sara, here is your overview.' });
    expect(((post?.args.blocks ?? []) as Array<{ type: string }>).map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions']);

    const asked = fake.callsOf('files.getUploadURLExternal').map((c) => c.args);
    expect(asked).toEqual([expect.objectContaining({ filename: 'image.png', length: String(tinyPng().length), alt_text: 'Meetings per month' }), expect.objectContaining({ filename: 'report-2026-11.csv', length: String(CSV_BYTES.length) })]);
    expect(fake.uploads.map((u) => [u.filename, u.token])).toEqual([
      ['image.png', BOT_TOKEN],
      ['report-2026-11.csv', BOT_TOKEN],
    ]);
    expect(fake.uploads[0]?.bytes.equals(tinyPng())).toBe(true);
    expect(fake.uploads[1]?.bytes.equals(CSV_BYTES)).toBe(true);
    // One completion shares both into the DM, titled for people (the picture by its alt text).
    expect(complete?.args).toMatchObject({ channel_id: channel, files: [{ id: fake.uploads[0]?.fileId, title: 'Meetings per month' }, { id: fake.uploads[1]?.fileId, title: 'report-2026-11.csv' }] });
    expect(complete?.token).toBe(BOT_TOKEN);

    // The reader is scoped by organisation: the same id in another organisation finds nothing.
    expect((await files.read(organisationId, ids.fileId))?.name).toBe('report-2026-11.csv');
    expect(await files.read('another-organisation', ids.fileId)).toBeNull();
  });

  it('retries the message when the upload fails, and delivers the file on the retry', async () => {
    await personWithMessage('U0RICHMSG2', (ids) => ({ text: 'Your report', file: { name: 'report.csv', mediaType: 'text/csv', fileId: ids.fileId } }));
    fake.fail('files.completeUploadExternal', { status: 500 });
    expect(await dispatcher.kick()).toBe(0);
    h.clock.advance(60_000);
    expect(await dispatcher.kick()).toBe(1);
    expect(fake.callsOf('files.completeUploadExternal').at(-1)?.result).toMatchObject({ ok: true });
  });

  it('still delivers the words when a stored file is gone (erased since the message was written)', async () => {
    await personWithMessage('U0RICHMSG3', () => ({ text: 'Your report', file: { name: 'report.csv', mediaType: 'text/csv', fileId: 'no-such-file' } }));
    expect(await dispatcher.kick()).toBe(1);
    expect(fake.calls.map((c) => c.method)).toEqual(['chat.postMessage']);
  });
});
