/**
 * GET /files/download?o=…&f=…&e=…&s=… — the file a signed link names (src/files/links.ts), for
 * people who open a link from a message (Teams, the playground). No login: the signature is the
 * permission, so a forged, altered or expired link gets 403 and tells nothing about the file.
 * The answer is never cached (a link is a short-lived grant) and never sniffed into HTML.
 */
import type { RequestHandler } from 'express';
import { z } from 'zod';
import type { Clock, FileReader, Logger } from '../core/ports.js';
import { FILE_ROUTE, type FileLinks } from '../files/links.js';
import type { HttpServer } from './server.js';

export interface FileRouteDeps {
  links: FileLinks;
  files: FileReader;
  clock: Clock;
  log?: Logger;
}

/** Pictures a message shows inline; anything else (SVG included: it can carry script) is a download. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif']);

// A token as RFC 9110 allows, with an optional parameter list; a stored type that is not one
// (it came through the core, but the header must stay well-formed) becomes a plain download.
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;\s*[\w!#$&^.+-]+=("[^"\r\n]*"|[\w!#$&^.+-]+))*$/;

/** The link's parts as strings; anything else (repeated or nested parameters) is treated as absent. */
const linkQuery = z.object({
  o: z.string().max(200).optional().catch(undefined),
  f: z.string().max(200).optional().catch(undefined),
  e: z.string().max(20).optional().catch(undefined),
  s: z.string().max(100).optional().catch(undefined),
});

export function registerFileRoute(http: Pick<HttpServer, 'routes'>, deps: FileRouteDeps): void {
  http.routes.get(FILE_ROUTE, fileHandler(deps));
}

export function fileHandler(deps: FileRouteDeps): RequestHandler {
  return async (req, res) => {
    const query = linkQuery.parse(req.query);
    const now = deps.clock.now();
    const target = deps.links.verify(query, now);
    res.set({ 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
    if (!target) {
      // Ids only: the signature is a credential, and the log must not help anyone forge one.
      deps.log?.warn('file link refused', { reason: refusal(query, now), fileId: query.f ?? null, organisationId: query.o ?? null });
      res.status(403).json({ error: 'this link is not valid or has expired' });
      return;
    }
    const file = await deps.files.read(target.organisationId, target.fileId);
    if (!file) {
      res.status(404).json({ error: 'file not found' });
      return;
    }
    const mediaType = MEDIA_TYPE.test(file.mediaType) ? file.mediaType : 'application/octet-stream';
    const inline = INLINE_TYPES.has(mediaType.split(';')[0]?.trim().toLowerCase() ?? '');
    res.set({
      'Content-Type': mediaType,
      'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', file.name),
      // Opened as a page, a file must not run anything, whatever it claims to be.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    res.status(200).end(Buffer.from(file.bytes));
  };
}

/** Why a link was refused, for the log only (the person always sees the same 403). */
function refusal(query: z.infer<typeof linkQuery>, now: Date): string {
  if (!query.o || !query.f || !query.e || !query.s) return 'incomplete';
  if (/^\d{1,12}$/.test(query.e) && Number(query.e) * 1000 <= now.getTime()) return 'expired';
  return 'bad signature';
}

/**
 * RFC 6266: an ASCII `filename` for old clients and the exact name as UTF-8 in `filename*`.
 * Quotes, backslashes, control characters and lone surrogates (encodeURIComponent throws on them) never reach the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const clean = name.replace(/\p{Cc}|\p{Cs}/gu, '').trim() || 'file';
  // Accents come off (é → e); other letters an old client cannot take become "_".
  const ascii = clean.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^\x20-\x7e]|["\\%]/gu, '_') || 'file';
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
