/**
 * Teams needs, to open a personal chat with someone who never wrote to the bot, the serviceUrl
 * of their tenant — which every stored Teams conversation reference in that organisation carries.
 * This small read is outside the core's ports on purpose (only the Teams channel wants it); it
 * satisfies the channel's `TeamsReferenceLookup` structurally.
 */
import { Prisma, type PrismaClient } from '../generated/prisma/client.js';

export class PrismaTeamsReferences {
  constructor(private readonly prisma: PrismaClient) {}

  /** The most recently stored Teams address in the tenant's organisation, or null. */
  async anyForTenant(tenant: string): Promise<unknown> {
    const row = await this.prisma.channelIdentity.findFirst({
      where: { platform: 'teams', address: { not: Prisma.DbNull }, organisation: { platform: 'teams', externalId: tenant } },
      orderBy: { updatedAt: 'desc' },
      select: { address: true },
    });
    return row?.address ?? null;
  }
}
