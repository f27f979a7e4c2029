import type { Programme } from '../../core/domain.js';
import type { ProgrammeRepo } from '../../core/features/programmes/ports.js';
import { toDbDate, toProgramme } from '../mappers.js';
import type { Db } from './db.js';

export class PrismaProgrammeRepo implements ProgrammeRepo {
  constructor(private readonly db: Db) {}

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
}
