/**
 * Reflections (Reflection rows). Writes go through createMany + skipDuplicates (ON CONFLICT DO
 * NOTHING) and then an update by the unique key, so a double click never fails a statement
 * (which would spoil a PostgreSQL transaction) and leaves one row. Every read of the words names
 * the author's membership; `factsForMatch` selects no answers.
 */
import type { Reflection, ReflectionFact, ReflectionKind, ReflectionRepo } from '../../core/features/reflections/ports.js';
import type { Prisma, Reflection as Row } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toReflection = (row: Row): Reflection => ({ ...row, kind: row.kind as ReflectionKind, answers: (row.answers ?? {}) as Record<string, string> });

export class PrismaReflectionRepo implements ReflectionRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, authorMembershipId: string, id: string): Promise<Reflection | null> {
    const row = await this.db.reflection.findFirst({ where: { organisationId, authorMembershipId, id } });
    return row ? toReflection(row) : null;
  }

  async find(organisationId: string, authorMembershipId: string, meetingId: string | null, kind: ReflectionKind): Promise<Reflection | null> {
    if (!meetingId) return null;
    const row = await this.db.reflection.findFirst({ where: { organisationId, authorMembershipId, meetingId, kind } });
    return row ? toReflection(row) : null;
  }

  async save(row: Reflection, fields: { answers?: Record<string, string>; rating?: number }): Promise<Reflection> {
    const patch = { ...(fields.answers ? { answers: fields.answers as Prisma.InputJsonValue } : {}), ...(fields.rating !== undefined ? { rating: fields.rating } : {}) };
    const data = { ...row, answers: row.answers as Prisma.InputJsonValue, ...patch };
    if (!row.meetingId) return toReflection(await this.db.reflection.create({ data }));
    const { count } = await this.db.reflection.createMany({ data: [data], skipDuplicates: true });
    const where = { organisationId: row.organisationId, authorMembershipId: row.authorMembershipId, meetingId: row.meetingId, kind: row.kind };
    if (count === 0) await this.db.reflection.updateMany({ where, data: { ...patch, updatedAt: row.updatedAt } });
    return toReflection(await this.db.reflection.findFirstOrThrow({ where }));
  }

  async markShared(organisationId: string, authorMembershipId: string, id: string, now: Date): Promise<Reflection | null> {
    const { count } = await this.db.reflection.updateMany({ where: { organisationId, authorMembershipId, id, sharedAt: null }, data: { sharedAt: now } });
    return count > 0 ? this.get(organisationId, authorMembershipId, id) : null;
  }

  async listByAuthor(organisationId: string, authorMembershipId: string, matchId: string): Promise<Reflection[]> {
    const rows = await this.db.reflection.findMany({ where: { organisationId, authorMembershipId, matchId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    return rows.map(toReflection);
  }

  async factsForMatch(organisationId: string, matchId: string): Promise<ReflectionFact[]> {
    const rows = await this.db.reflection.findMany({
      where: { organisationId, matchId },
      select: { authorMembershipId: true, meetingId: true, kind: true, rating: true, createdAt: true, updatedAt: true, answers: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    // The words are read only to tell whether there are any, and go no further than this line.
    return rows.map(({ answers, kind, ...r }) => ({ ...r, kind: kind as ReflectionKind, answered: Object.keys((answers ?? {}) as object).length > 0 }));
  }

  async wordsSharedBy(organisationId: string, authorMembershipId: string): Promise<string[]> {
    const rows = await this.db.reflection.findMany({ where: { organisationId, authorMembershipId }, select: { answers: true, sharedAt: true } });
    return rows.flatMap((r) => {
      const answers = (r.answers ?? {}) as Record<string, string>;
      return r.sharedAt ? Object.values(answers) : answers.summary ? [answers.summary] : [];
    });
  }

  async removeAllByAuthor(organisationId: string, authorMembershipId: string): Promise<number> {
    const { count } = await this.db.reflection.deleteMany({ where: { organisationId, authorMembershipId } });
    return count;
  }
}
