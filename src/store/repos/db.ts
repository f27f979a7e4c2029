/** What every repository is built on: a Prisma client, normally the one bound to a transaction. */
import { Prisma } from '../../generated/prisma/client.js';

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

/** A unique key violated: P2002 from Prisma's own queries, the driver's 23505 inside P2010 from raw SQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta?.driverAdapterError as { cause?: { kind?: unknown } } | undefined)?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}
