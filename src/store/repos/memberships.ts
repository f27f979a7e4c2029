import type { MeetingFrequency, Membership, Programme, Role } from '../../core/domain.js';
import type { MembershipRepo } from '../../core/features/membership/ports.js';
import { type Membership as MembershipRow, Prisma } from '../../generated/prisma/client.js';
import { profileColumns, toMembership } from '../mappers.js';
import { type Db, onlyRow } from './db.js';

type MembershipPatch = Parameters<MembershipRepo['update']>[2];
type MembershipFilter = { role?: Role; status?: Membership['status'] };

/** The programme's columns as listWithProgrammes selects them (dates as 'YYYY-MM-DD'). */
interface ProgrammeColumns {
  p_name: string;
  p_purpose: string;
  p_startsOn: string;
  p_endsOn: string;
  p_meetingFrequency: string;
  p_joinCode: string;
  p_status: string;
  p_createdById: string;
}

export class PrismaMembershipRepo implements MembershipRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, id: string): Promise<Membership | null> {
    const row = await this.db.membership.findFirst({ where: { id, organisationId } });
    return row ? toMembership(row) : null;
  }

  async find(organisationId: string, programmeId: string, personId: string): Promise<Membership | null> {
    const row = await this.db.membership.findFirst({ where: { organisationId, programmeId, personId } });
    return row ? toMembership(row) : null;
  }

  async listForPerson(organisationId: string, personId: string): Promise<Membership[]> {
    const rows = await this.db.membership.findMany({
      where: { organisationId, personId },
      orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toMembership);
  }

  /** One statement (a join): Prisma's `include` would add a second query even when nothing matched. */
  async listWithProgrammes(organisationId: string, personId: string, status?: Membership['status']): Promise<{ membership: Membership; programme: Programme }[]> {
    return (await this.joined(organisationId, personId, status)).mine;
  }

  async overview(organisationId: string, personId: string): Promise<{ mine: { membership: Membership; programme: Programme }[]; organisationHasProgrammes: boolean; isOrganiser: boolean }> {
    return this.joined(organisationId, personId, 'active');
  }

  /**
   * The memberships with their programmes, and whether the organisation has any programme, in
   * one statement: the join hangs off a one-row FROM, so the flag comes back even when the person
   * has no membership (then as a single row with no membership columns).
   */
  private async joined(organisationId: string, personId: string, status?: Membership['status']): Promise<{ mine: { membership: Membership; programme: Programme }[]; organisationHasProgrammes: boolean; isOrganiser: boolean }> {
    const byStatus = status === undefined ? Prisma.empty : Prisma.sql`AND m."status" = CAST(${status} AS "MembershipStatus")`;
    const rows = await this.db.$queryRaw<(MembershipRow & ProgrammeColumns & { organisationHasProgrammes: boolean; isOrganiser: boolean; id: string | null })[]>(Prisma.sql`
      SELECT EXISTS (SELECT 1 FROM "Programme" g WHERE g."organisationId" = ${organisationId}) AS "organisationHasProgrammes",
        EXISTS (SELECT 1 FROM "Organiser" o WHERE o."organisationId" = ${organisationId} AND o."personId" = ${personId}) AS "isOrganiser",
        m."id", m."organisationId", m."programmeId", m."personId", m."role"::text AS "role", m."status"::text AS "status",
        m."consentedAt", m."consentVersion", m."profileDoneAt", m."fullName", m."languages", m."field", m."profession",
        m."education", m."employer", m."yearsExperience", m."region", m."availability", m."goals", m."helpWanted", m."offer", m."capacity",
        m."joinedAt", m."leftAt", m."updatedAt",
        p."name" AS "p_name", p."purpose" AS "p_purpose", to_char(p."startsOn", 'YYYY-MM-DD') AS "p_startsOn",
        to_char(p."endsOn", 'YYYY-MM-DD') AS "p_endsOn", p."meetingFrequency" AS "p_meetingFrequency", p."joinCode" AS "p_joinCode",
        p."status"::text AS "p_status", p."createdById" AS "p_createdById"
      FROM (SELECT 1) AS one
      LEFT JOIN ("Membership" m JOIN "Programme" p ON p."id" = m."programmeId" AND p."organisationId" = m."organisationId")
        ON m."organisationId" = ${organisationId} AND m."personId" = ${personId} ${byStatus}
      ORDER BY m."joinedAt" ASC, m."id" ASC`);
    const mine = rows.flatMap((row) =>
      row.id === null
        ? []
        : [
            {
              membership: toMembership(row),
              programme: {
                id: row.programmeId,
                organisationId,
                name: row.p_name,
                purpose: row.p_purpose,
                startsOn: row.p_startsOn,
                endsOn: row.p_endsOn,
                meetingFrequency: row.p_meetingFrequency as MeetingFrequency,
                joinCode: row.p_joinCode,
                status: row.p_status as Programme['status'],
                createdById: row.p_createdById,
              },
            },
          ],
    );
    return { mine, organisationHasProgrammes: rows[0]?.organisationHasProgrammes === true, isOrganiser: rows[0]?.isOrganiser === true };
  }

  async listForProgramme(organisationId: string, programmeId: string, filter: MembershipFilter = {}): Promise<Membership[]> {
    const rows = await this.db.membership.findMany({
      where: { organisationId, programmeId, role: filter.role, status: filter.status },
      orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toMembership);
  }

  async create(m: Membership): Promise<Membership> {
    const row = await this.db.membership.create({
      data: {
        id: m.id,
        organisationId: m.organisationId,
        programmeId: m.programmeId,
        personId: m.personId,
        role: m.role,
        status: m.status,
        consentedAt: m.consentedAt,
        consentVersion: m.consentVersion,
        profileDoneAt: m.profileDoneAt,
        joinedAt: m.joinedAt,
        leftAt: m.leftAt,
        ...profileColumns(m.profile),
      },
    });
    return toMembership(row);
  }

  async update(organisationId: string, id: string, patch: MembershipPatch): Promise<Membership> {
    const { profile, role, status, consentedAt, consentVersion, profileDoneAt, joinedAt, leftAt } = patch;
    const rows = await this.db.membership.updateManyAndReturn({
      where: { id, organisationId },
      data: {
        role,
        status,
        consentedAt,
        consentVersion,
        profileDoneAt,
        joinedAt,
        leftAt,
        ...profileColumns(profile ?? {}),
      },
    });
    return toMembership(onlyRow(rows, 'membership', organisationId, id));
  }

  async lockActiveCoordinators(organisationId: string, programmeId: string): Promise<string[]> {
    // Ordered, so two transactions lock the same rows in the same order and cannot deadlock.
    const rows = await this.db.$queryRaw<{ personId: string }[]>(Prisma.sql`
      SELECT "personId" FROM "Membership"
      WHERE "organisationId" = ${organisationId} AND "programmeId" = ${programmeId}
        AND "role" = CAST('coordinator' AS "Role") AND "status" = CAST('active' AS "MembershipStatus")
      ORDER BY "id" FOR UPDATE`);
    return rows.map((r) => r.personId);
  }
}
