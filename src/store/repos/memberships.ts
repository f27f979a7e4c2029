import type { Membership, Role } from '../../core/domain.js';
import type { MembershipRepo } from '../../core/ports.js';
import { profileColumns, toMembership } from '../mappers.js';
import { type Db, onlyRow } from './db.js';

type MembershipPatch = Parameters<MembershipRepo['update']>[2];
type MembershipFilter = { role?: Role; status?: Membership['status'] };

export class PrismaMembershipRepo implements MembershipRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, id: string): Promise<Membership | null> {
    const row = await this.db.membership.findFirst({ where: { id, organisationId } });
    return row ? toMembership(row) : null;
  }

  async find(organisationId: string, programmeId: string, personId: string): Promise<Membership | null> {
    const row = await this.db.membership.findFirst({ where: { organisationId, programmeId, personId } });
    return row ? toMembership(row) : null;
  }

  async listForPerson(organisationId: string, personId: string): Promise<Membership[]> {
    const rows = await this.db.membership.findMany({
      where: { organisationId, personId },
      orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toMembership);
  }

  async listForProgramme(organisationId: string, programmeId: string, filter: MembershipFilter = {}): Promise<Membership[]> {
    const rows = await this.db.membership.findMany({
      where: { organisationId, programmeId, role: filter.role, status: filter.status },
      orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toMembership);
  }

  async create(m: Membership): Promise<Membership> {
    const row = await this.db.membership.create({
      data: {
        id: m.id,
        organisationId: m.organisationId,
        programmeId: m.programmeId,
        personId: m.personId,
        role: m.role,
        status: m.status,
        consentedAt: m.consentedAt,
        consentVersion: m.consentVersion,
        profileDoneAt: m.profileDoneAt,
        joinedAt: m.joinedAt,
        leftAt: m.leftAt,
        ...profileColumns(m.profile),
      },
    });
    return toMembership(row);
  }

  async update(organisationId: string, id: string, patch: MembershipPatch): Promise<Membership> {
    const { profile, role, status, consentedAt, consentVersion, profileDoneAt, leftAt } = patch;
    const rows = await this.db.membership.updateManyAndReturn({
      where: { id, organisationId },
      data: {
        role,
        status,
        consentedAt,
        consentVersion,
        profileDoneAt,
        leftAt,
        ...profileColumns(profile ?? {}),
      },
    });
    return toMembership(onlyRow(rows, 'membership', organisationId, id));
  }
}
