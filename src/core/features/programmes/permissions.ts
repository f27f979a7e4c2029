import type { Turn } from '../../engine/turn.js';
import { type Mine, membershipsWithProgrammes } from '../membership/views.js';

/**
 * Who may start a programme: coordinators of any programme, and people the platform says
 * administer the organisation. When the platform does not say (`isAdmin` undefined), the first
 * person in an organisation with no programmes yet may; when it says "not an admin", nobody else.
 * `mine` and `organisationHasProgrammes` save reading again what the caller has read.
 */
export async function canCreateProgramme(turn: Turn, mine?: Mine, organisationHasProgrammes?: boolean): Promise<boolean> {
  if (turn.isAdmin === true) return true;
  const memberships = mine ?? (await membershipsWithProgrammes(turn));
  if (memberships.some((m) => m.membership.role === 'coordinator')) return true;
  if (turn.isAdmin === false) return false;
  // A membership's programme belongs to the organisation, so it has programmes: no need to count them.
  if (memberships.length > 0) return false;
  return !(organisationHasProgrammes ?? (await turn.repos.programmes.anyInOrganisation(turn.organisation.id)));
}
