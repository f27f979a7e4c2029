-- CreateTable
CREATE TABLE "Closure" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reasonCode" TEXT,
    "note" TEXT,
    "endedBy" TEXT NOT NULL,
    "endedById" TEXT,
    "endedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Closure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClosureAnswer" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT,
    "membershipId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClosureAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClosureSettings" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "trackOutcomes" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ClosureSettings_pkey" PRIMARY KEY ("programmeId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Closure_matchId_key" ON "Closure"("matchId");

-- CreateIndex
CREATE INDEX "Closure_organisationId_programmeId_idx" ON "Closure"("organisationId", "programmeId");

-- CreateIndex
CREATE UNIQUE INDEX "ClosureAnswer_questionId_key" ON "ClosureAnswer"("questionId");

-- CreateIndex
CREATE INDEX "ClosureAnswer_organisationId_programmeId_kind_idx" ON "ClosureAnswer"("organisationId", "programmeId", "kind");

-- CreateIndex
CREATE INDEX "ClosureAnswer_organisationId_membershipId_idx" ON "ClosureAnswer"("organisationId", "membershipId");
