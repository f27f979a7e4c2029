/** All repositories over one Prisma client (normally a transaction's). */
import type { Clock, IdSource, Repos } from '../../core/ports.js';
import { PrismaAuditRepo } from './audit.js';
import type { Db } from './db.js';
import { PrismaDeliveryRepo } from './deliveries.js';
import { PrismaErasureRepo } from './erasure.js';
import { PrismaFileRepo } from './files.js';
import { PrismaFlowRunRepo } from './flow-runs.js';
import { PrismaIdentityRepo } from './identities.js';
import { PrismaInboxRepo } from './inbox.js';
import { PrismaJobRepo } from './jobs.js';
import { PrismaMatchRepo } from './matches.js';
import { PrismaCohortDraftRepo, PrismaDoNotMatchRepo, PrismaMatchingSettingsRepo, PrismaMentorAvailabilityRepo, PrismaWaitlistRepo } from './matching-records.js';
import { PrismaMembershipRepo } from './memberships.js';
import { PrismaOrganisationRepo } from './organisations.js';
import { PrismaOrganiserRepo, PrismaSetupCodeRepo } from './organisers.js';
import { PrismaNotesRepo } from './notes.js';
import { PrismaNudgeRepo } from './nudges.js';
import { PrismaAgreementRepo } from './agreements.js';
import { PrismaCheckInRepo, PrismaCheckInSettingsRepo } from './checkins.js';
import { PrismaClosureRepo } from './closure.js';
import { PrismaEscalationRepo } from './escalations.js';
import { PrismaGoalProgressRepo } from './goals.js';
import { PrismaReflectionRepo } from './reflections.js';
import { PrismaMeetingRepo } from './meetings.js';
import { PrismaOutboxRepo } from './outbox.js';
import { PrismaPersonRepo } from './people.js';
import { PrismaProgrammeRepo } from './programmes.js';
import { PrismaQuestionRepo } from './questions.js';
import { PrismaTrainingRepo } from './training.js';

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
    organisers: new PrismaOrganiserRepo(db),
    setupCode: new PrismaSetupCodeRepo(db),
    memberships: new PrismaMembershipRepo(db),
    erasure: new PrismaErasureRepo(db),
    flowRuns: new PrismaFlowRunRepo(db),
    inbox: new PrismaInboxRepo(db, sources.ids, sources.clock),
    outbox: new PrismaOutboxRepo(db),
    audit: new PrismaAuditRepo(db, sources.ids, sources.clock),
    deliveries: new PrismaDeliveryRepo(db),
    questions: new PrismaQuestionRepo(db),
    jobs: new PrismaJobRepo(db, sources.ids, sources.clock),
    files: new PrismaFileRepo(db),
    matches: new PrismaMatchRepo(db),
    matchingSettings: new PrismaMatchingSettingsRepo(db),
    doNotMatch: new PrismaDoNotMatchRepo(db, () => sources.ids.next()),
    waitlist: new PrismaWaitlistRepo(db),
    cohortDrafts: new PrismaCohortDraftRepo(db),
    mentorAvailability: new PrismaMentorAvailabilityRepo(db),
    training: new PrismaTrainingRepo(db),
    notes: new PrismaNotesRepo(db),
    agreements: new PrismaAgreementRepo(db),
    closures: new PrismaClosureRepo(db),
    goalProgress: new PrismaGoalProgressRepo(db),
    reflections: new PrismaReflectionRepo(db),
    meetings: new PrismaMeetingRepo(db),
    escalations: new PrismaEscalationRepo(db),
    nudges: new PrismaNudgeRepo(db),
    checkIns: new PrismaCheckInRepo(db),
    checkInSettings: new PrismaCheckInSettingsRepo(db),
  };
}
