/**
 * The Store port over Prisma: each unit of work runs in one interactive transaction, with every
 * repository bound to that transaction's client, so it is all stored or none of it is.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, IdSource, Repos, Store } from '../core/ports.js';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { createRepos, type RepoSources } from './repos/index.js';

export interface PrismaStoreOptions {
  /** Ids for rows the ports give no id for (audit events); the core's IdSource in the app. */
  ids?: Pick<IdSource, 'next'>;
  /** Time for rows the ports give no time for (audit events); the core's Clock in the app. */
  clock?: Clock;
  /** How long one unit of work may hold its transaction open (Prisma's default is 5 s). */
  timeoutMs?: number;
  /** How long to wait for a connection to start the transaction. */
  maxWaitMs?: number;
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

const systemSources: RepoSources = {
  ids: { next: () => randomUUID() },
  clock: { now: () => new Date() },
};

export class PrismaStore implements Store {
  private readonly sources: RepoSources;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: PrismaStoreOptions = {},
  ) {
    this.sources = { ids: options.ids ?? systemSources.ids, clock: options.clock ?? systemSources.clock };
  }

  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T> {
    const { timeoutMs, maxWaitMs, isolationLevel } = this.options;
    return this.prisma.$transaction((tx) => work(createRepos(tx, this.sources)), {
      timeout: timeoutMs,
      maxWait: maxWaitMs,
      isolationLevel,
    });
  }
}
