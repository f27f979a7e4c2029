/** Matching's smaller records: programme settings, pairs kept apart, the waitlist, cohort drafts, a mentor's pause. */
import type {
  CohortDraft,
  CohortDraftRepo,
  CohortDraftStatus,
  DoNotMatchRepo,
  MatchingSettings,
  MatchingSettingsRepo,
  MentorAvailabilityRepo,
  WaitlistEntry,
  WaitlistReason,
  WaitlistRepo,
} from '../../core/features/matching/ports.js';
import { DEFAULT_MATCHING_SETTINGS } from '../../core/features/matching/ports.js';
import type { Weights } from '../../core/features/matching/score.js';
import type { Prisma, CohortDraft as CohortDraftRow, WaitlistEntry as WaitlistRow } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

export class PrismaMatchingSettingsRepo implements MatchingSettingsRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, programmeId: string): Promise<MatchingSettings> {
    const row = await this.db.matchingSettings.findFirst({ where: { programmeId, organisationId } });
    if (!row) return { programmeId, ...DEFAULT_MATCHING_SETTINGS };
    return { programmeId, trainingRequired: row.trainingRequired, excludeSameEmployer: row.excludeSameEmployer, weights: (row.weights ?? {}) as Weights, requestDays: row.requestDays };
  }

  async save(organisationId: string, settings: MatchingSettings): Promise<MatchingSettings> {
    const data = {
      trainingRequired: settings.trainingRequired,
      excludeSameEmployer: settings.excludeSameEmployer,
      weights: settings.weights as Prisma.InputJsonValue,
      requestDays: settings.requestDays,
    };
    await this.db.matchingSettings.upsert({ where: { programmeId: settings.programmeId }, create: { programmeId: settings.programmeId, organisationId, ...data }, update: data });
    return settings;
  }
}

export class PrismaDoNotMatchRepo implements DoNotMatchRepo {
  constructor(
    private readonly db: Db,
    private readonly nextId: () => string,
  ) {}

  async list(organisationId: string, programmeId: string): Promise<[string, string][]> {
    const rows = await this.db.doNotMatch.findMany({ where: { organisationId, programmeId }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => [r.membershipAId, r.membershipBId]);
  }

  async add(organisationId: string, programmeId: string, a: string, b: string, createdById: string, now: Date): Promise<boolean> {
    // Stored in one order, so "a apart from b" and "b apart from a" are the same row.
    const [first, second] = a < b ? [a, b] : [b, a];
    const { count } = await this.db.doNotMatch.createMany({
      data: [{ id: this.nextId(), organisationId, programmeId, membershipAId: first, membershipBId: second, createdById, createdAt: now }],
      skipDuplicates: true,
    });
    return count === 1;
  }
}

const toEntry = (row: WaitlistRow): WaitlistEntry => ({ ...row, reason: row.reason as WaitlistReason });

export class PrismaWaitlistRepo implements WaitlistRepo {
  constructor(private readonly db: Db) {}

  async put(entry: Omit<WaitlistEntry, 'offeredAt'>): Promise<WaitlistEntry> {
    // Her place in the queue is her first `since`: a new reason does not send her to the back.
    const row = await this.db.waitlistEntry.upsert({ where: { membershipId: entry.membershipId }, create: { ...entry }, update: { reason: entry.reason } });
    return toEntry(row);
  }

  async remove(organisationId: string, membershipId: string): Promise<boolean> {
    const { count } = await this.db.waitlistEntry.deleteMany({ where: { organisationId, membershipId } });
    return count === 1;
  }

  async get(organisationId: string, membershipId: string): Promise<WaitlistEntry | null> {
    const row = await this.db.waitlistEntry.findFirst({ where: { organisationId, membershipId } });
    return row ? toEntry(row) : null;
  }

  async list(organisationId: string, programmeId: string): Promise<WaitlistEntry[]> {
    const rows = await this.db.waitlistEntry.findMany({ where: { organisationId, programmeId }, orderBy: [{ since: 'asc' }, { membershipId: 'asc' }] });
    return rows.map(toEntry);
  }

  async markOffered(organisationId: string, membershipId: string, at: Date): Promise<void> {
    await this.db.waitlistEntry.updateMany({ where: { organisationId, membershipId }, data: { offeredAt: at } });
  }
}

const toDraft = (row: CohortDraftRow): CohortDraft => ({ ...row, status: row.status as CohortDraftStatus });

export class PrismaCohortDraftRepo implements CohortDraftRepo {
  constructor(private readonly db: Db) {}

  async create(draft: CohortDraft): Promise<CohortDraft> {
    return toDraft(await this.db.cohortDraft.create({ data: { ...draft } }));
  }

  async get(organisationId: string, id: string): Promise<CohortDraft | null> {
    const row = await this.db.cohortDraft.findFirst({ where: { id, organisationId } });
    return row ? toDraft(row) : null;
  }

  async current(organisationId: string, programmeId: string): Promise<CohortDraft | null> {
    const row = await this.db.cohortDraft.findFirst({
      where: { organisationId, programmeId, status: { in: ['draft', 'approved'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    return row ? toDraft(row) : null;
  }

  async transition(organisationId: string, id: string, from: readonly CohortDraftStatus[], to: CohortDraftStatus, patch: Parameters<CohortDraftRepo['transition']>[4] = {}): Promise<CohortDraft | null> {
    const { count } = await this.db.cohortDraft.updateMany({ where: { id, organisationId, status: { in: [...from] } }, data: { ...patch, status: to } });
    return count === 1 ? this.get(organisationId, id) : null;
  }
}

export class PrismaMentorAvailabilityRepo implements MentorAvailabilityRepo {
  constructor(private readonly db: Db) {}

  async accepting(organisationId: string, membershipIds: readonly string[]): Promise<Map<string, boolean>> {
    if (membershipIds.length === 0) return new Map();
    const rows = await this.db.membership.findMany({ where: { organisationId, id: { in: [...membershipIds] } }, select: { id: true, acceptingMentees: true } });
    return new Map(rows.map((r) => [r.id, r.acceptingMentees]));
  }

  async setAccepting(organisationId: string, membershipId: string, accepting: boolean): Promise<void> {
    await this.db.membership.updateMany({ where: { organisationId, id: membershipId }, data: { acceptingMentees: accepting } });
  }
}
