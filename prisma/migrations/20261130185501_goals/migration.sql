-- CreateTable
CREATE TABLE "GoalProgress" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "goalKey" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "line" TEXT,
    "authorMembershipId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GoalProgress_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "GoalProgress_organisationId_matchId_idx" ON "GoalProgress"("organisationId", "matchId");

-- CreateIndex
CREATE INDEX "GoalProgress_organisationId_authorMembershipId_idx" ON "GoalProgress"("organisationId", "authorMembershipId");

-- CreateIndex
CREATE UNIQUE INDEX "GoalProgress_matchId_goalKey_sourceId_key" ON "GoalProgress"("matchId", "goalKey", "sourceId");
