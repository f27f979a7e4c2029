/** Organisers (who may start programmes) and the deployment's setup code. */
import type { OrganiserRepo, SetupCodeRepo } from '../../core/features/programmes/ports.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { Db } from './db.js';

export const SETUP_CODE_KEY = 'setup-code';

export class PrismaOrganiserRepo implements OrganiserRepo {
  constructor(private readonly db: Db) {}

  /**
   * One statement, so the check and the insert see the same rows; two people redeeming the code
   * in the same instant could both pass, and both were given the code by the deployment's admin.
   */
  async grantFirst(organisationId: string, personId: string, via: 'setup-code', at: Date): Promise<boolean> {
    const inserted = await this.db.$executeRaw(Prisma.sql`
      INSERT INTO "Organiser" ("organisationId", "personId", "grantedVia", "grantedAt")
      SELECT ${organisationId}, ${personId}, ${via}, ${at}
      WHERE NOT EXISTS (SELECT 1 FROM "Organiser" o WHERE o."organisationId" = ${organisationId})
        AND NOT EXISTS (SELECT 1 FROM "Membership" m WHERE m."organisationId" = ${organisationId} AND m."role" = 'coordinator' AND m."status" = 'active')
      ON CONFLICT DO NOTHING`);
    return inserted === 1;
  }
}

export class PrismaSetupCodeRepo implements SetupCodeRepo {
  constructor(private readonly db: Db) {}

  async current(): Promise<string | null> {
    return (await this.db.deploymentSetting.findUnique({ where: { key: SETUP_CODE_KEY } }))?.value ?? null;
  }
}
