/** A new Reflection row for one side of a pair (the repository keeps one per meeting, author and kind). */
import type { Work } from '../../kernel/work.js';
import type { Pair } from '../journey/guide-pairs.js';
import type { Reflection, ReflectionKind } from './ports.js';

export function newRow(work: Work, pair: Pair, meetingId: string | null, kind: ReflectionKind): Reflection {
  const now = work.clock.now();
  return {
    id: work.ids.next(),
    organisationId: work.organisation.id,
    programmeId: pair.match.programmeId,
    matchId: pair.match.id,
    meetingId,
    authorMembershipId: pair.mine.id,
    kind,
    answers: {},
    rating: null,
    sharedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}
