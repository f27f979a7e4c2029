-- CreateTable
CREATE TABLE "NudgeLog" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "items" JSONB NOT NULL,
    "questionId" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "ignoredBefore" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NudgeLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NudgePause" (
    "organisationId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NudgePause_pkey" PRIMARY KEY ("organisationId","personId")
);

-- CreateTable
CREATE TABLE "NudgeSettings" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "quietFrom" INTEGER NOT NULL,
    "quietTo" INTEGER NOT NULL,
    "quietWeekends" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NudgeSettings_pkey" PRIMARY KEY ("programmeId")
);

-- CreateTable
CREATE TABLE "NudgeStall" (
    "organisationId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "raisedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NudgeStall_pkey" PRIMARY KEY ("matchId","since")
);

-- CreateIndex
CREATE INDEX "NudgeLog_organisationId_personId_sentAt_idx" ON "NudgeLog"("organisationId", "personId", "sentAt");

-- CreateIndex
CREATE INDEX "NudgeLog_organisationId_questionId_idx" ON "NudgeLog"("organisationId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "NudgeLog_organisationId_personId_week_key" ON "NudgeLog"("organisationId", "personId", "week");

-- CreateIndex
CREATE INDEX "NudgeSettings_organisationId_idx" ON "NudgeSettings"("organisationId");

-- CreateIndex
CREATE INDEX "NudgeStall_organisationId_idx" ON "NudgeStall"("organisationId");

-- Existing organisations with a programme get their hourly nudge planner (nudges.plan, which
-- reschedules itself); new ones get it when their first programme is created. Same key as the
-- job's own, so this never makes a second chain.
INSERT INTO "ScheduledJob" ("id", "organisationId", "kind", "dueAt", "payload", "status", "uniqueKey", "attempts", "createdAt", "updatedAt")
SELECT 'nudges-seed-' || o."id", o."id", 'nudges.plan', date_trunc('hour', now() AT TIME ZONE 'UTC') + interval '1 hour', '{}', 'pending',
       'nudges:plan:' || to_char(date_trunc('hour', now() AT TIME ZONE 'UTC') + interval '1 hour', 'YYYY-MM-DD"T"HH24'), 0, now(), now()
FROM "Organisation" o
WHERE EXISTS (SELECT 1 FROM "Programme" p WHERE p."organisationId" = o."id")
ON CONFLICT DO NOTHING;
