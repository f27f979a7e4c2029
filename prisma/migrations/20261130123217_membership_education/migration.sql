-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "education" TEXT;
