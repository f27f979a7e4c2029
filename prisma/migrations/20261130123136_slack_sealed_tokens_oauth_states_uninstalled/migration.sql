-- SlackInstallation.botToken goes: every row also has its token inside "installation", which
-- the bot seals into "sealedTokens" (and removes from the JSON) at its next start, when it holds
-- SLACK_TOKEN_KEY (src/store/slack-installations.ts, sealPlainRows). SQL cannot: the key is not here.

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "uninstalledAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "SlackInstallation" DROP COLUMN "botToken",
ADD COLUMN     "sealedTokens" TEXT;

-- CreateTable
CREATE TABLE "SlackOAuthState" (
    "id" TEXT NOT NULL,
    "installOptions" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackOAuthState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlackOAuthState_expiresAt_idx" ON "SlackOAuthState"("expiresAt");
