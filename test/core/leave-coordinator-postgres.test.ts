/**
 * Two coordinators of one programme confirming "leave" at the same moment, on a real PostgreSQL
 * server where the two transactions really overlap: exactly one leaves, the other is refused in
 * words (she is now the only one) and stays, so the programme never has nobody to run it.
 * (On PGlite, one session, the two clicks run one after the other and cannot show the race.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Chat, type Harness, createHarness } from '../support/harness.js';
import { testDatabaseUrl } from '../support/db.js';
import { addMember, seedPerson, seedProgramme } from './coordinator-fixtures.js';

let h: Harness;
let orgId: string;

describe.skipIf(!testDatabaseUrl())('the last coordinator on PostgreSQL', () => {
  beforeEach(async () => {
    h = await createHarness({ backend: 'postgres' });
    orgId = await h.organisation();
  });
  afterEach(() => h.close());

  it('two coordinators leaving at once: one leaves, the other is refused and stays', async () => {
    // Each round a new co-coordinator joins the one who stayed, and both try to leave.
    // One chat per person for the whole test, so each reads only what is new to her.
    const chats = new Map<string, Chat>();
    const chatOf = (personId: string): Chat => {
      const chat = chats.get(personId) ?? h.chat(personId.slice('p-'.length), { locale: 'en' });
      chats.set(personId, chat);
      return chat;
    };
    let stayed = await seedPerson(h, orgId, 'c0', 'C0', 'en');
    await seedProgramme(h, orgId, stayed);
    for (let round = 1; round <= 5; round += 1) {
      const added = await seedPerson(h, orgId, `c${round}`, `C${round}`, 'en');
      await addMember(h, orgId, 'prog', added, 'coordinator', { name: null });
      const pair = [stayed, added];
      const both = pair.map(chatOf);
      for (const chat of both) {
        await chat.say('leave');
        expect(await chat.text()).toContain('Do you want to leave Jobbstart 2027?');
      }
      const prompts = await Promise.all(both.map((chat) => chat.lastPromptId()));
      const results = await Promise.all(both.map((chat, i) => chat.click('yes', prompts[i])));
      expect(results.map((r) => r.status)).toEqual(['handled', 'handled']);

      const rows = await h.prisma.membership.findMany({ where: { programmeId: 'prog', personId: { in: pair } }, orderBy: { personId: 'asc' } });
      const left = rows.filter((m) => m.status === 'left');
      const active = rows.filter((m) => m.status === 'active');
      expect(left, `round ${round}`).toHaveLength(1);
      expect(active, `round ${round}`).toHaveLength(1);
      expect(active[0]).toMatchObject({ role: 'coordinator', leftAt: null });
      expect(await h.prisma.membership.count({ where: { programmeId: 'prog', role: 'coordinator', status: 'active' } })).toBe(1);
      expect(await h.prisma.auditEvent.count({ where: { action: 'membership:left', actorPersonId: { in: pair } } })).toBe(1);

      const winner = chatOf(left[0]?.personId ?? '');
      const loser = chatOf(active[0]?.personId ?? '');
      expect(await winner.text()).toContain('You have left Jobbstart 2027');
      const refusal = await loser.text();
      expect(refusal).toMatch(/You are the only coordinator of \*?Jobbstart 2027\*?, so you cannot leave it yet/);
      expect(refusal).not.toContain('You have left');
      stayed = active[0]?.personId ?? '';
    }
  });
});
