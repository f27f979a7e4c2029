/** Coordinator invites (CoordinatorInvite): single-use codes that make a colleague a co-coordinator. */
import type { CoordinatorInvite } from '../../core/features/programmes/ports.js';
import type { Db } from './db.js';

type InviteRow = CoordinatorInvite;

const toInvite = (row: InviteRow): CoordinatorInvite => ({
  id: row.id,
  organisationId: row.organisationId,
  programmeId: row.programmeId,
  code: row.code,
  invitedById: row.invitedById,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  usedAt: row.usedAt,
  usedById: row.usedById,
});

export class PrismaInviteStore {
  constructor(private readonly db: Db) {}

  async create(invite: CoordinatorInvite): Promise<CoordinatorInvite> {
    return toInvite(await this.db.coordinatorInvite.create({ data: { ...invite } }));
  }

  async find(organisationId: string, code: string): Promise<CoordinatorInvite | null> {
    // The code is unique across the deployment, but one from another organisation must not match.
    const row = await this.db.coordinatorInvite.findFirst({ where: { code, organisationId } });
    return row ? toInvite(row) : null;
  }

  async claim(organisationId: string, id: string, personId: string, now: Date): Promise<boolean> {
    // One conditional UPDATE: a second redemption waits for the first one's row lock, then finds
    // usedAt set and changes nothing.
    const { count } = await this.db.coordinatorInvite.updateMany({
      where: { id, organisationId, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, usedById: personId },
    });
    return count === 1;
  }
}
