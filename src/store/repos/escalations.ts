/**
 * Escalations, their sources and the organisation's fallback person. Inserts use ON CONFLICT DO
 * NOTHING (createMany + skipDuplicates): a source key seen twice, or two raisings of one
 * unresolved escalation at once, store one row without a failed statement that would spoil the
 * PostgreSQL transaction (the second waits for the first's row and then finds it).
 */
import type { Escalation, EscalationRepo, EscalationSource, EscalationStatus, EscalationTrigger, Resolution } from '../../core/features/escalations/ports.js';
import type { ConcernKind } from '../../core/features/escalations/words.js';
import { Prisma, type Escalation as EscalationRow, type EscalationSource as SourceRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toEscalation = (row: EscalationRow): Escalation => ({
  ...row,
  trigger: row.trigger as EscalationTrigger,
  concerns: row.concerns as ConcernKind[],
  status: row.status as EscalationStatus,
  resolution: row.resolution as Resolution | null,
});
const toSource = (row: SourceRow): EscalationSource => ({ ...row, concerns: row.concerns as ConcernKind[] });
const UNRESOLVED = ['open', 'taken'];

export class PrismaEscalationRepo implements EscalationRepo {
  constructor(private readonly db: Db) {}

  async sourceSeen(organisationId: string, sourceKey: string): Promise<boolean> {
    return (await this.db.escalationSource.count({ where: { organisationId, sourceKey } })) > 0;
  }

  async openOrCreate(escalation: Escalation): Promise<{ escalation: Escalation; created: boolean }> {
    const { count } = await this.db.escalation.createMany({ data: [escalation], skipDuplicates: true });
    const row = await this.db.escalation.findFirst({ where: { organisationId: escalation.organisationId, openKey: escalation.openKey } });
    if (!row) throw new Error(`escalation with open key of ${escalation.id} vanished`);
    return { escalation: toEscalation(row), created: count > 0 };
  }

  async addSource(source: EscalationSource): Promise<boolean> {
    const { count } = await this.db.escalationSource.createMany({ data: [source], skipDuplicates: true });
    return count > 0;
  }

  async get(organisationId: string, id: string): Promise<Escalation | null> {
    const row = await this.db.escalation.findFirst({ where: { organisationId, id } });
    return row ? toEscalation(row) : null;
  }

  async sources(organisationId: string, escalationId: string): Promise<EscalationSource[]> {
    return (await this.db.escalationSource.findMany({ where: { organisationId, escalationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toSource);
  }

  async update(organisationId: string, id: string, from: readonly EscalationStatus[], fields: Parameters<EscalationRepo['update']>[3]): Promise<Escalation | null> {
    const { count } = await this.db.escalation.updateMany({ where: { organisationId, id, status: { in: [...from] } }, data: fields });
    return count > 0 ? this.get(organisationId, id) : null;
  }

  async listUnresolved(organisationId: string, programmeIds: readonly string[]): Promise<Escalation[]> {
    const rows = await this.db.escalation.findMany({ where: { organisationId, programmeId: { in: [...programmeIds] }, status: { in: UNRESOLVED } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toEscalation);
  }

  countUnresolved(organisationId: string, programmeId: string): Promise<number> {
    return this.db.escalation.count({ where: { organisationId, programmeId, status: { in: UNRESOLVED } } });
  }

  async wordsSharedBy(organisationId: string, membershipId: string): Promise<string[]> {
    const rows = await this.db.escalationSource.findMany({ where: { organisationId, membershipId, sharedWords: { not: null } }, select: { sharedWords: true } });
    return rows.flatMap((r) => (r.sharedWords ? [r.sharedWords] : []));
  }

  async eraseFor(organisationId: string, membershipId: string, personId: string, programmeId: string, now: Date): Promise<number> {
    const words = await this.db.escalationSource.updateMany({ where: { organisationId, membershipId, sharedWords: { not: null } }, data: { sharedWords: null } });
    const notes = await this.db.escalation.updateMany({
      where: { organisationId, programmeId, resolutionNote: { not: null }, OR: [{ membershipId }, { resolvedById: personId }] },
      data: { resolutionNote: null },
    });
    const closed = await this.db.escalation.updateMany({
      where: { organisationId, membershipId, status: { in: UNRESOLVED } },
      data: { status: 'resolved', openKey: null, resolution: 'left', resolvedAt: now },
    });
    return words.count + notes.count + closed.count;
  }

  async forgetQuestionAnswer(organisationId: string, questionId: string): Promise<void> {
    await this.db.openQuestion.updateMany({ where: { organisationId, id: questionId, kind: { startsWith: 'escalations.' } }, data: { answer: Prisma.JsonNull } });
  }

  async fallback(organisationId: string): Promise<string | null> {
    return (await this.db.escalationSettings.findFirst({ where: { organisationId } }))?.fallbackPersonId ?? null;
  }

  async setFallback(organisationId: string, personId: string | null, now: Date): Promise<void> {
    await this.db.escalationSettings.upsert({ where: { organisationId }, create: { organisationId, fallbackPersonId: personId, updatedAt: now }, update: { fallbackPersonId: personId, updatedAt: now } });
  }

  async organisationCoordinators(organisationId: string): Promise<string[]> {
    const rows = await this.db.membership.findMany({ where: { organisationId, role: 'coordinator', status: 'active' }, select: { personId: true }, distinct: ['personId'], orderBy: { personId: 'asc' } });
    return rows.map((r) => r.personId);
  }
}
