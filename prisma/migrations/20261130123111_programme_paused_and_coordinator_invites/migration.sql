-- AlterEnum
ALTER TYPE "ProgrammeStatus" ADD VALUE 'paused';

-- CreateTable
CREATE TABLE "CoordinatorInvite" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,

    CONSTRAINT "CoordinatorInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CoordinatorInvite_code_key" ON "CoordinatorInvite"("code");

-- CreateIndex
CREATE INDEX "CoordinatorInvite_organisationId_programmeId_idx" ON "CoordinatorInvite"("organisationId", "programmeId");

-- AddForeignKey
ALTER TABLE "CoordinatorInvite" ADD CONSTRAINT "CoordinatorInvite_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;
