-- CreateTable
CREATE TABLE "PrivateNote" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "authorMembershipId" TEXT NOT NULL,
    "context" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivateNote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PrivateNote_organisationId_authorMembershipId_idx" ON "PrivateNote"("organisationId", "authorMembershipId");

-- CreateIndex
CREATE UNIQUE INDEX "PrivateNote_matchId_authorMembershipId_context_step_key" ON "PrivateNote"("matchId", "authorMembershipId", "context", "step");

-- AddForeignKey
ALTER TABLE "PrivateNote" ADD CONSTRAINT "PrivateNote_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
