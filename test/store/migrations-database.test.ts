// openDatabase() on both backends: a Prisma round trip through the migrated schema, the PGlite
// data-folder lock, and a process that exits by itself after close().
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createTestDatabase, type TestBackend, testDatabaseUrl } from '../support/db.js';

const tempDirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) child.kill();
  await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

// One data folder for the whole file: creating a PGlite cluster on disk takes seconds, and each
// test leaves the folder closed. The first test to open it creates and migrates it.
let dataDirPromise: Promise<string> | undefined;
function sharedDataDir(): Promise<string> {
  dataDirPromise ??= mkdtemp(join(tmpdir(), 'mb-pglite-')).then((dir) => {
    tempDirs.push(dir);
    return join(dir, 'data');
  });
  return dataDirPromise;
}

const backends: TestBackend[] = ['pglite', 'postgres'];

describe.each(backends)('a fresh test database on %s', (backend) => {
  const skip = backend === 'postgres' && !testDatabaseUrl();

  it.skipIf(skip)('stores and reads back an organisation, a person and a membership with arrays and JSON', async () => {
    const started = performance.now();
    const db = await createTestDatabase({ backend });
    console.info(`[timing] fresh ${backend} test database: ${Math.round(performance.now() - started)} ms`);
    try {
      expect(db.kind).toBe(backend);
      const { prisma } = db;
      const organisation = await prisma.organisation.create({
        data: { id: 'org-1', name: 'Demo AS', platform: 'playground', externalId: 'demo' },
      });
      await prisma.person.create({ data: { id: 'p-1', organisationId: organisation.id, displayName: 'Amina' } });
      await prisma.programme.create({
        data: {
          id: 'prog-1',
          organisationId: organisation.id,
          name: 'Spring 2026',
          purpose: 'First job in Norway',
          startsOn: new Date('2026-03-01'),
          endsOn: new Date('2026-09-01'),
          meetingFrequency: 'biweekly',
          joinCode: 'SPRING',
          createdById: 'p-1',
        },
      });
      const languages = [{ code: 'nb', level: 'b1' }, { code: 'ar', level: 'native' }];
      await prisma.membership.create({
        data: {
          id: 'm-1',
          organisationId: organisation.id,
          programmeId: 'prog-1',
          personId: 'p-1',
          role: 'mentee',
          goals: ['Get a job in IT', 'Improve my Norwegian', 'Build a network'],
          languages,
        },
      });

      const person = await prisma.person.findUniqueOrThrow({
        where: { id: 'p-1' },
        include: { memberships: { include: { programme: true } } },
      });
      expect(person).toMatchObject({ displayName: 'Amina', locale: 'nb', timeZone: 'Europe/Oslo' });
      expect(person.memberships).toHaveLength(1);
      expect(person.memberships[0]).toMatchObject({
        goals: ['Get a job in IT', 'Improve my Norwegian', 'Build a network'],
        languages,
        status: 'active',
        programme: { joinCode: 'SPRING', startsOn: new Date('2026-03-01'), status: 'open' },
      });
    } finally {
      await db.close();
    }
  });
});

describe('one PostgreSQL database, two bots', () => {
  it.skipIf(!testDatabaseUrl())('leaves no migration lock behind: a second bot opens the database while the first runs', { timeout: 60_000 }, async () => {
    const first = await createTestDatabase({ backend: 'postgres' });
    try {
      // The engine's advisory lock, taken and freed on one session (not left on a pooled connection).
      const held = await first.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      expect(held).toEqual([{ n: 0 }]);
      const second = await openDatabase({ databaseUrl: first.url as string });
      await second.close();
    } finally {
      await first.close();
    }
  });
});

describe('the PGlite data folder lock', () => {
  it('refuses a second opener in the same process, and frees the folder on close', async () => {
    const dataDir = await sharedDataDir();
    const first = await openDatabase({ dataDir });
    try {
      await expect(openDatabase({ dataDir })).rejects.toThrow(`is already open in this process (pid ${process.pid})`);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dataDir, 'mentor-bridge.lock'))).toBe(false);
    const again = await openDatabase({ dataDir });
    await again.close();
  });

});

