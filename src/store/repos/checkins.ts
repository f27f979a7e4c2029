/**
 * Check-ins (CheckIn, CheckInSettings). A contact is logged once per pair, side, kind and round
 * (createMany + skipDuplicates, so a job run twice never fails a statement); answering is a
 * conditional update, so a double click records one score. What coordinators read goes through
 * `forCoordinators`, which drops a comment its author did not share.
 */
import { DEFAULT_CHECK_IN_SETTINGS } from '../../core/features/checkins/cadence.js';
import type { CheckIn, CheckInAnswer, CheckInKind, CheckInRepo, CheckInSettings, CheckInSettingsRepo, CheckInStatus, GoodMatch } from '../../core/features/checkins/ports.js';
import type { CheckIn as Row } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

const toCheckIn = (row: Row): CheckIn => ({ ...row, kind: row.kind as CheckInKind, status: row.status as CheckInStatus, goodMatch: row.goodMatch as GoodMatch | null });
/** The row as a coordinator may read it: the comment only when shared. */
const forCoordinators = (row: Row): CheckIn => ({ ...toCheckIn(row), comment: row.commentShared ? row.comment : null });
const ORDER = [{ sentAt: 'asc' as const }, { id: 'asc' as const }];

export class PrismaCheckInRepo implements CheckInRepo {
  constructor(private readonly db: Db) {}

  async create(row: CheckIn): Promise<boolean> {
    const { count } = await this.db.checkIn.createMany({ data: [row], skipDuplicates: true });
    return count > 0;
  }

  async setQuestion(organisationId: string, id: string, questionId: string): Promise<void> {
    await this.db.checkIn.updateMany({ where: { organisationId, id }, data: { questionId } });
  }

  async getOwn(organisationId: string, membershipId: string, id: string): Promise<CheckIn | null> {
    const row = await this.db.checkIn.findFirst({ where: { organisationId, membershipId, id } });
    return row ? toCheckIn(row) : null;
  }

  async answer(organisationId: string, membershipId: string, id: string, score: number, now: Date): Promise<CheckIn | null> {
    const { count } = await this.db.checkIn.updateMany({ where: { organisationId, membershipId, id, status: { in: ['sent', 'unanswered'] } }, data: { status: 'answered', score, answeredAt: now } });
    return count > 0 ? this.getOwn(organisationId, membershipId, id) : null;
  }

  async addDetails(organisationId: string, membershipId: string, id: string, details: CheckInAnswer): Promise<CheckIn | null> {
    const { count } = await this.db.checkIn.updateMany({ where: { organisationId, membershipId, id, status: 'answered' }, data: details });
    return count > 0 ? this.getOwn(organisationId, membershipId, id) : null;
  }

  async markUnanswered(organisationId: string, id: string): Promise<CheckIn | null> {
    const { count } = await this.db.checkIn.updateMany({ where: { organisationId, id, status: 'sent' }, data: { status: 'unanswered' } });
    const row = count > 0 ? await this.db.checkIn.findFirst({ where: { organisationId, id } }) : null;
    return row ? forCoordinators(row) : null;
  }

  async listForMatch(organisationId: string, matchId: string): Promise<CheckIn[]> {
    return (await this.db.checkIn.findMany({ where: { organisationId, matchId }, orderBy: ORDER })).map(forCoordinators);
  }

  async listForProgramme(organisationId: string, programmeId: string, since: Date): Promise<CheckIn[]> {
    return (await this.db.checkIn.findMany({ where: { organisationId, programmeId, sentAt: { gte: since } }, orderBy: ORDER })).map(forCoordinators);
  }

  async sharedCommentsBy(organisationId: string, membershipId: string): Promise<string[]> {
    const rows = await this.db.checkIn.findMany({ where: { organisationId, membershipId, commentShared: true, comment: { not: null } }, select: { comment: true } });
    return rows.map((r) => r.comment ?? '').filter((c) => c !== '');
  }

  async eraseCommentsBy(organisationId: string, membershipId: string): Promise<number> {
    const { count } = await this.db.checkIn.updateMany({ where: { organisationId, membershipId, comment: { not: null } }, data: { comment: null } });
    return count;
  }

  async forgetQuestionAnswer(organisationId: string, questionId: string): Promise<void> {
    await this.db.openQuestion.updateMany({ where: { organisationId, id: questionId, kind: { startsWith: 'checkins.' } }, data: { answer: {} } });
  }
}

export class PrismaCheckInSettingsRepo implements CheckInSettingsRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, programmeId: string): Promise<CheckInSettings> {
    const row = await this.db.checkInSettings.findFirst({ where: { organisationId, programmeId } });
    if (!row) return { programmeId, ...DEFAULT_CHECK_IN_SETTINGS };
    return { programmeId, firstDay: row.firstDay, secondDay: row.secondDay, everyMonths: row.everyMonths, afterFirstMeeting: row.afterFirstMeeting };
  }

  async save(organisationId: string, settings: CheckInSettings, now: Date): Promise<CheckInSettings> {
    const data = { firstDay: settings.firstDay, secondDay: settings.secondDay, everyMonths: settings.everyMonths, afterFirstMeeting: settings.afterFirstMeeting, updatedAt: now };
    const existing = await this.db.checkInSettings.findFirst({ where: { organisationId, programmeId: settings.programmeId } });
    if (existing) await this.db.checkInSettings.updateMany({ where: { organisationId, programmeId: settings.programmeId }, data });
    else await this.db.checkInSettings.create({ data: { programmeId: settings.programmeId, organisationId, ...data } });
    return settings;
  }
}
