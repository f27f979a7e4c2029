-- CreateTable
CREATE TABLE "Reflection" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "meetingId" TEXT,
    "authorMembershipId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "rating" INTEGER,
    "sharedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reflection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reflection_organisationId_matchId_idx" ON "Reflection"("organisationId", "matchId");

-- CreateIndex
CREATE INDEX "Reflection_organisationId_authorMembershipId_idx" ON "Reflection"("organisationId", "authorMembershipId");

-- CreateIndex
CREATE UNIQUE INDEX "Reflection_meetingId_authorMembershipId_kind_key" ON "Reflection"("meetingId", "authorMembershipId", "kind");
