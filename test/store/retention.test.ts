/**
 * The retention period of the bot's copies of messages: housekeeping erases the words of copies
 * older than MESSAGE_COPY_RETENTION_DAYS that were sent or given up, keeps the rows (ordering,
 * ids), never touches a pending message, and deletes old files no pending message carries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERASED_MESSAGE, MESSAGE_COPY_RETENTION_DAYS, retentionCutoff } from '../../src/core/kernel/retention.js';
import { PrismaHousekeeping } from '../../src/store/housekeeping.js';
import { eraseOldCopies } from '../../src/store/retention.js';
import { testDatabaseUrl } from '../support/db.js';
import { type Harness, createHarness } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from '../core/fixtures.js';

const DAY = 86_400_000;
const backends = testDatabaseUrl() ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(backends)('erasing old copies of messages (%s)', (backend) => {
  let h: Harness;
  let orgId: string;

  beforeEach(async () => {
    h = await createHarness({ backend });
    orgId = await h.organisation();
    await seedProgramme(h, orgId);
  });
  afterEach(() => h.close());

  const deliverAll = () => h.prisma.outboxMessage.updateMany({ where: { status: 'pending' }, data: { status: 'sent', sentAt: h.clock.now() } });
  const file = (id: string, personId: string) => ({ id, organisationId: orgId, personId, name: `${id}.png`, mediaType: 'image/png', bytes: new Uint8Array([1, 2, 3]), createdAt: h.clock.now() });

  it('erases sent and failed copies older than the period, keeps newer and pending ones, and old files no pending message needs', async () => {
    const start = h.clock.now();
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say(`join ${JOIN_CODE}`);
    await amina.click('mentee');
    const personId = await amina.personId();
    await deliverAll();
    const old = await h.prisma.outboxMessage.findMany({ where: { personId } });
    await h.prisma.outboxMessage.update({ where: { id: old[0]?.id ?? '' }, data: { status: 'failed' } });
    // An old message still queued (a platform down for months), with a picture, and an old file nothing needs.
    await h.prisma.storedFile.createMany({ data: [file('f-queued', personId), file('f-old', personId)] });

    h.clock.advance(10 * DAY);
    await amina.say('help'); // newer than the cut-off below
    await deliverAll();
    await h.prisma.outboxMessage.create({ data: { id: 'queued', organisationId: orgId, personId, platform: 'playground', payload: { text: 'A picture', image: { alt: 'chart', mediaType: 'image/png', fileId: 'f-queued' } }, createdAt: start } });
    await amina.say('profile'); // pending
    const newer = await h.prisma.outboxMessage.findMany({ where: { personId, createdAt: { gt: start } } });

    const housekeeping = new PrismaHousekeeping(h.prisma);
    const cutoff = retentionCutoff(new Date(start.getTime() + (MESSAGE_COPY_RETENTION_DAYS + 5) * DAY));
    expect(cutoff).toEqual(new Date(start.getTime() + 5 * DAY));
    expect(await housekeeping.eraseOldCopies(cutoff)).toEqual({ payloads: old.length, files: 1 });

    const rows = await h.prisma.outboxMessage.findMany({ where: { personId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(rows).toHaveLength(old.length + 1 + newer.length); // every row stays, for ordering and ids
    for (const row of rows) {
      const expected = old.some((o) => o.id === row.id) ? ERASED_MESSAGE : row.id === 'queued' ? { text: 'A picture' } : { text: expect.not.stringMatching(/^$/) };
      expect(row.payload).toMatchObject(expected);
    }
    expect((await h.prisma.storedFile.findMany()).map((f) => f.id)).toEqual(['f-queued']);
    // Once erased, nothing is left to do: the next hour's run changes nothing.
    expect(await housekeeping.eraseOldCopies(cutoff)).toEqual({ payloads: 0, files: 0 });
  });

  it('the hourly tick uses the clock and the retention period, and logs counts only', async () => {
    await h.chat('amina', { locale: 'en' }).say('help');
    await deliverAll();
    const logged: Record<string, unknown>[] = [];
    const unexpected = (m: string) => {
      throw new Error(`unexpected log line: ${m}`);
    };
    const log = { info: (_m: string, f?: Record<string, unknown>) => void logged.push(f ?? {}), warn: unexpected, error: unexpected };
    const housekeeping = new PrismaHousekeeping(h.prisma);
    await eraseOldCopies(housekeeping, h.clock, log);
    expect(logged).toEqual([]); // nothing is that old yet
    h.clock.advance((MESSAGE_COPY_RETENTION_DAYS + 1) * DAY);
    await eraseOldCopies(housekeeping, h.clock, log);
    expect(logged).toEqual([{ payloads: 1, files: 0 }]);
  });
});
