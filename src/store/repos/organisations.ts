/** Organisations are the tenants themselves, so these are the only unscoped lookups. */
import type { Organisation } from '../../core/domain.js';
import type { Platform } from '../../core/messages.js';
import { ConcurrentUpdateError, type OrganisationRepo } from '../../core/ports.js';
import { toOrganisation } from '../mappers.js';
import { type Db, isUniqueViolation } from './db.js';

export class PrismaOrganisationRepo implements OrganisationRepo {
  constructor(private readonly db: Db) {}

  async findByExternal(platform: Platform, externalId: string): Promise<Organisation | null> {
    const row = await this.db.organisation.findUnique({ where: { platform_externalId: { platform, externalId } } });
    return row ? toOrganisation(row) : null;
  }

  async get(id: string): Promise<Organisation | null> {
    const row = await this.db.organisation.findUnique({ where: { id } });
    return row ? toOrganisation(row) : null;
  }

  /** Two first contacts from a new tenant at once: the loser gets ConcurrentUpdateError, and the core looks again. */
  async create(org: Organisation): Promise<Organisation> {
    const row = await this.db.organisation
      .create({ data: { id: org.id, name: org.name, platform: org.platform, externalId: org.externalId } })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw new ConcurrentUpdateError(`organisation ${org.platform} ${org.externalId}`);
        throw error;
      });
    return toOrganisation(row);
  }
}
