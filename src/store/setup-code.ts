/**
 * The deployment's setup code: made once, on the first start, and kept in the database, so the
 * log of every start can repeat it to whoever administers the deployment. They give it to the
 * person who will run an organisation's first programme, who writes `setup CODE` to the bot;
 * after that, the organisation's coordinators appoint its coordinators.
 */
import type { IdSource } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import { SETUP_CODE_KEY } from './repos/organisers.js';

/** The code in force: SETUP_CODE when the configuration sets it (it then replaces a stored one), else the stored or a new one. */
export async function ensureSetupCode(prisma: PrismaClient, ids: Pick<IdSource, 'joinCode'>, configured?: string): Promise<string> {
  if (configured) {
    const value = configured.toUpperCase().replace(/[\s-]+/g, '');
    await prisma.deploymentSetting.upsert({ where: { key: SETUP_CODE_KEY }, create: { key: SETUP_CODE_KEY, value }, update: { value } });
    return value;
  }
  // Two processes starting at once both try; the first insert wins and both read it back.
  await prisma.deploymentSetting.createMany({ data: [{ key: SETUP_CODE_KEY, value: ids.joinCode() }], skipDuplicates: true });
  return (await prisma.deploymentSetting.findUniqueOrThrow({ where: { key: SETUP_CODE_KEY } })).value;
}
