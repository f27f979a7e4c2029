/**
 * Short-lived signed download links for files a message carries, for platforms that cannot take
 * a file from a bot in a personal chat (Teams without file consent) and for the playground. The
 * link names the organisation, the file and an expiry, signed with HMAC-SHA256 under a secret
 * from the configuration: without the signature nothing is served, and a link stops working
 * when it expires. Never a public URL without a token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FileLinkTarget {
  organisationId: string;
  fileId: string;
}

export interface FileLinks {
  /** An absolute URL valid until `expiresAt`. */
  url(target: FileLinkTarget, expiresAt: Date): string;
  /** The file a request's path and query name, or null when the link is forged, altered or expired. */
  verify(query: { o?: unknown; f?: unknown; e?: unknown; s?: unknown }, now: Date): FileLinkTarget | null;
}

/** Where the route is mounted (src/http); links are `${baseUrl}${FILE_ROUTE}?o=…&f=…&e=…&s=…`. */
export const FILE_ROUTE = '/files/download';

/** How long a link in a sent message works. A person opens a report within the day; a stale link is a new `report` away. */
export const FILE_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function createFileLinks(secret: string, baseUrl: string): FileLinks {
  if (secret.length < 16) throw new Error('the file link secret must be at least 16 characters');
  const sign = (o: string, f: string, e: string) => createHmac('sha256', secret).update(`${o}\n${f}\n${e}`).digest('base64url');
  const base = baseUrl.replace(/\/+$/, '');
  return {
    url({ organisationId, fileId }, expiresAt) {
      const e = String(Math.floor(expiresAt.getTime() / 1000));
      const query = new URLSearchParams({ o: organisationId, f: fileId, e, s: sign(organisationId, fileId, e) });
      return `${base}${FILE_ROUTE}?${query.toString()}`;
    },
    verify(query, now) {
      const { o, f, e, s } = query;
      if (typeof o !== 'string' || typeof f !== 'string' || typeof e !== 'string' || typeof s !== 'string') return null;
      if (!/^\d{1,12}$/.test(e) || Number(e) * 1000 <= now.getTime()) return null;
      const expected = Buffer.from(sign(o, f, e));
      const given = Buffer.from(s);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return { organisationId: o, fileId: f };
    },
  };
}
