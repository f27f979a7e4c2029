/**
 * A question shared by several people (an escalation card for a programme's coordinators) on a
 * real PostgreSQL server, where clicks really run at the same time: exactly one wins, the other
 * is told who took it, and every copy loses its buttons.
 */
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/core/kernel/questions.js';
import { type Harness, createHarness } from '../support/harness.js';
import { testDatabaseUrl } from '../support/db.js';
import { FEATURES_WITH_DEMO } from './demo-feature.js';

let h: Harness;
let orgId: string;

describe.skipIf(!testDatabaseUrl())('a shared question on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ features: FEATURES_WITH_DEMO, backend: 'postgres' });
    orgId = await h.organisation();
  });
  afterEach(() => h.close());

  it('two coordinators clicking at once: one wins, the other is told who answered', async () => {
    const kari = h.chat('kari', { locale: 'en', displayName: 'Kari' });
    const per = h.chat('per', { locale: 'en', displayName: 'Per' });
    await kari.say('hello');
    await per.say('hello');
    const audience = [await kari.personId(), await per.personId()];
    for (let round = 0; round < 5; round += 1) {
      const q = await h.core.units.forOrganisation(orgId, (work) => ask(work, { kind: 'demo.case', subjectType: 'case', subjectId: `c${round}`, audience, data: { label: `c${round}` } }));
      await kari.replies();
      await per.replies();
      const results = await Promise.all([kari.click('take', q.id), per.click('take', q.id)]);
      expect(results.map((r) => r.status)).toEqual(['handled', 'handled']);
      const taken = await h.prisma.auditEvent.findMany({ where: { action: 'demo:taken', subjectId: `c${round}` } });
      expect(taken).toHaveLength(1);
      const winner = taken[0]?.actorPersonId === audience[0] ? 'Kari' : 'Per';
      const loser = winner === 'Kari' ? per : kari;
      expect(await loser.text()).toContain(`${winner} answered that already`);
      const row = await h.prisma.openQuestion.findUniqueOrThrow({ where: { id: q.id } });
      expect(row).toMatchObject({ status: 'answered', answeredById: taken[0]?.actorPersonId });
      // Both copies of the card are replaced, saying who took it.
      const replaced = await h.prisma.outboxMessage.findMany({ where: { payload: { path: ['replacesPromptId'], equals: q.id } } });
      expect(replaced).toHaveLength(2);
      expect(withoutMarks(replaced.map((m) => (m.payload as { text: string }).text).join('\n'))).toContain(`Answered by ${winner}`);
    }
  });
});
