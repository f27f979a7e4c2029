/** Matches (Match): a pair from suggestion to end; activation claims a mentor's place under a row lock. */
import type { ActivateResult, Match, MatchOrigin, MatchRepo, MatchStatus } from '../../core/features/matching/ports.js';
import { type Match as MatchRow, Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toMatch = (row: MatchRow): Match => ({
  id: row.id,
  organisationId: row.organisationId,
  programmeId: row.programmeId,
  mentorMembershipId: row.mentorMembershipId,
  menteeMembershipId: row.menteeMembershipId,
  status: row.status,
  score: row.score,
  origin: row.origin as MatchOrigin,
  cohortDraftId: row.cohortDraftId,
  questionId: row.questionId,
  requestedAt: row.requestedAt,
  respondedAt: row.respondedAt,
  declineReason: row.declineReason,
  startedAt: row.startedAt,
  endedAt: row.endedAt,
  endedById: row.endedById,
  createdAt: row.createdAt,
});

const statusFilter = (statuses?: readonly MatchStatus[]) => (statuses ? { status: { in: [...statuses] } } : {});
const ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

export class PrismaMatchRepo implements MatchRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, id: string): Promise<Match | null> {
    const row = await this.db.match.findFirst({ where: { id, organisationId } });
    return row ? toMatch(row) : null;
  }

  async listForProgramme(organisationId: string, programmeId: string, statuses?: readonly MatchStatus[]): Promise<Match[]> {
    const rows = await this.db.match.findMany({ where: { organisationId, programmeId, ...statusFilter(statuses) }, orderBy: ORDER });
    return rows.map(toMatch);
  }

  async listForMembership(organisationId: string, membershipId: string, statuses?: readonly MatchStatus[]): Promise<Match[]> {
    const rows = await this.db.match.findMany({
      where: { organisationId, OR: [{ mentorMembershipId: membershipId }, { menteeMembershipId: membershipId }], ...statusFilter(statuses) },
      orderBy: ORDER,
    });
    return rows.map(toMatch);
  }

  async createMany(matches: readonly Match[]): Promise<void> {
    if (matches.length === 0) return;
    await this.db.match.createMany({ data: matches.map((m) => ({ ...m })) });
  }

  async transition(organisationId: string, id: string, from: readonly MatchStatus[], to: MatchStatus, patch: Parameters<MatchRepo['transition']>[4] = {}): Promise<Match | null> {
    // One conditional UPDATE: a second click waits for the first one's row lock, then finds the
    // status moved on and changes nothing.
    const { count } = await this.db.match.updateMany({ where: { id, organisationId, status: { in: [...from] } }, data: { ...patch, status: to } });
    return count === 1 ? this.get(organisationId, id) : null;
  }

  async transitionAllForMentee(organisationId: string, menteeMembershipId: string, from: readonly MatchStatus[], to: MatchStatus): Promise<number> {
    const { count } = await this.db.match.updateMany({ where: { organisationId, menteeMembershipId, status: { in: [...from] } }, data: { status: to } });
    return count;
  }

  async activate(organisationId: string, id: string, from: readonly MatchStatus[], now: Date, options: { ignorePause?: boolean } = {}): Promise<ActivateResult> {
    const match = await this.get(organisationId, id);
    if (!match || !from.includes(match.status)) return { status: 'gone' };
    // The mentor's membership row is the lock every activation for this mentor queues on: a
    // count under READ COMMITTED alone would let two transactions both see one place free.
    const [mentor] = await this.db.$queryRaw<{ capacity: number | null; acceptingMentees: boolean; status: string }[]>(Prisma.sql`
      SELECT "capacity", "acceptingMentees", "status"::text AS "status" FROM "Membership"
      WHERE "id" = ${match.mentorMembershipId} AND "organisationId" = ${organisationId}
      FOR UPDATE`);
    if (mentor?.status !== 'active') return { status: 'gone' };
    const places = mentor.acceptingMentees || options.ignorePause ? (mentor.capacity ?? 0) : 0;
    const taken = await this.db.match.count({ where: { organisationId, mentorMembershipId: match.mentorMembershipId, status: 'active' } });
    if (taken >= places) return { status: 'full' };
    const activated = await this.transition(organisationId, id, from, 'active', { startedAt: now, respondedAt: match.status === 'requested' ? now : match.respondedAt });
    return activated ? { status: 'activated', match: activated } : { status: 'gone' };
  }

  async countByMentor(organisationId: string, programmeId: string, statuses: readonly MatchStatus[]): Promise<Map<string, number>> {
    const rows = await this.db.match.groupBy({
      by: ['mentorMembershipId'],
      where: { organisationId, programmeId, status: { in: [...statuses] } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.mentorMembershipId, r._count._all]));
  }

  async eraseDeclineReasons(organisationId: string, membershipId: string): Promise<number> {
    const { count } = await this.db.match.updateMany({
      where: { organisationId, declineReason: { not: null }, OR: [{ mentorMembershipId: membershipId }, { menteeMembershipId: membershipId }] },
      data: { declineReason: null },
    });
    return count;
  }
}
