/**
 * What matching's help lines need, read once per turn however many lines ask: which of the
 * person's mentor and mentee memberships have an active match ("mentors" is for those without
 * one, "end match" for those with one). Help is the most used command, so this is one indexed
 * read per membership at most, and none for a coordinator-only person.
 */
import type { Turn } from '../../engine/turn.js';
import type { HelpFacts } from '../../kernel/feature.js';

const read = new WeakMap<Turn, Promise<ReadonlySet<string>>>();

export function pairedMemberships(turn: Turn, facts: HelpFacts): Promise<ReadonlySet<string>> {
  let found = read.get(turn);
  if (!found) {
    found = (async () => {
      const paired = new Set<string>();
      for (const { membership } of facts.mine) {
        if (membership.role === 'coordinator') continue;
        const active = await turn.repos.matches.listForMembership(turn.organisation.id, membership.id, ['active']);
        if (active.length > 0) paired.add(membership.id);
      }
      return paired;
    })();
    read.set(turn, found);
  }
  return found;
}
