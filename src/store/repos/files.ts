import type { StoredFile } from '../../core/domain.js';
import type { FileRepo } from '../../core/ports.js';
import type { Db } from './db.js';

/** Bytes a message carries, written by the unit of work in the same transaction as the message. */
export class PrismaFileRepo implements FileRepo {
  constructor(private readonly db: Db) {}

  async save(file: StoredFile): Promise<void> {
    await this.db.storedFile.create({
      data: {
        id: file.id,
        organisationId: file.organisationId,
        personId: file.personId,
        name: file.name,
        mediaType: file.mediaType,
        // Prisma's Bytes column takes a Uint8Array backed by a plain ArrayBuffer.
        bytes: new Uint8Array(file.bytes),
        createdAt: file.createdAt,
      },
    });
  }
}
