-- CreateEnum
CREATE TYPE "QuestionStatus" AS ENUM ('open', 'answered', 'expired', 'withdrawn');

-- AlterTable
ALTER TABLE "ScheduledJob" ADD COLUMN     "finishedAt" TIMESTAMP(3),
ADD COLUMN     "leaseToken" TEXT;

-- CreateTable
CREATE TABLE "OpenQuestion" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT,
    "kind" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "audience" TEXT[],
    "data" JSONB NOT NULL DEFAULT '{}',
    "status" "QuestionStatus" NOT NULL DEFAULT 'open',
    "expiresAt" TIMESTAMP(3),
    "answeredById" TEXT,
    "answeredAt" TIMESTAMP(3),
    "answer" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "personId" TEXT,
    "name" TEXT NOT NULL,
    "mediaType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OpenQuestion_organisationId_status_idx" ON "OpenQuestion"("organisationId", "status");

-- CreateIndex
CREATE INDEX "OpenQuestion_organisationId_subjectType_subjectId_idx" ON "OpenQuestion"("organisationId", "subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "OpenQuestion_audience_idx" ON "OpenQuestion" USING GIN ("audience");

-- CreateIndex
CREATE INDEX "StoredFile_organisationId_personId_idx" ON "StoredFile"("organisationId", "personId");

-- AddForeignKey
ALTER TABLE "OpenQuestion" ADD CONSTRAINT "OpenQuestion_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
