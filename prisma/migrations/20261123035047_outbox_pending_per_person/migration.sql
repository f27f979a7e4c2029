-- CreateIndex
CREATE INDEX "OutboxMessage_organisationId_personId_status_idx" ON "OutboxMessage"("organisationId", "personId", "status");
