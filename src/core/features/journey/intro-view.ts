/**
 * `my mentor` / `my mentee`: the introduction's lasting part, to see again at any time — who one
 * is paired with (only what they shared for matching), the first meeting's agenda, the rules and
 * the roles ("a working paper you can return to", the seeds). One message per programme where
 * the person is in a pair; a mentor with two mentees sees both in it.
 */
import type { Membership, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { CommandDef } from '../../kernel/feature.js';
import type { Outbound } from '../../messages.js';
import { membershipsWithProgrammes } from '../membership/views.js';
import { guideSections, type Pair, partnerSection, readPair } from './intro.js';

/** The person's active pairs in one programme, seen from `membership`'s side. */
async function pairsOf(turn: Turn, membership: Membership): Promise<Pair[]> {
  const org = turn.organisation.id;
  const matches = (await turn.repos.matches.listForMembership(org, membership.id, ['active'])).filter((m) =>
    membership.role === 'mentor' ? m.mentorMembershipId === membership.id : m.menteeMembershipId === membership.id,
  );
  if (matches.length === 0) return [];
  const { weights } = await turn.repos.matchingSettings.get(org, membership.programmeId);
  const pairs = await Promise.all(matches.map((m) => readPair(turn, m, weights)));
  return pairs.filter((p): p is Pair => p !== null);
}

function pairView(turn: Turn, role: 'mentor' | 'mentee', programme: Programme, pairs: Pair[]): Outbound {
  const t = turn.t;
  return {
    title: t(role === 'mentee' ? 'journey.viewTitleMentee' : 'journey.viewTitleMentor', { programme: programme.name, count: pairs.length }),
    text: t('journey.viewText'),
    sections: [...pairs.map((p) => partnerSection(t, turn.person.locale, role, p)), ...guideSections(t, role)],
  };
}

export const myPairCommand: CommandDef = {
  name: 'myPair',
  run: async (turn) => {
    const mine = (await membershipsWithProgrammes(turn)).filter((x) => x.membership.role !== 'coordinator');
    let shown = 0;
    for (const { membership, programme } of mine) {
      const role = membership.role === 'mentor' ? 'mentor' : 'mentee';
      const pairs = await pairsOf(turn, membership);
      if (pairs.length === 0) continue;
      turn.say(pairView(turn, role, programme, pairs));
      shown += 1;
    }
    if (shown > 0) return;
    // Kindly, and with the way on: a mentee can look for a mentor herself; others wait to be paired.
    turn.say({ key: mine.some((x) => x.membership.role === 'mentee') ? 'journey.noPairMentee' : 'journey.noPair' });
  },
};
