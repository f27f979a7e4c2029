/**
 * A throwaway PostgreSQL cluster for benchmarks (Debian's binaries in /usr/lib/postgresql/<v>/bin;
 * as root they run as the "postgres" user), on 127.0.0.1 and a free port, without fsync.
 * Returns null when PostgreSQL is not installed. Mirrors test/support/postgres.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = '/usr/lib/postgresql';
const asRoot = userInfo().uid === 0;

export interface Cluster {
  url: string;
  stop(): Promise<void>;
}

function bin(): string | null {
  if (!existsSync(ROOT)) return null;
  const versions = readdirSync(ROOT).filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')));
  versions.sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
  return versions[0] ? join(ROOT, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function pg(dir: string, tool: string, args: string[]): Promise<void> {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(dir, tool), ...args]] : [join(dir, tool), args];
  await run(file, argv, { timeout: 120_000 });
}

export async function startPostgres(): Promise<Cluster | null> {
  const binDir = bin();
  if (!binDir) return null;
  const dir = await mkdtemp(join(tmpdir(), 'mb-bench-pg-'));
  if (asRoot) {
    const id = async (flag: string) => Number((await run('id', [flag, 'postgres'])).stdout.trim());
    await chown(dir, await id('-u'), await id('-g'));
  }
  const data = join(dir, 'data');
  await pg(binDir, 'initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const settings = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off`;
  await pg(binDir, 'pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await pg(binDir, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
