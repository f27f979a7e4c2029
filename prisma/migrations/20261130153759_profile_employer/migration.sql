-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "employer" TEXT;
