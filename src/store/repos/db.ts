/** What every repository is built on: a Prisma client, normally the one bound to a transaction. */
import type { Prisma } from '../../generated/prisma/client.js';

export type Db = Prisma.TransactionClient;

/** Thrown when an update names a row that does not exist in the given organisation. */
export class RecordNotFoundError extends Error {
  constructor(what: string, organisationId: string, id: string) {
    super(`${what} ${id} not found in organisation ${organisationId}`);
    this.name = 'RecordNotFoundError';
  }
}

/**
 * The single row an organisation-scoped `updateManyAndReturn` touched. Updates go through
 * `updateMany…` rather than `update` so the organisation is part of the WHERE clause, and a miss
 * is a plain empty result (no failed statement, so a PostgreSQL transaction stays usable).
 */
export function onlyRow<T>(rows: T[], what: string, organisationId: string, id: string): T {
  const [row] = rows;
  if (!row) throw new RecordNotFoundError(what, organisationId, id);
  return row;
}
