-- CreateTable
CREATE TABLE "Organiser" (
    "organisationId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "grantedVia" TEXT NOT NULL,
    "grantedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organiser_pkey" PRIMARY KEY ("organisationId","personId")
);

-- CreateTable
CREATE TABLE "DeploymentSetting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentSetting_pkey" PRIMARY KEY ("key")
);

-- AddForeignKey
ALTER TABLE "Organiser" ADD CONSTRAINT "Organiser_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
