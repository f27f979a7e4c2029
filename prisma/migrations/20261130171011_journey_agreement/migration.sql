-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "answers" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "proposedById" TEXT,
    "mentorConfirmedAt" TIMESTAMP(3),
    "menteeConfirmedAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Agreement_organisationId_matchId_idx" ON "Agreement"("organisationId", "matchId");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_matchId_version_key" ON "Agreement"("matchId", "version");

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
