/**
 * Open questions. Answering is one conditional UPDATE (`claim`): of two people clicking one
 * shared question at once, PostgreSQL makes the second wait for the first's row lock and then
 * finds the question answered, so exactly one wins; the row stays locked until the winner's
 * unit of work commits, and an invalid answer puts it back in the same transaction (`reopen`).
 */
import type { AnswerValue, OpenQuestion } from '../../core/domain.js';
import type { QuestionRepo } from '../../core/ports.js';
import { Prisma, type OpenQuestion as QuestionRow } from '../../generated/prisma/client.js';
import { answersSchema, answerValueSchema, parseJson } from '../mappers.js';
import type { Db } from './db.js';

export function toQuestion(row: QuestionRow): OpenQuestion {
  return {
    id: row.id,
    organisationId: row.organisationId,
    programmeId: row.programmeId,
    kind: row.kind,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    audience: row.audience,
    data: parseJson(answersSchema, row.data, `data of question ${row.id}`),
    status: row.status,
    expiresAt: row.expiresAt,
    answeredById: row.answeredById,
    answeredAt: row.answeredAt,
    answer: row.answer === null ? null : parseJson(answerValueSchema, row.answer, `answer of question ${row.id}`),
    createdAt: row.createdAt,
  };
}

const json = (value: AnswerValue) => (value === null ? Prisma.JsonNull : (value as Prisma.InputJsonValue));

export class PrismaQuestionRepo implements QuestionRepo {
  constructor(private readonly db: Db) {}

  async create(q: OpenQuestion): Promise<void> {
    await this.db.openQuestion.create({
      data: {
        id: q.id,
        organisationId: q.organisationId,
        programmeId: q.programmeId,
        kind: q.kind,
        subjectType: q.subjectType,
        subjectId: q.subjectId,
        audience: q.audience,
        data: q.data as Prisma.InputJsonObject,
        status: q.status,
        expiresAt: q.expiresAt,
        createdAt: q.createdAt,
      },
    });
  }

  async get(organisationId: string, id: string): Promise<OpenQuestion | null> {
    const row = await this.db.openQuestion.findFirst({ where: { id, organisationId } });
    return row ? toQuestion(row) : null;
  }

  async claim(organisationId: string, id: string, personId: string, answer: AnswerValue, now: Date): Promise<OpenQuestion | null> {
    const rows = await this.db.openQuestion.updateManyAndReturn({
      where: { id, organisationId, status: 'open', audience: { has: personId }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      data: { status: 'answered', answeredById: personId, answeredAt: now, answer: json(answer) },
    });
    return rows[0] ? toQuestion(rows[0]) : null;
  }

  async reopen(organisationId: string, id: string): Promise<void> {
    await this.db.openQuestion.updateMany({
      where: { id, organisationId, status: 'answered' },
      data: { status: 'open', answeredById: null, answeredAt: null, answer: Prisma.DbNull },
    });
  }

  async close(organisationId: string, id: string, status: 'expired' | 'withdrawn', now: Date): Promise<OpenQuestion | null> {
    const rows = await this.db.openQuestion.updateManyAndReturn({ where: { id, organisationId, status: 'open' }, data: { status, answeredAt: now } });
    return rows[0] ? toQuestion(rows[0]) : null;
  }

  async listOpenFor(organisationId: string, personId: string, now: Date): Promise<OpenQuestion[]> {
    const rows = await this.db.openQuestion.findMany({
      where: { organisationId, status: 'open', audience: { has: personId }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 50,
    });
    return rows.map(toQuestion);
  }

  async listBySubject(organisationId: string, subjectType: string, subjectId: string): Promise<OpenQuestion[]> {
    const rows = await this.db.openQuestion.findMany({ where: { organisationId, subjectType, subjectId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toQuestion);
  }
}
