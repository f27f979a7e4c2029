/** Training records (TrainingRecord): one row per member and module, the first completion kept. */
import type { TrainingRecord, TrainingRepo } from '../../core/features/training/ports.js';
import type { TrainingRecord as TrainingRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toRecord = (row: TrainingRow): TrainingRecord => ({ ...row, via: row.via as TrainingRecord['via'] });

export class PrismaTrainingRepo implements TrainingRepo {
  constructor(private readonly db: Db) {}

  async record(record: TrainingRecord): Promise<boolean> {
    // Unique per member and module: a retried or repeated completion keeps the first one.
    const { count } = await this.db.trainingRecord.createMany({ data: [{ ...record }], skipDuplicates: true });
    return count === 1;
  }

  async listForMembership(organisationId: string, membershipId: string): Promise<TrainingRecord[]> {
    const rows = await this.db.trainingRecord.findMany({ where: { organisationId, membershipId }, orderBy: [{ completedAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toRecord);
  }

  async listForProgramme(organisationId: string, programmeId: string): Promise<TrainingRecord[]> {
    const rows = await this.db.trainingRecord.findMany({ where: { organisationId, programmeId }, orderBy: [{ completedAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toRecord);
  }
}
