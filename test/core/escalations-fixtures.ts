/**
 * Escalations' tests: the pair of journey-guide-fixtures (Ola mentors Amina, Kari coordinates,
 * reading English), a second coordinator of the same programme (Kjersti, reading Norwegian), and
 * a coordinator of another programme of the organisation (Per), who must see nothing of it.
 */
import { EMPTY_PROFILE } from '../../src/core/domain.js';
import { type RaiseInput, raiseEscalation } from '../../src/core/features/escalations/raise.js';
import { withoutMarksIn } from '../../src/core/kernel/rich-text.js';
import type { Outbound } from '../../src/core/messages.js';
import type { Harness } from '../support/harness.js';
import { outbox, type Pair, seedPair } from './journey-guide-fixtures.js';
import { type Seeded, seedMember, shown } from './matching-fixtures.js';

export const PROG2 = 'prog2';

export interface Cast extends Pair {
  kjersti: Seeded;
  per: Seeded;
}

export async function seedCast(h: Harness, locales: { ola?: 'en' | 'nb'; amina?: 'en' | 'nb' } = {}): Promise<Cast> {
  const pair = await seedPair(h, locales);
  const kjersti = await seedMember(h, pair.orgId, 'kjersti', 'coordinator', { ...EMPTY_PROFILE, fullName: 'Kjersti' }, 'nb');
  await h.store.transaction((r) => r.programmes.create({ id: PROG2, organisationId: pair.orgId, name: 'Språkvenn', purpose: 'Language', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'weekly', joinCode: 'SPRAK202', status: 'open', createdById: 'p-per' }));
  const per = await seedMember(h, pair.orgId, 'per', 'coordinator', { ...EMPTY_PROFILE, fullName: 'Per' }, 'en', PROG2);
  return { ...pair, kjersti, per };
}

/** Raises an escalation in its own unit of work, as a job or another feature would. */
export const raise = (h: Harness, orgId: string, input: Partial<RaiseInput> & Pick<RaiseInput, 'membershipId' | 'sourceKey'>) =>
  h.core.units.forOrganisation(orgId, (work) => raiseEscalation(work, { programmeId: 'prog', matchId: 'match-1', trigger: 'low-rating', ...input }));

/** Every message a person got, as one string each (everything shown). */
export async function shownTo(h: Harness, personId: string): Promise<string[]> {
  return (await outbox(h)).filter((m) => m.personId === personId).map((m) => shown(m.message));
}

/** The escalation cards a person got (messages with the card's buttons). */
export async function cardsOf(h: Harness, personId: string): Promise<Outbound[]> {
  return (await outbox(h)).filter((m) => m.personId === personId && m.message.prompt?.spec.kind === 'choice' && m.message.prompt.spec.options.some((o) => o.value === 'ack')).map((m) => withoutMarksIn(m.message));
}

export const escalations = (h: Harness) => h.prisma.escalation.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
