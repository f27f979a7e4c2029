/**
 * A message's picture and file, delivered into the person's DM as Slack files, under the message.
 *
 * Why uploads and not an image block: an image block needs a public URL or an uploaded Slack
 * file (`slack_file`), and a freshly uploaded file is only usable in blocks once Slack has
 * processed it, which may take a moment and would fail the message with invalid_blocks. A file
 * shared into the DM shows the picture inline and keeps the rest of the message as blocks.
 *
 * The bytes come from StoredFile through the FileReader (the outbox payload carries only the id).
 * Upload is Slack's own flow through the WebClient's filesUploadV2: files.getUploadURLExternal
 * per file, the bytes POSTed to each upload_url, then one files.completeUploadExternal that
 * shares them into the DM. Needs the files:write scope.
 */
import type { FileReader } from '../../core/ports.js';
import type { Outbound } from '../../core/messages.js';
import { plainText } from '../../core/kernel/rich-text.js';
import type { SlackClients } from './clients.js';

type Client = Awaited<ReturnType<SlackClients['forTenant']>>;

/** Slack's longest file title, and a readable alt text. */
const TITLE_MAX = 250;
const ALT_MAX = 1000;

export interface Upload {
  filename: string;
  title: string;
  altText?: string;
  bytes: Buffer;
}

/**
 * The uploads a message asks for, with their bytes. A file that is no longer stored (erased
 * since the message was written) is left out: the message itself still names it.
 */
export async function uploadsFor(organisationId: string, message: Outbound, files: FileReader | undefined): Promise<Upload[]> {
  const uploads: Upload[] = [];
  const image = message.image;
  if (image?.fileId && files) {
    const stored = await files.read(organisationId, image.fileId);
    const alt = plainText(image.alt).trim();
    if (stored) uploads.push({ filename: stored.name, title: cut(alt || stored.name, TITLE_MAX), ...(alt ? { altText: cut(alt, ALT_MAX) } : {}), bytes: Buffer.from(stored.bytes) });
  }
  const file = message.file;
  if (file?.fileId && files) {
    const stored = await files.read(organisationId, file.fileId);
    const name = plainText(file.name).trim() || stored?.name || 'file';
    if (stored) uploads.push({ filename: name, title: cut(name, TITLE_MAX), bytes: Buffer.from(stored.bytes) });
  }
  return uploads;
}

/**
 * Shares the uploads into `channel` (the DM), all in one completeUploadExternal. A picture's
 * title is its alt text too: @slack/web-api 8.2 sends `alt_text` to getUploadURLExternal, where
 * Slack documents `alt_txt`, so the title is what surely reaches people and screen readers.
 */
export async function upload(client: Client, channel: string, uploads: readonly Upload[]): Promise<void> {
  if (uploads.length === 0) return;
  await client.filesUploadV2({
    channel_id: channel,
    file_uploads: uploads.map((u) => ({ file: u.bytes, filename: u.filename, title: u.title, ...(u.altText ? { alt_text: u.altText } : {}) })),
  });
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
