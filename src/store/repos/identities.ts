import type { ChannelIdentity, Person } from '../../core/domain.js';
import type { Platform } from '../../core/messages.js';
import { type Clock, ConcurrentUpdateError, type IdentityRepo } from '../../core/ports.js';
import { Prisma } from '../../generated/prisma/client.js';
import { toIdentity, toNullableJson } from '../mappers.js';
import { type Db, isUniqueViolation, RecordNotFoundError } from './db.js';

interface IdentityWithPersonRow {
  id: string;
  personId: string;
  address: unknown;
  displayName: string;
  locale: string;
  timeZone: string;
}

export class PrismaIdentityRepo implements IdentityRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async find(organisationId: string, platform: Platform, externalUserId: string): Promise<ChannelIdentity | null> {
    const row = await this.db.channelIdentity.findUnique({
      where: { organisationId_platform_externalUserId: { organisationId, platform, externalUserId } },
    });
    return row ? toIdentity(row) : null;
  }

  /** The identity and its person in one statement (a join): the first thing every inbound needs. */
  async findWithPerson(organisationId: string, platform: Platform, externalUserId: string): Promise<{ identity: ChannelIdentity; person: Person } | null> {
    const rows = await this.db.$queryRaw<IdentityWithPersonRow[]>(Prisma.sql`
      SELECT i."id", i."personId", i."address", p."displayName", p."locale", p."timeZone"
      FROM "ChannelIdentity" i
      JOIN "Person" p ON p."id" = i."personId" AND p."organisationId" = i."organisationId"
      WHERE i."organisationId" = ${organisationId}
        AND i."platform" = CAST(${platform} AS "Platform")
        AND i."externalUserId" = ${externalUserId}`);
    const [row] = rows;
    if (!row) return null;
    return {
      identity: { id: row.id, organisationId, personId: row.personId, platform, externalUserId, address: row.address ?? null },
      person: { id: row.personId, organisationId, displayName: row.displayName, locale: row.locale, timeZone: row.timeZone },
    };
  }

  async listForPerson(organisationId: string, personId: string): Promise<ChannelIdentity[]> {
    const rows = await this.db.channelIdentity.findMany({
      where: { organisationId, personId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toIdentity);
  }

  async firstPlatforms(organisationId: string, personIds: readonly string[]): Promise<Map<string, Platform>> {
    const first = new Map<string, Platform>();
    if (personIds.length === 0) return first;
    const rows = await this.db.channelIdentity.findMany({
      where: { organisationId, personId: { in: [...new Set(personIds)] } },
      select: { personId: true, platform: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    for (const row of rows) if (!first.has(row.personId)) first.set(row.personId, row.platform as Platform);
    return first;
  }

  /** A concurrent first contact loses on the unique key: ConcurrentUpdateError makes the core retry. */
  async create(identity: ChannelIdentity): Promise<ChannelIdentity> {
    const row = await this.db.channelIdentity
      .create({
      data: {
        id: identity.id,
        organisationId: identity.organisationId,
        personId: identity.personId,
        platform: identity.platform,
        externalUserId: identity.externalUserId,
        address: toNullableJson(identity.address),
      },
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConcurrentUpdateError('channel identity');
        throw error;
      });
    return toIdentity(row);
  }

  async createWithPerson(person: Person, identity: ChannelIdentity): Promise<void> {
    const address = identity.address === null || identity.address === undefined ? null : JSON.stringify(identity.address);
    // Both times from our clock, like Prisma's own creates (the columns' SQL defaults use the session's zone).
    const now = this.clock.now();
    await this.db
      .$executeRaw(Prisma.sql`
        WITH p AS (
          INSERT INTO "Person" ("id", "organisationId", "displayName", "locale", "timeZone", "createdAt", "updatedAt")
          VALUES (${person.id}, ${person.organisationId}, ${person.displayName}, ${person.locale}, ${person.timeZone}, ${now}, ${now})
          RETURNING "id", "organisationId")
        INSERT INTO "ChannelIdentity" ("id", "organisationId", "personId", "platform", "externalUserId", "address", "createdAt", "updatedAt")
        SELECT ${identity.id}, p."organisationId", p."id", CAST(${identity.platform} AS "Platform"), ${identity.externalUserId}, CAST(${address} AS jsonb), ${now}, ${now}
        FROM p`)
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConcurrentUpdateError('channel identity');
        throw error;
      });
  }

  async updateAddress(organisationId: string, id: string, address: unknown): Promise<void> {
    const { count } = await this.db.channelIdentity.updateMany({
      where: { id, organisationId },
      data: { address: toNullableJson(address) },
    });
    if (count === 0) throw new RecordNotFoundError('channel identity', organisationId, id);
  }
}
