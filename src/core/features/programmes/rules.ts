/**
 * Whether a programme takes new members: the one rule, so `join` (membership), the join flow's
 * last step and anything later (a coordinator adding someone) refuse alike.
 */
import type { Programme } from '../../domain.js';

/** Only an open programme takes new members: a paused one not for now, a closed one never, a draft not yet. */
export function acceptsMembers(programme: Pick<Programme, 'status'>): boolean {
  return programme.status === 'open';
}
