import type { ChannelIdentity } from '../../core/domain.js';
import type { Platform } from '../../core/messages.js';
import type { IdentityRepo } from '../../core/ports.js';
import { toIdentity, toNullableJson } from '../mappers.js';
import { type Db, RecordNotFoundError } from './db.js';

export class PrismaIdentityRepo implements IdentityRepo {
  constructor(private readonly db: Db) {}

  async find(organisationId: string, platform: Platform, externalUserId: string): Promise<ChannelIdentity | null> {
    const row = await this.db.channelIdentity.findUnique({
      where: { organisationId_platform_externalUserId: { organisationId, platform, externalUserId } },
    });
    return row ? toIdentity(row) : null;
  }

  async listForPerson(organisationId: string, personId: string): Promise<ChannelIdentity[]> {
    const rows = await this.db.channelIdentity.findMany({
      where: { organisationId, personId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toIdentity);
  }

  async create(identity: ChannelIdentity): Promise<ChannelIdentity> {
    const row = await this.db.channelIdentity.create({
      data: {
        id: identity.id,
        organisationId: identity.organisationId,
        personId: identity.personId,
        platform: identity.platform,
        externalUserId: identity.externalUserId,
        address: toNullableJson(identity.address),
      },
    });
    return toIdentity(row);
  }

  async updateAddress(organisationId: string, id: string, address: unknown): Promise<void> {
    const { count } = await this.db.channelIdentity.updateMany({
      where: { id, organisationId },
      data: { address: toNullableJson(address) },
    });
    if (count === 0) throw new RecordNotFoundError('channel identity', organisationId, id);
  }
}
