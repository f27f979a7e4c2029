-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "questionId" TEXT,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "score" INTEGER,
    "goodMatch" TEXT,
    "prepared" TEXT,
    "listened" TEXT,
    "comment" TEXT,
    "commentShared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckInSettings" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "firstDay" INTEGER NOT NULL,
    "secondDay" INTEGER NOT NULL,
    "everyMonths" INTEGER NOT NULL,
    "afterFirstMeeting" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CheckInSettings_pkey" PRIMARY KEY ("programmeId")
);

-- CreateIndex
CREATE INDEX "CheckIn_organisationId_programmeId_idx" ON "CheckIn"("organisationId", "programmeId");

-- CreateIndex
CREATE INDEX "CheckIn_organisationId_matchId_idx" ON "CheckIn"("organisationId", "matchId");

-- CreateIndex
CREATE INDEX "CheckIn_organisationId_membershipId_idx" ON "CheckIn"("organisationId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_matchId_membershipId_kind_round_key" ON "CheckIn"("matchId", "membershipId", "kind", "round");

-- CreateIndex
CREATE INDEX "CheckInSettings_organisationId_idx" ON "CheckInSettings"("organisationId");
