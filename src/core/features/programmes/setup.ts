/**
 * `setup CODE`: the person the deployment's administrator gave the setup code to becomes the
 * organisation's first organiser (may start programmes). Once an organisation has an organiser
 * or a coordinator the code does nothing there, so a code that leaks later grants nothing.
 */
import type { Turn } from '../../engine/turn.js';
import { normaliseJoinCode } from '../../interactions/commands.js';

export async function redeemSetupCode(turn: Turn, argument: string): Promise<void> {
  const org = turn.organisation.id;
  const given = normaliseJoinCode(argument);
  if (!given) return turn.say({ key: 'setup.needCode' });
  const code = await turn.repos.setupCode.current();
  if (!code || !sameCode(given, code)) {
    await turn.repos.audit.record({ organisationId: org, actorPersonId: turn.person.id, action: 'organiser:setup-refused', subjectType: 'Organisation', subjectId: org });
    return turn.say({ key: 'setup.wrongCode' });
  }
  if (!(await turn.repos.organisers.grantFirst(org, turn.person.id, 'setup-code', turn.clock.now()))) return turn.say({ key: 'setup.alreadySetUp' });
  await turn.repos.audit.record({ organisationId: org, actorPersonId: turn.person.id, action: 'organiser:granted', subjectType: 'Person', subjectId: turn.person.id, data: { via: 'setup-code' } });
  turn.say({ key: 'setup.done' });
}

/** Compares every character whatever the first difference, so timing tells nothing about the code. */
function sameCode(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
