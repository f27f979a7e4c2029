/**
 * Closure rows (how a pair ended), closing answers and a programme's closure settings. Inserts
 * use ON CONFLICT DO NOTHING (createMany + skipDuplicates): a second record of one match or a
 * second answer to one question stores nothing, without a failed statement that would spoil
 * the PostgreSQL transaction.
 */
import type { AnswerKind, Closure, ClosureAnswer, ClosureOutcome, ClosureRepo, EndedByKind, ReasonCode } from '../../core/features/closure/ports.js';
import { Prisma, type Closure as ClosureRow, type ClosureAnswer as AnswerRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toClosure = (row: ClosureRow): Closure => ({ ...row, outcome: row.outcome as ClosureOutcome, reasonCode: row.reasonCode as ReasonCode | null, endedBy: row.endedBy as EndedByKind });
const toAnswer = (row: AnswerRow): ClosureAnswer => ({ ...row, kind: row.kind as AnswerKind, answers: (row.answers ?? {}) as ClosureAnswer['answers'] });

/** The survey's words (for coordinators while the author is a member); its numbers stay. */
const SURVEY_TEXTS = ['valuable', 'change'] as const;

export class PrismaClosureRepo implements ClosureRepo {
  constructor(private readonly db: Db) {}

  async record(closure: Closure): Promise<boolean> {
    const { count } = await this.db.closure.createMany({ data: [closure], skipDuplicates: true });
    return count > 0;
  }

  async forMatch(organisationId: string, matchId: string): Promise<Closure | null> {
    const row = await this.db.closure.findFirst({ where: { organisationId, matchId } });
    return row ? toClosure(row) : null;
  }

  async listForProgramme(organisationId: string, programmeId: string): Promise<Closure[]> {
    return (await this.db.closure.findMany({ where: { organisationId, programmeId }, orderBy: { endedAt: 'asc' } })).map(toClosure);
  }

  async saveAnswer(answer: ClosureAnswer): Promise<boolean> {
    const { count } = await this.db.closureAnswer.createMany({ data: [{ ...answer, answers: answer.answers as Prisma.InputJsonValue }], skipDuplicates: true });
    return count > 0;
  }

  async answersForMatch(organisationId: string, matchId: string, kind: AnswerKind): Promise<ClosureAnswer[]> {
    return (await this.db.closureAnswer.findMany({ where: { organisationId, matchId, kind }, orderBy: { createdAt: 'asc' } })).map(toAnswer);
  }

  async answersForProgramme(organisationId: string, programmeId: string, kind: AnswerKind): Promise<ClosureAnswer[]> {
    return (await this.db.closureAnswer.findMany({ where: { organisationId, programmeId, kind }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toAnswer);
  }

  async eraseFor(organisationId: string, membershipId: string, matchIds: readonly string[]): Promise<number> {
    const reflections = await this.db.closureAnswer.deleteMany({ where: { organisationId, membershipId, kind: 'reflection' } });
    let changed = reflections.count;
    for (const row of await this.db.closureAnswer.findMany({ where: { organisationId, membershipId, kind: 'survey' } })) {
      const answers = { ...((row.answers ?? {}) as Record<string, unknown>) };
      if (SURVEY_TEXTS.every((k) => answers[k] == null)) continue;
      for (const k of SURVEY_TEXTS) answers[k] = null;
      await this.db.closureAnswer.updateMany({ where: { organisationId, id: row.id }, data: { answers: answers as Prisma.InputJsonValue } });
      changed += 1;
    }
    const notes = await this.db.closure.updateMany({ where: { organisationId, matchId: { in: [...matchIds] }, note: { not: null } }, data: { note: null } });
    return changed + notes.count;
  }

  async forgetQuestionAnswer(organisationId: string, questionId: string): Promise<void> {
    await this.db.openQuestion.updateMany({ where: { organisationId, id: questionId, kind: { startsWith: 'closure.' } }, data: { answer: Prisma.JsonNull } });
  }

  async tracksOutcomes(organisationId: string, programmeId: string): Promise<boolean> {
    return (await this.db.closureSettings.findFirst({ where: { organisationId, programmeId } }))?.trackOutcomes ?? false;
  }

  async setTracksOutcomes(organisationId: string, programmeId: string, on: boolean): Promise<void> {
    await this.db.closureSettings.upsert({ where: { programmeId, organisationId }, create: { programmeId, organisationId, trackOutcomes: on }, update: { trackOutcomes: on } });
  }
}
