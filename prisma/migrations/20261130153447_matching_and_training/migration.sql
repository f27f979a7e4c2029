-- AlterEnum
BEGIN;
CREATE TYPE "MatchStatus_new" AS ENUM ('suggested', 'passed', 'requested', 'draft', 'active', 'declined', 'expired', 'withdrawn', 'ended');
ALTER TABLE "Match" ALTER COLUMN "status" TYPE "MatchStatus_new" USING ("status"::text::"MatchStatus_new");
ALTER TYPE "MatchStatus" RENAME TO "MatchStatus_old";
ALTER TYPE "MatchStatus_new" RENAME TO "MatchStatus";
DROP TYPE "public"."MatchStatus_old";
COMMIT;

-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "cohortDraftId" TEXT,
ADD COLUMN     "declineReason" TEXT,
ADD COLUMN     "endedAt" TIMESTAMP(3),
ADD COLUMN     "endedById" TEXT,
ADD COLUMN     "origin" TEXT NOT NULL DEFAULT 'suggestion',
ADD COLUMN     "questionId" TEXT,
ADD COLUMN     "requestedAt" TIMESTAMP(3),
ADD COLUMN     "respondedAt" TIMESTAMP(3),
ADD COLUMN     "startedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "acceptingMentees" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "MatchingSettings" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "trainingRequired" BOOLEAN NOT NULL DEFAULT false,
    "excludeSameEmployer" BOOLEAN NOT NULL DEFAULT false,
    "weights" JSONB NOT NULL DEFAULT '{}',
    "requestDays" INTEGER NOT NULL DEFAULT 7,

    CONSTRAINT "MatchingSettings_pkey" PRIMARY KEY ("programmeId")
);

-- CreateTable
CREATE TABLE "DoNotMatch" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "membershipAId" TEXT NOT NULL,
    "membershipBId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoNotMatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WaitlistEntry" (
    "membershipId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "offeredAt" TIMESTAMP(3),

    CONSTRAINT "WaitlistEntry_pkey" PRIMARY KEY ("membershipId")
);

-- CreateTable
CREATE TABLE "CohortDraft" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3),
    "revealAt" TIMESTAMP(3),
    "revealedAt" TIMESTAMP(3),

    CONSTRAINT "CohortDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingRecord" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "recordedById" TEXT NOT NULL,
    "completedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DoNotMatch_organisationId_programmeId_idx" ON "DoNotMatch"("organisationId", "programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "DoNotMatch_membershipAId_membershipBId_key" ON "DoNotMatch"("membershipAId", "membershipBId");

-- CreateIndex
CREATE INDEX "WaitlistEntry_organisationId_programmeId_since_idx" ON "WaitlistEntry"("organisationId", "programmeId", "since");

-- CreateIndex
CREATE INDEX "CohortDraft_organisationId_programmeId_status_idx" ON "CohortDraft"("organisationId", "programmeId", "status");

-- CreateIndex
CREATE INDEX "TrainingRecord_organisationId_programmeId_idx" ON "TrainingRecord"("organisationId", "programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingRecord_membershipId_moduleId_key" ON "TrainingRecord"("membershipId", "moduleId");

-- CreateIndex
CREATE INDEX "Match_mentorMembershipId_status_idx" ON "Match"("mentorMembershipId", "status");

-- CreateIndex
CREATE INDEX "Match_menteeMembershipId_status_idx" ON "Match"("menteeMembershipId", "status");

-- AddForeignKey
ALTER TABLE "MatchingSettings" ADD CONSTRAINT "MatchingSettings_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoNotMatch" ADD CONSTRAINT "DoNotMatch_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WaitlistEntry" ADD CONSTRAINT "WaitlistEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortDraft" ADD CONSTRAINT "CohortDraft_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRecord" ADD CONSTRAINT "TrainingRecord_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
