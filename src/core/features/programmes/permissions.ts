import type { Turn } from '../../engine/turn.js';
import type { HelpFacts } from '../../kernel/feature.js';

/**
 * Who may start a programme: people the platform says administer the organisation (a Slack
 * workspace admin, the app's installer), coordinators of any of its programmes, and organisers
 * (the first one redeemed the deployment's setup code). When the platform does not say (Teams
 * never does; Slack when users.info fails), nobody else may: the first coordinator is decided by
 * whoever administers the deployment, never by being first to write to the bot.
 * `facts` saves reading again what help has read.
 */
export async function canCreateProgramme(turn: Turn, facts?: Pick<HelpFacts, 'mine' | 'isOrganiser'>): Promise<boolean> {
  if (turn.isAdmin === true) return true;
  if (turn.firstContact && !facts) return false; // a person created in this turn coordinates nothing yet
  const known = facts ?? (await turn.repos.memberships.overview(turn.organisation.id, turn.person.id));
  return known.isOrganiser || known.mine.some((m) => m.membership.role === 'coordinator');
}
