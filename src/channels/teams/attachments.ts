/**
 * A message's picture and file, made ready for a card. Teams takes no file from a bot in a
 * personal chat without the file-consent dance, and shows card images from a URL it can fetch
 * or a data: URI, so: the picture travels inside the card as a data URI (Teams leaves base64
 * images out of its 40 KB message limit; MAX_ATTACHMENT_BYTES keeps it under its 1 MB), and the
 * file as a short-lived signed link to our download route (src/files/links.ts).
 */
import type { OutboxEntry } from '../../core/domain.js';
import { MAX_ATTACHMENT_BYTES } from '../../core/messages.js';
import type { FileReader } from '../../core/ports.js';
import { FILE_LINK_TTL_MS, type FileLinks } from '../../files/links.js';
import type { CardParts } from './cards.js';

export interface TeamsFileDeps {
  /** Where picture bytes are read (StoredFile); without it a picture shows as its alt text. */
  files?: FileReader | undefined;
  /** Signs download links; without it the card names the file and says it cannot be fetched here. */
  links?: FileLinks | undefined;
  /** For the links' expiry (tests move it); the system time otherwise. */
  now?: (() => Date) | undefined;
}

/** Only pictures Teams shows, and only these go into a data: URI we build ourselves. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

export async function cardParts(entry: Pick<OutboxEntry, 'organisationId' | 'payload'>, deps: TeamsFileDeps): Promise<CardParts> {
  const parts: CardParts = {};
  const { image, file } = entry.payload;
  if (image?.fileId && deps.files) {
    const stored = await deps.files.read(entry.organisationId, image.fileId);
    if (stored && IMAGE_TYPES.has(stored.mediaType) && stored.bytes.length <= MAX_ATTACHMENT_BYTES) {
      parts.imageUri = `data:${stored.mediaType};base64,${Buffer.from(stored.bytes).toString('base64')}`;
    }
  }
  if (file?.fileId && deps.links) {
    const now = deps.now?.() ?? new Date();
    parts.fileUrl = deps.links.url({ organisationId: entry.organisationId, fileId: file.fileId }, new Date(now.getTime() + FILE_LINK_TTL_MS));
  }
  return parts;
}
