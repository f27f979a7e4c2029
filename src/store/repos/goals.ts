/**
 * Goal progress (GoalProgress rows): one row per update. Writes go through createMany +
 * skipDuplicates (ON CONFLICT DO NOTHING on pair, goal and submission), so the same submission
 * stored twice keeps one row and never fails a statement (which would spoil a PostgreSQL
 * transaction). Every query names the organisation.
 */
import type { GoalProgressRepo, GoalStep, GoalUpdate } from '../../core/features/goals/ports.js';
import type { GoalProgress as Row } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toUpdate = (row: Row): GoalUpdate => ({ ...row, step: row.step as GoalStep });

export class PrismaGoalProgressRepo implements GoalProgressRepo {
  constructor(private readonly db: Db) {}

  async listForMatch(organisationId: string, matchId: string): Promise<GoalUpdate[]> {
    const rows = await this.db.goalProgress.findMany({ where: { organisationId, matchId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map(toUpdate);
  }

  async record(updates: GoalUpdate[]): Promise<number> {
    if (updates.length === 0) return 0;
    const { count } = await this.db.goalProgress.createMany({ data: updates.map((u) => ({ ...u })), skipDuplicates: true });
    return count;
  }

  async linesBy(organisationId: string, authorMembershipId: string): Promise<string[]> {
    const rows = await this.db.goalProgress.findMany({ where: { organisationId, authorMembershipId, line: { not: null } }, select: { line: true } });
    return rows.flatMap((r) => (r.line ? [r.line] : []));
  }

  async removeForMatches(organisationId: string, matchIds: string[]): Promise<number> {
    if (matchIds.length === 0) return 0;
    const { count } = await this.db.goalProgress.deleteMany({ where: { organisationId, matchId: { in: matchIds } } });
    return count;
  }

  async removeAllByAuthor(organisationId: string, authorMembershipId: string): Promise<number> {
    const { count } = await this.db.goalProgress.deleteMany({ where: { organisationId, authorMembershipId } });
    return count;
  }
}
