/** All repositories over one Prisma client (normally a transaction's). */
import type { Clock, IdSource, Repos } from '../../core/ports.js';
import { PrismaAuditRepo } from './audit.js';
import type { Db } from './db.js';
import { PrismaFileRepo } from './files.js';
import { PrismaFlowRunRepo } from './flow-runs.js';
import { PrismaIdentityRepo } from './identities.js';
import { PrismaJobRepo } from './jobs.js';
import { PrismaMembershipRepo } from './memberships.js';
import { PrismaOrganisationRepo } from './organisations.js';
import { PrismaOutboxRepo } from './outbox.js';
import { PrismaPersonRepo } from './people.js';
import { PrismaProcessedInboundRepo } from './processed.js';
import { PrismaProgrammeRepo } from './programmes.js';
import { PrismaQuestionRepo } from './questions.js';

export { type Db, RecordNotFoundError } from './db.js';

export interface RepoSources {
  ids: Pick<IdSource, 'next'>;
  clock: Clock;
}

export function createRepos(db: Db, sources: RepoSources): Repos {
  return {
    organisations: new PrismaOrganisationRepo(db),
    people: new PrismaPersonRepo(db),
    identities: new PrismaIdentityRepo(db, sources.clock),
    programmes: new PrismaProgrammeRepo(db),
    memberships: new PrismaMembershipRepo(db),
    flowRuns: new PrismaFlowRunRepo(db),
    processed: new PrismaProcessedInboundRepo(db, sources.clock),
    outbox: new PrismaOutboxRepo(db),
    audit: new PrismaAuditRepo(db, sources.ids, sources.clock),
    questions: new PrismaQuestionRepo(db),
    jobs: new PrismaJobRepo(db, sources.ids, sources.clock),
    files: new PrismaFileRepo(db),
  };
}
