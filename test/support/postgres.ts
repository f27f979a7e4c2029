// Vitest globalSetup: gives the tests a real PostgreSQL server.
//
// - TEST_DATABASE_URL already set: use that server as is.
// - Otherwise, when PostgreSQL's binaries are installed (/usr/lib/postgresql/<v>/bin, Debian's
//   layout), start a throwaway cluster in a temp dir on 127.0.0.1, on a free port, with trust
//   auth and no fsync, and stop and delete it at teardown.
// - No binaries: with CI=true that is an error (CI must test PostgreSQL); locally the
//   PostgreSQL-only tests are skipped, with a message saying so.
//
// The URL reaches the test workers through vitest's provide/inject (see test/support/db.ts) and
// through process.env.TEST_DATABASE_URL, which forked workers inherit.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL server for tests ('' when there is none). */
    testDatabaseUrl: string;
  }
}

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

function findPostgresBin(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((version) => existsSync(join(PG_ROOT, version, 'bin', 'initdb')))
    .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] === undefined ? undefined : join(PG_ROOT, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// initdb and postgres refuse to run as root, so as root (CI containers) they run as the
// "postgres" user that Debian's package creates, in a temp dir handed over to that user.
const asRoot = userInfo().uid === 0;

async function runPg(bin: string, tool: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  await run(file, argv, { timeout: 120_000 });
}

async function handOverToPostgresUser(dir: string): Promise<void> {
  if (!asRoot) return;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  await chown(dir, uid, gid);
}

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

async function startCluster(bin: string): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'mb-postgres-'));
  await handOverToPostgresUser(dir);
  const data = join(dir, 'data');
  await runPg(bin, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  try {
    await runPg(bin, 'pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start in ${dir}: ${(error as Error).message}`, { cause: error });
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      try {
        await runPg(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env.TEST_DATABASE_URL?.trim();
  if (given) {
    project.provide('testDatabaseUrl', given);
    return undefined;
  }
  const bin = findPostgresBin();
  if (!bin) {
    const message = `No PostgreSQL binaries in ${PG_ROOT}/*/bin and TEST_DATABASE_URL is not set`;
    if (process.env.CI === 'true') throw new Error(`${message}: CI must test PostgreSQL (apt-get install -y postgresql).`);
    console.warn(`[test] ${message}: PostgreSQL tests are SKIPPED; only PGlite is tested.`);
    project.provide('testDatabaseUrl', '');
    return undefined;
  }
  const cluster = await startCluster(bin);
  process.env.TEST_DATABASE_URL = cluster.url;
  project.provide('testDatabaseUrl', cluster.url);
  return async () => {
    delete process.env.TEST_DATABASE_URL;
    await cluster.stop();
  };
}
