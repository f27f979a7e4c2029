/**
 * A pair's meetings (Meeting rows). Every query names the organisation; changes are conditional
 * (updateMany on id, organisation, status and sequence), so a second click or a race between the
 * pair changes a meeting once.
 */
import type { Meeting, MeetingMode, MeetingPatch, MeetingRepo, MeetingStatus } from '../../core/features/meetings/ports.js';
import { Prisma, type Meeting as MeetingRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toMeeting = (row: MeetingRow): Meeting => ({ ...row, mode: row.mode as MeetingMode, status: row.status as MeetingStatus });

export class PrismaMeetingRepo implements MeetingRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, id: string): Promise<Meeting | null> {
    const row = await this.db.meeting.findFirst({ where: { organisationId, id } });
    return row ? toMeeting(row) : null;
  }

  async listForMatch(organisationId: string, matchId: string): Promise<Meeting[]> {
    const rows = await this.db.meeting.findMany({ where: { organisationId, matchId }, orderBy: [{ startsAt: 'desc' }, { id: 'desc' }] });
    return rows.map(toMeeting);
  }

  async create(meeting: Meeting): Promise<Meeting> {
    return toMeeting(await this.db.meeting.create({ data: meeting }));
  }

  async update(organisationId: string, id: string, from: { status: MeetingStatus[]; sequence?: number }, patch: MeetingPatch, now: Date): Promise<Meeting | null> {
    const { count } = await this.db.meeting.updateMany({
      where: { organisationId, id, status: { in: from.status }, ...(from.sequence !== undefined ? { sequence: from.sequence } : {}) },
      data: { ...patch, updatedAt: now },
    });
    return count === 1 ? this.get(organisationId, id) : null;
  }

  async lockPair(organisationId: string, matchId: string): Promise<void> {
    await this.db.$queryRaw(Prisma.sql`SELECT 1 FROM "Match" WHERE "id" = ${matchId} AND "organisationId" = ${organisationId} FOR UPDATE`);
  }

  async placesProposedBy(organisationId: string, membershipId: string): Promise<string[]> {
    const rows = await this.db.meeting.findMany({ where: { organisationId, proposedById: membershipId, place: { not: null } }, select: { place: true } });
    return [...new Set(rows.flatMap((r) => (r.place ? [r.place] : [])))];
  }

  async erasePlaces(organisationId: string, matchIds: string[]): Promise<number> {
    if (matchIds.length === 0) return 0;
    const { count } = await this.db.meeting.updateMany({ where: { organisationId, matchId: { in: matchIds }, place: { not: null } }, data: { place: null } });
    return count;
  }
}
