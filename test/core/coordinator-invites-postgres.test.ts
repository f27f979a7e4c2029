/**
 * One invite, two colleagues confirming at the same moment on a real PostgreSQL server: exactly
 * one becomes a coordinator, the other is told the invite was used and gets nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { testDatabaseUrl } from '../support/db.js';
import { seedPerson, seedProgramme } from './coordinator-fixtures.js';

let h: Harness;
let orgId: string;

describe.skipIf(!testDatabaseUrl())('redeeming a coordinator invite on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ backend: 'postgres' });
    orgId = await h.organisation();
  });
  afterEach(() => h.close());

  it('two redemptions of the same code at once: one wins, the other changes nothing and is told', async () => {
    const kari = await seedPerson(h, orgId, 'kari', 'Kari', 'en');
    await seedProgramme(h, orgId, kari);
    const chat = h.chat('kari');
    for (let round = 0; round < 4; round += 1) {
      await chat.say('invite coordinator');
      const code = (await h.prisma.coordinatorInvite.findFirstOrThrow({ where: { usedAt: null }, orderBy: { createdAt: 'desc' } })).code;
      const a = h.chat(`a${round}`, { locale: 'en', displayName: `A${round}` });
      const b = h.chat(`b${round}`, { locale: 'en', displayName: `B${round}` });
      await a.say(`join ${code}`);
      await b.say(`join ${code}`);
      await a.replies();
      await b.replies();
      const [pa, pb] = [await a.lastPromptId(), await b.lastPromptId()];
      const results = await Promise.all([a.click('yes', pa), b.click('yes', pb)]);
      expect(results.map((r) => r.status)).toEqual(['handled', 'handled']);

      const used = await h.prisma.coordinatorInvite.findUniqueOrThrow({ where: { code } });
      const ids = [await a.personId(), await b.personId()];
      expect(ids).toContain(used.usedById);
      const coordinators = await h.prisma.membership.findMany({ where: { programmeId: 'prog', personId: { in: ids } } });
      expect(coordinators).toEqual([expect.objectContaining({ personId: used.usedById, role: 'coordinator', status: 'active' })]);
      const [winner, loser] = used.usedById === ids[0] ? [a, b] : [b, a];
      expect(await winner.text()).toContain('You now coordinate');
      expect(await loser.text()).toContain('has been used already');
      expect(await h.prisma.auditEvent.count({ where: { action: 'coordinator:joined', actorPersonId: { in: ids } } })).toBe(1);
    }
  });
});
