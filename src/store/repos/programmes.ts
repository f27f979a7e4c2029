import type { Programme } from '../../core/domain.js';
import type { CoordinatorInvite, ProgrammeDetails, ProgrammeRepo } from '../../core/features/programmes/ports.js';
import { toDbDate, toProgramme } from '../mappers.js';
import { type Db, onlyRow } from './db.js';
import { PrismaInviteStore } from './programmes-invites.js';

export class PrismaProgrammeRepo implements ProgrammeRepo {
  private readonly invites: PrismaInviteStore;

  constructor(private readonly db: Db) {
    this.invites = new PrismaInviteStore(db);
  }

  async get(organisationId: string, id: string): Promise<Programme | null> {
    const row = await this.db.programme.findFirst({ where: { id, organisationId } });
    return row ? toProgramme(row) : null;
  }

  async findByJoinCode(organisationId: string, joinCode: string): Promise<Programme | null> {
    // joinCode is unique across the deployment, but a code from another organisation must not match.
    const row = await this.db.programme.findFirst({ where: { joinCode, organisationId } });
    return row ? toProgramme(row) : null;
  }

  async listForOrganisation(organisationId: string): Promise<Programme[]> {
    const rows = await this.db.programme.findMany({
      where: { organisationId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toProgramme);
  }

  async anyInOrganisation(organisationId: string): Promise<boolean> {
    return (await this.db.programme.findFirst({ where: { organisationId }, select: { id: true } })) !== null;
  }

  async create(programme: Programme): Promise<Programme> {
    const row = await this.db.programme.create({
      data: {
        id: programme.id,
        organisationId: programme.organisationId,
        name: programme.name,
        purpose: programme.purpose,
        startsOn: toDbDate(programme.startsOn),
        endsOn: toDbDate(programme.endsOn),
        meetingFrequency: programme.meetingFrequency,
        joinCode: programme.joinCode,
        status: programme.status,
        createdById: programme.createdById,
      },
    });
    return toProgramme(row);
  }

  async update(organisationId: string, id: string, patch: Partial<ProgrammeDetails>): Promise<Programme> {
    const rows = await this.db.programme.updateManyAndReturn({
      where: { id, organisationId },
      data: {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.purpose !== undefined ? { purpose: patch.purpose } : {}),
        ...(patch.startsOn !== undefined ? { startsOn: toDbDate(patch.startsOn) } : {}),
        ...(patch.endsOn !== undefined ? { endsOn: toDbDate(patch.endsOn) } : {}),
        ...(patch.meetingFrequency !== undefined ? { meetingFrequency: patch.meetingFrequency } : {}),
      },
    });
    return toProgramme(onlyRow(rows, 'programme', organisationId, id));
  }

  async changeStatus(organisationId: string, id: string, from: readonly Programme['status'][], to: Programme['status']): Promise<Programme | null> {
    const rows = await this.db.programme.updateManyAndReturn({ where: { id, organisationId, status: { in: [...from] } }, data: { status: to } });
    return rows[0] ? toProgramme(rows[0]) : null;
  }

  createInvite(invite: CoordinatorInvite): Promise<CoordinatorInvite> {
    return this.invites.create(invite);
  }

  findInvite(organisationId: string, code: string): Promise<CoordinatorInvite | null> {
    return this.invites.find(organisationId, code);
  }

  claimInvite(organisationId: string, id: string, personId: string, now: Date): Promise<boolean> {
    return this.invites.claim(organisationId, id, personId, now);
  }
}