describe('a process using the database', () => {
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  let script: string;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mb-script-'));
    tempDirs.push(dir);
    script = join(dir, 'open.mts'); // .mts: ESM (top-level await) outside the project's package.json
    const database = join(projectRoot, 'src/store/database.ts');
    // Opens the folder, reports, waits argv[3] ms, closes, and then must exit on its own.
    await writeFile(
      script,
      `import { openDatabase } from ${JSON.stringify(database)};
       const db = await openDatabase({ dataDir: process.argv[2] });
       console.log('open', await db.prisma.organisation.count());
       await new Promise((resolve) => setTimeout(resolve, Number(process.argv[3])));
       await db.close();
       console.log('closed');`,
    );
  });

  /** `otherNamespace`: as a bot in another container would be, in a PID namespace of its own (unshare, as root). */
  function startProcess(dataDir: string, holdMs: number, otherNamespace = false) {
    const node = [process.execPath, '--import', 'tsx', script, dataDir, String(holdMs)];
    const [command, ...args] = otherNamespace ? ['unshare', '--pid', '--fork', '--mount-proc', ...node] : node;
    const child = spawn(command as string, args, { cwd: projectRoot });
    children.push(child);
    let stdout = '';
    let stderr = '';
    let closedAt = 0;
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    const opened = new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('open')) resolve();
        if (stdout.includes('closed')) closedAt ||= performance.now();
      });
    });
    const exited = new Promise<{ code: number | null; output: string; exitDelayMs: number }>((resolve) => {
      child.once('exit', (code) => resolve({ code, output: stdout + stderr, exitDelayMs: performance.now() - closedAt }));
    });
    const openedOrFailed = Promise.race([
      opened,
      exited.then(({ output }) => {
        if (!output.includes('open')) throw new Error(`the process exited before opening the database:\n${output}`);
      }),
    ]);
    return { opened: openedOrFailed, exited };
  }

  it('exits by itself right after close() (no engine timer keeps it alive)', { timeout: 60_000 }, async () => {
    const { exited } = startProcess(await sharedDataDir(), 0);
    const result = await exited;
    expect(result.output).toContain('open 0');
    expect(result.code).toBe(0);
    // The schema engine arms a 10 s timer during migrations; unhandled, the exit would wait for it.
    // The bound is what tells the two apart (a loaded CI machine took 3.5 s to exit cleanly), not a speed target.
    expect(result.exitDelayMs).toBeLessThan(7_000);
  });

  it('refuses a second process while the first one holds the data folder', { timeout: 60_000 }, async () => {
    const dataDir = await sharedDataDir();
    const first = startProcess(dataDir, 4_000);
    await first.opened;
    const second = await startProcess(dataDir, 0).exited;
    expect(second.code).not.toBe(0);
    expect(second.output).toMatch(/data folder in use by another process \(pid \d+\)/);
    expect((await first.exited).code).toBe(0);
  });

  it('takes over at once from a holder that was killed', { timeout: 60_000 }, async () => {
    const dataDir = await sharedDataDir();
    const holder = startProcess(dataDir, 60_000);
    await holder.opened;
    await expect(openDatabase({ dataDir })).rejects.toThrow(/data folder in use by another process \(pid \d+\)/);
    children.at(-1)?.kill('SIGKILL');
    await holder.exited;
    const db = await openDatabase({ dataDir }); // its process is gone: no waiting for the lock to go stale
    await db.close();
  });

  const canUnshare = process.getuid?.() === 0 && existsSync('/usr/bin/unshare');

  it.skipIf(!canUnshare)('refuses a process in another PID namespace while this one holds the folder', { timeout: 60_000 }, async () => {
    const dataDir = await sharedDataDir();
    const db = await openDatabase({ dataDir });
    try {
      const other = await startProcess(dataDir, 0, true).exited;
      expect(other.code).not.toBe(0);
      expect(other.output).toContain('data folder in use by a process in another container or PID namespace');
      expect(await db.prisma.organisation.count()).toBe(0); // still ours, still working
    } finally {
      await db.close();
    }
  });

  it.skipIf(!canUnshare)('refuses this process while one in another PID namespace holds the folder', { timeout: 60_000 }, async () => {
    const dataDir = await sharedDataDir();
    const holder = startProcess(dataDir, 3_000, true);
    await holder.opened;
    await expect(openDatabase({ dataDir })).rejects.toThrow('data folder in use by a process in another container or PID namespace');
    expect((await holder.exited).code).toBe(0);
  });

  it('keeps the data folder private to its user', async () => {
    const dataDir = await sharedDataDir();
    const db = await openDatabase({ dataDir });
    await db.close();
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });
});
