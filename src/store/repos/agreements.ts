/**
 * A pair's agreement (Agreement rows, one per version). Every query names the organisation;
 * status changes are conditional UPDATEs, so a second click or a race changes nothing.
 */
import type { Agreement, AgreementRepo, AgreementStatus } from '../../core/features/journey/ports.js';
import { Prisma, type Agreement as AgreementRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toAgreement = (row: AgreementRow): Agreement => ({ ...row, status: row.status as AgreementStatus, answers: (row.answers ?? {}) as Record<string, unknown> });
const json = (answers: Record<string, unknown>) => answers as Prisma.InputJsonValue;

export class PrismaAgreementRepo implements AgreementRepo {
  constructor(private readonly db: Db) {}

  async latest(organisationId: string, matchId: string): Promise<Agreement | null> {
    const row = await this.db.agreement.findFirst({ where: { organisationId, matchId }, orderBy: { version: 'desc' } });
    return row ? toAgreement(row) : null;
  }

  async current(organisationId: string, matchId: string): Promise<Agreement | null> {
    const row = await this.db.agreement.findFirst({ where: { organisationId, matchId, status: { in: ['proposed', 'confirmed'] } }, orderBy: { version: 'desc' } });
    return row ? toAgreement(row) : null;
  }

  async inForce(organisationId: string, matchId: string): Promise<Agreement | null> {
    const row = await this.db.agreement.findFirst({ where: { organisationId, matchId, status: 'confirmed' }, orderBy: { version: 'desc' } });
    return row ? toAgreement(row) : null;
  }

  async get(organisationId: string, id: string): Promise<Agreement | null> {
    const row = await this.db.agreement.findFirst({ where: { organisationId, id } });
    return row ? toAgreement(row) : null;
  }

  async create(agreement: Agreement): Promise<Agreement> {
    return toAgreement(await this.db.agreement.create({ data: { ...agreement, answers: json(agreement.answers) } }));
  }

  async saveDraft(organisationId: string, id: string, answers: Record<string, unknown>): Promise<boolean> {
    const { count } = await this.db.agreement.updateMany({ where: { organisationId, id, status: 'draft' }, data: { answers: json(answers) } });
    return count > 0;
  }

  async transition(organisationId: string, id: string, from: AgreementStatus[], to: AgreementStatus, patch: { proposedById?: string; confirmedAt?: Date } = {}): Promise<Agreement | null> {
    const { count } = await this.db.agreement.updateMany({ where: { organisationId, id, status: { in: from } }, data: { status: to, ...patch } });
    return count > 0 ? this.get(organisationId, id) : null;
  }

  async confirm(organisationId: string, id: string, side: 'mentor' | 'mentee', now: Date): Promise<Agreement | null> {
    const field = side === 'mentor' ? 'mentorConfirmedAt' : 'menteeConfirmedAt';
    const { count } = await this.db.agreement.updateMany({ where: { organisationId, id, status: 'proposed', [field]: null }, data: { [field]: now } });
    return count > 0 ? this.get(organisationId, id) : null;
  }

  async lockPair(organisationId: string, matchId: string): Promise<void> {
    await this.db.$queryRaw(Prisma.sql`SELECT 1 FROM "Match" WHERE "id" = ${matchId} AND "organisationId" = ${organisationId} FOR UPDATE`);
  }

  async removeForMatches(organisationId: string, matchIds: string[]): Promise<number> {
    if (matchIds.length === 0) return 0;
    const { count } = await this.db.agreement.deleteMany({ where: { organisationId, matchId: { in: matchIds } } });
    return count;
  }
}
