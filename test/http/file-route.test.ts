/**
 * GET /files/download over a real HTTP server and a real test database: a signed link gives the
 * exact bytes with safe headers; anything forged, altered, expired or incomplete gets 403, and a
 * file that is not there (or is another organisation's) 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../src/core/ports.js';
import { createFileLinks, FILE_ROUTE } from '../../src/files/links.js';
import { contentDisposition, registerFileRoute } from '../../src/http/file-route.js';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { PrismaFileReader } from '../../src/store/file-reader.js';
import { PrismaFileRepo } from '../../src/store/repos/files.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const SECRET = 'a-test-secret-for-file-links-0123456789';
const NOW = new Date('2026-11-30T12:00:00Z');
const LATER = new Date(NOW.getTime() + 60 * 60 * 1000);
const CSV = Buffer.from('name;field\nAmina;Helse\nØystein;IT\n', 'utf8');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

describe('GET /files/download', () => {
  let db: TestDatabase;
  let server: HttpServer;
  let url: string;
  const lines: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
  const log: Logger = { info: () => undefined, warn: (msg, fields) => lines.push({ msg, fields }), error: (msg, fields) => lines.push({ msg, fields }) };
  const links = createFileLinks(SECRET, 'https://mentor.example.org');
  /** The link's path and query, on the test server. */
  const local = (link: string) => `${url}${new URL(link).pathname}${new URL(link).search}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const id of ['org-a', 'org-b']) await db.prisma.organisation.create({ data: { id, name: id, platform: 'playground', externalId: id } });
    const repo = new PrismaFileRepo(db.prisma);
    await repo.save({ id: 'f-csv', organisationId: 'org-a', personId: null, name: 'Rapport – høst 2026.csv', mediaType: 'text/csv; charset=utf-8', bytes: CSV, createdAt: NOW });
    await repo.save({ id: 'f-png', organisationId: 'org-a', personId: null, name: 'chart.png', mediaType: 'image/png', bytes: PNG, createdAt: NOW });
    await repo.save({ id: 'f-svg', organisationId: 'org-a', personId: null, name: 'x.svg', mediaType: 'image/svg+xml', bytes: Buffer.from('<svg/>'), createdAt: NOW });
    server = createHttpServer({ host: '127.0.0.1', port: 0, log });
    registerFileRoute(server, { links, files: new PrismaFileReader(db.prisma), clock: { now: () => NOW }, log });
    ({ url } = await server.start());
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('serves a valid link: the exact bytes, as a download, never cached or sniffed', async () => {
    const res = await fetch(local(links.url({ organisationId: 'org-a', fileId: 'f-csv' }, LATER)));
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(CSV)).toBe(true);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="Rapport _ h_st 2026.csv"; filename*=UTF-8''Rapport%20%E2%80%93%20h%C3%B8st%202026.csv`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-length')).toBe(String(CSV.length));
  });

  it('shows pictures inline, but never SVG', async () => {
    const png = await fetch(local(links.url({ organisationId: 'org-a', fileId: 'f-png' }, LATER)));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('content-disposition')).toBe(`inline; filename="chart.png"; filename*=UTF-8''chart.png`);
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
    const svg = await fetch(local(links.url({ organisationId: 'org-a', fileId: 'f-svg' }, LATER)));
    expect(svg.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(svg.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('refuses an altered signature, another file id, an altered expiry and an expired link', async () => {
    const good = new URL(links.url({ organisationId: 'org-a', fileId: 'f-csv' }, LATER));
    const variant = (change: (q: URLSearchParams) => void) => {
      const q = new URLSearchParams(good.search);
      change(q);
      return `${url}${FILE_ROUTE}?${q.toString()}`;
    };
    const signature = good.searchParams.get('s') ?? '';
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const refused = [
      variant((q) => q.set('s', flipped)),
      variant((q) => q.set('f', 'f-png')),
      variant((q) => q.set('o', 'org-b')),
      variant((q) => q.set('e', String(Number(q.get('e')) + 3600))),
      variant((q) => q.delete('s')),
      local(links.url({ organisationId: 'org-a', fileId: 'f-csv' }, new Date(NOW.getTime() - 1000))),
      local(createFileLinks('another-secret-of-enough-length-000000', 'https://x').url({ organisationId: 'org-a', fileId: 'f-csv' }, LATER)),
      `${url}${FILE_ROUTE}`,
      `${url}${FILE_ROUTE}?o=org-a&f=f-csv&e=1&s=x&s=y`,
    ];
    lines.length = 0;
    for (const link of refused) {
      const res = await fetch(link);
      expect(res.status, link).toBe(403);
      expect(await res.json()).toEqual({ error: 'this link is not valid or has expired' });
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    }
    expect(lines.filter((l) => l.msg === 'file link refused')).toHaveLength(refused.length);
    expect(lines.map((l) => l.fields?.reason)).toEqual(['bad signature', 'bad signature', 'bad signature', 'bad signature', 'incomplete', 'expired', 'bad signature', 'incomplete', 'incomplete']);
    // The log names the file, never a signature or the secret.
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(signature);
    expect(logged).not.toContain(flipped);
    expect(logged).not.toContain(SECRET);
  });

  it('answers 404 for a validly signed link to a file that is not there, or is another organisation’s', async () => {
    for (const target of [
      { organisationId: 'org-a', fileId: 'f-gone' },
      { organisationId: 'org-b', fileId: 'f-csv' },
    ]) {
      const res = await fetch(local(links.url(target, LATER)));
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'file not found' });
    }
  });

  it('writes safe Content-Disposition headers for any name', () => {
    expect(contentDisposition('attachment', 'a"b\\c%.txt')).toBe(`attachment; filename="a_b_c_.txt"; filename*=UTF-8''a%22b%5Cc%25.txt`);
    expect(contentDisposition('attachment', 'Café.ics')).toBe(`attachment; filename="Cafe.ics"; filename*=UTF-8''Caf%C3%A9.ics`);
    expect(contentDisposition('attachment', 'line\r\nbreak.ics')).toBe(`attachment; filename="linebreak.ics"; filename*=UTF-8''linebreak.ics`);
    expect(contentDisposition('inline', 'møte (1).png')).toBe(`inline; filename="m_te (1).png"; filename*=UTF-8''m%C3%B8te%20%281%29.png`);
    expect(contentDisposition('attachment', 'a\uD800b.txt')).toBe(`attachment; filename="ab.txt"; filename*=UTF-8''ab.txt`);
    expect(contentDisposition('attachment', '')).toBe(`attachment; filename="file"; filename*=UTF-8''file`);
  });
});
