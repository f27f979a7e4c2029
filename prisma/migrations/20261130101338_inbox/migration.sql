-- CreateEnum
CREATE TYPE "InboxStatus" AS ENUM ('pending', 'done', 'failed');

-- CreateTable
CREATE TABLE "InboxItem" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "tenant" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "inbound" JSONB,
    "status" "InboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "doneAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "InboxItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxItem_status_lockedUntil_idx" ON "InboxItem"("status", "lockedUntil");

-- CreateIndex
CREATE INDEX "InboxItem_platform_tenant_externalUserId_status_idx" ON "InboxItem"("platform", "tenant", "externalUserId", "status");

-- CreateIndex
CREATE INDEX "InboxItem_receivedAt_idx" ON "InboxItem"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboxItem_platform_tenant_dedupeKey_key" ON "InboxItem"("platform", "tenant", "dedupeKey");

-- Keep the dedupe keys already recorded (written by hand): a platform retry of a delivery handled
-- before this deploy must still be recognised. ProcessedInbound's keys were "<platform>:<key>" per
-- organisation; the inbox keeps <key> per platform and tenant. Who sent it was not recorded.
INSERT INTO "InboxItem" ("id", "platform", "tenant", "dedupeKey", "externalUserId", "status", "attempts", "receivedAt", "doneAt")
SELECT 'migrated-' || md5(p."organisationId" || ':' || p."dedupeKey"), o."platform", o."externalId",
       substr(p."dedupeKey", length(o."platform"::text) + 2), '', 'done', 1, p."processedAt", p."processedAt"
FROM "ProcessedInbound" p
JOIN "Organisation" o ON o."id" = p."organisationId"
WHERE p."dedupeKey" LIKE o."platform"::text || ':%'
ON CONFLICT DO NOTHING;

-- DropForeignKey
ALTER TABLE "ProcessedInbound" DROP CONSTRAINT "ProcessedInbound_organisationId_fkey";

-- DropTable
DROP TABLE "ProcessedInbound";
