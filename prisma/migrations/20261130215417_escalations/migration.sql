-- CreateTable
CREATE TABLE "Escalation" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT,
    "membershipId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "concerns" TEXT[],
    "status" TEXT NOT NULL,
    "level" INTEGER NOT NULL DEFAULT 0,
    "openKey" TEXT,
    "questionId" TEXT,
    "takenById" TEXT,
    "takenAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "resolutionNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Escalation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationSource" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "escalationId" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "concerns" TEXT[],
    "sharedWords" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationSource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EscalationSettings" (
    "organisationId" TEXT NOT NULL,
    "fallbackPersonId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EscalationSettings_pkey" PRIMARY KEY ("organisationId")
);

-- CreateIndex
CREATE INDEX "Escalation_organisationId_programmeId_status_idx" ON "Escalation"("organisationId", "programmeId", "status");

-- CreateIndex
CREATE INDEX "Escalation_organisationId_membershipId_idx" ON "Escalation"("organisationId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "Escalation_organisationId_openKey_key" ON "Escalation"("organisationId", "openKey");

-- CreateIndex
CREATE INDEX "EscalationSource_organisationId_escalationId_idx" ON "EscalationSource"("organisationId", "escalationId");

-- CreateIndex
CREATE INDEX "EscalationSource_organisationId_membershipId_idx" ON "EscalationSource"("organisationId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationSource_organisationId_sourceKey_key" ON "EscalationSource"("organisationId", "sourceKey");
