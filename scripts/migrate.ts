// Offline stand-in for `prisma migrate deploy | status | dev --create-only | resolve`, running
// Prisma's wasm schema engine in-process (Prisma's CLI needs a native engine it downloads).
//
//   tsx scripts/migrate.ts deploy                     apply pending migrations
//   tsx scripts/migrate.ts status                     list applied / pending / failed
//   tsx scripts/migrate.ts new <name>                 write a migration for prisma/schema/'s changes
//   tsx scripts/migrate.ts resolve --rolled-back <m>  after fixing a failed migration by hand
//   tsx scripts/migrate.ts resolve --applied <m>
//
// Database: DATABASE_URL (postgres:// or postgresql://) selects PostgreSQL; otherwise the
// embedded PGlite in DATA_DIR (default ./data/pglite). `new` needs no database at all.
import { connectDatabase, DEFAULT_DATA_DIR, type OpenDatabaseOptions } from '../src/store/database.js';
import {
  applyMigrations,
  createMigration,
  type MigrationStatus,
  migrationStatus,
  resolveMigration,
} from '../src/store/migrations/index.js';

const USAGE = `usage: tsx scripts/migrate.ts deploy | status | new <name> | resolve (--rolled-back|--applied) <name>`;

function optionsFromEnv(env: NodeJS.ProcessEnv): OpenDatabaseOptions {
  const databaseUrl = env.DATABASE_URL?.trim();
  if (databaseUrl) return { databaseUrl };
  return { dataDir: env.DATA_DIR?.trim() || DEFAULT_DATA_DIR };
}

async function withConnection<T>(use: (c: Awaited<ReturnType<typeof connectDatabase>>) => Promise<T>): Promise<T> {
  const connection = await connectDatabase(optionsFromEnv(process.env));
  try {
    console.log(`Database: ${connection.kind} ${connection.description}`);
    return await use(connection);
  } finally {
    await connection.close();
  }
}

async function deploy(): Promise<void> {
  const applied = await withConnection((c) => applyMigrations(c.migrationFactory));
  console.log(applied.length === 0 ? 'No pending migrations.' : `Applied:\n${applied.map((n) => `  ${n}`).join('\n')}`);
}

function printStatus(status: MigrationStatus): boolean {
  const pending = new Set(status.pending);
  const failed = new Set(status.failed);
  for (const name of status.local) {
    const state = failed.has(name) ? 'FAILED' : pending.has(name) ? 'pending' : 'applied';
    console.log(`  ${state.padEnd(8)} ${name}`);
  }
  for (const name of status.unknown) console.log(`  UNKNOWN  ${name} (in the database, not in the folder)`);
  for (const name of status.edited) console.log(`  EDITED   ${name} (changed after it was applied)`);
  const clean = status.pending.length + status.failed.length + status.unknown.length + status.edited.length === 0;
  console.log(clean ? 'Database schema is up to date.' : 'Database schema is NOT up to date.');
  return clean;
}

async function status(): Promise<number> {
  const result = await withConnection((c) => migrationStatus(c.migrationFactory));
  return printStatus(result) ? 0 : 1;
}

async function newMigration(name: string | undefined): Promise<void> {
  if (!name) throw new Error(`a migration name is required\n${USAGE}`);
  const created = await createMigration({ name });
  console.log(created ? `Created ${created.folder}/migration.sql` : 'no changes');
}

async function resolve(flag: string | undefined, name: string | undefined): Promise<void> {
  if ((flag !== '--rolled-back' && flag !== '--applied') || !name) throw new Error(USAGE);
  const as = flag === '--applied' ? 'applied' : 'rolled-back';
  await withConnection((c) => resolveMigration(c.migrationFactory, name, as));
  console.log(`Marked ${name} as ${as}.`);
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'deploy':
      await deploy();
      return 0;
    case 'status':
      return status();
    case 'new':
      await newMigration(rest.join('_') || undefined);
      return 0;
    case 'resolve':
      await resolve(rest[0], rest[1]);
      return 0;
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
