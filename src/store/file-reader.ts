/**
 * Reads a stored file for a channel's sender or the download route, outside any unit of work.
 * Always by organisation and id together: a file id from one organisation never finds another's.
 */
import type { StoredFile } from '../core/domain.js';
import type { FileReader } from '../core/ports.js';
import type { PrismaClient } from '../generated/prisma/client.js';

export class PrismaFileReader implements FileReader {
  constructor(private readonly prisma: Pick<PrismaClient, 'storedFile'>) {}

  async read(organisationId: string, id: string): Promise<StoredFile | null> {
    const row = await this.prisma.storedFile.findFirst({ where: { id, organisationId } });
    if (!row) return null;
    return { id: row.id, organisationId: row.organisationId, personId: row.personId, name: row.name, mediaType: row.mediaType, bytes: row.bytes, createdAt: row.createdAt };
  }
}
