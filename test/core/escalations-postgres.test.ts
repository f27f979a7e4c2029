/**
 * Two coordinators click the same card at the same moment, and two raisings of one pair's
 * escalation run at once, on a real PostgreSQL server (overlapping transactions): exactly one
 * coordinator takes it (one follow-up, one audit entry), and one card is opened, not two.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../support/db.js';
import { type Harness, createHarness } from '../support/harness.js';
import { cardsOf, escalations, raise, seedCast } from './escalations-fixtures.js';

let h: Harness;

describe.skipIf(!testDatabaseUrl())('escalations on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ backend: 'postgres' });
  });
  afterEach(() => h.close());

  it('two coordinators act at once: one takes it, the other is told who did', async () => {
    const { orgId, kari, kjersti, amina } = await seedCast(h);
    await raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' });
    const id = (await cardsOf(h, kari.personId))[0]?.prompt?.id;
    await Promise.all([kari.chat.click('ack', id), kjersti.chat.click('call', id)]);
    const [e] = await escalations(h);
    expect(e?.status).toBe('taken');
    expect([kari.personId, kjersti.personId]).toContain(e?.takenById);
    expect(await h.prisma.auditEvent.count({ where: { action: 'escalation:taken' } })).toBe(1);
    expect(await h.prisma.openQuestion.count({ where: { kind: 'escalations.follow-up' } })).toBe(1);
  }, 60_000);

  it('two sources about one person at once: one card, two sources', async () => {
    const { orgId, kari, amina } = await seedCast(h);
    await Promise.all([
      raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-1:amina' }),
      raise(h, orgId, { membershipId: amina.membershipId, sourceKey: 'rating:meet-2:amina' }),
    ]);
    expect(await escalations(h)).toHaveLength(1);
    expect(await h.prisma.escalationSource.count()).toBe(2);
    expect(await cardsOf(h, kari.personId)).toHaveLength(1);
  }, 60_000);
});
