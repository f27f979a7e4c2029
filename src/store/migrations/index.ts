// What the app and scripts/migrate.ts do with migrations: apply pending ones, report status,
// and diff the migrations folder against the schema (every *.prisma file in prisma/schema/), to
// create a migration or to check for drift. Applying and status talk to the real database; diffs
// run on throwaway in-memory PGlite clusters, so they need no database and never touch one.
import type { PGlite } from '@electric-sql/pglite';
import { DriverAdapterError, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { emptyPGlite, pgliteMigrationFactory, withOverrides } from './adapters.js';
import { engineError, migrationNameIn, NO_FILTER, withSchemaEngine } from './engine.js';
import {
  DEFAULT_MIGRATIONS_DIR,
  DEFAULT_SCHEMA_DIR,
  migrationFolderName,
  readMigrations,
  readSchemaFiles,
  writeMigration,
} from './files.js';

export { emptyPGlite, pgliteMigrationFactory, pgMigrationFactory } from './adapters.js';
export type { SchemaFile } from './engine.js';
export { DEFAULT_MIGRATIONS_DIR, DEFAULT_SCHEMA_DIR, readSchemaFiles } from './files.js';

/**
 * Wraps the factory so that the database error of a failing migration script is kept: the
 * engine's own message maps it to a generic kind ("No such table: X") and drops PostgreSQL's text.
 */
function recordingScriptErrors(factory: SqlMigrationAwareDriverAdapterFactory) {
  const record: { error?: unknown } = {};
  const recording: SqlMigrationAwareDriverAdapterFactory = {
    ...factory,
    connect: async () => {
      const adapter = await factory.connect();
      return withOverrides(adapter, {
        executeScript: (script) =>
          adapter.executeScript(script).catch((error: unknown) => {
            record.error = error;
            throw error;
          }),
      });
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  return { recording, record };
}

function describeDatabaseError(error: unknown): string | undefined {
  const cause = error instanceof DriverAdapterError ? error.cause : undefined;
  if (cause?.kind !== 'postgres') return undefined;
  return `${cause.message} (SQLSTATE ${cause.code})`;
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  const { recording, record } = recordingScriptErrors(factory);
  try {
    return await withSchemaEngine(recording, undefined, async (engine) => {
      const output = await engine.applyMigrations({ migrationsList, filters: NO_FILTER });
      return output.appliedMigrationNames;
    });
  } catch (error) {
    const name = migrationNameIn(error);
    const sqlError = describeDatabaseError(record.error);
    if (name === undefined || sqlError === undefined) {
      throw engineError(error, `Applying migrations from ${migrationsDir} failed`);
    }
    throw new Error(
      `Migration ${name} failed: ${sqlError}. PostgreSQL rolled its script back (it runs as one ` +
        `transaction); it is recorded as failed in _prisma_migrations, and no migration applies ` +
        `until it is fixed and marked rolled back (npx tsx scripts/migrate.ts resolve --rolled-back ${name}).`,
      { cause: error },
    );
  }
}

export interface MigrationStatus {
  /** Migrations in the folder, oldest first. */
  local: string[];
  /** In the folder but not applied. */
  pending: string[];
  /** Recorded as started but never finished: must be resolved before anything else applies. */
  failed: string[];
  /** Applied, but the file has changed since (checksum differs). */
  edited: string[];
  /** Applied to the database but missing from the folder. */
  unknown: string[];
}

/** Compares the folder with the database's `_prisma_migrations` table (no shadow database). */
export async function migrationStatus(
  factory: SqlMigrationAwareDriverAdapterFactory,
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
): Promise<MigrationStatus> {
  const migrationsList = await readMigrations(migrationsDir);
  const local = migrationsList.migrationDirectories.map((dir) => dir.path);
  try {
    const output = await withSchemaEngine(factory, undefined, (engine) =>
      engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: NO_FILTER }),
    );
    const history = output.history;
    const pending = history && history.diagnostic !== 'migrationsDirectoryIsBehind' ? history.unappliedMigrationNames : [];
    const unknown = history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];
    const failed = output.failedMigrationNames;
    return { local, pending, failed, edited: output.editedMigrationNames, unknown };
  } catch (error) {
    throw engineError(error, 'Reading migration status failed');
  }
}

/** After a failed migration has been fixed by hand: record it as rolled back, or as applied. */
export async function resolveMigration(
  factory: SqlMigrationAwareDriverAdapterFactory,
  name: string,
  as: 'rolled-back' | 'applied',
  migrationsDir = DEFAULT_MIGRATIONS_DIR,
): Promise<void> {
  const migrationsList = await readMigrations(migrationsDir);
  try {
    await withSchemaEngine(factory, undefined, async (engine) => {
      if (as === 'rolled-back') await engine.markMigrationRolledBack({ migrationName: name });
      else await engine.markMigrationApplied({ migrationName: name, migrationsList });
    });
  } catch (error) {
    throw engineError(error, `Marking ${name} as ${as} failed`);
  }
}

/**
 * A diff needs an engine connection and an empty shadow cluster, and loading a cluster costs
 * ~0.5 s. The engine's own connection only reads settings during a diff, so the still-empty
 * scratch cluster doubles as the first shadow; any later shadow is a fresh cluster.
 */
function scratchFirstFactory(scratch: PGlite): SqlMigrationAwareDriverAdapterFactory {
  const factory = pgliteMigrationFactory(scratch);
  let scratchUsed = false;
  return {
    ...factory,
    connectToShadowDb: () => {
      if (scratchUsed) return factory.connectToShadowDb();
      scratchUsed = true;
      return factory.connect();
    },
  };
}

export interface DiffOptions {
  migrationsDir?: string;
  /** Folder whose *.prisma files make up the schema; defaults to prisma/schema. */
  schemaDir?: string;
}

/**
 * The SQL that would bring a database built from the migrations folder to the Prisma schema,
 * or null when there is no difference. Runs on throwaway PGlite clusters: the engine replays
 * the folder into a fresh "shadow" cluster and compares it with the schema.
 */
export async function diffMigrationsToSchema(options: DiffOptions = {}): Promise<string | null> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const schemaDir = options.schemaDir ?? DEFAULT_SCHEMA_DIR;
  const schema = await readSchemaFiles(schemaDir);
  const migrationsList = await readMigrations(migrationsDir, { mustExist: false });
  const scratch = await emptyPGlite();
  try {
    const result = await withSchemaEngine(scratchFirstFactory(scratch), schema, (engine) =>
      engine.diff({
        from: { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: schema },
        script: true,
        exitCode: true, // 0: no difference, 2: a non-empty script
        filters: NO_FILTER,
      }),
    );
    return result.exitCode === 0 ? null : (result.stdout ?? '');
  } catch (error) {
    throw engineError(error, `Diffing ${migrationsDir} against the Prisma schema in ${schemaDir} failed`);
  } finally {
    await scratch.close();
  }
}

export interface CreateMigrationOptions extends DiffOptions {
  name: string;
  now?: Date;
}

/** Writes a new migration folder for the schema's changes; null when there are none. */
export async function createMigration(
  options: CreateMigrationOptions,
): Promise<{ folder: string; script: string } | null> {
  const migrationsDir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const folderName = migrationFolderName(options.name, options.now ?? new Date());
  const script = await diffMigrationsToSchema({ ...options, migrationsDir });
  if (script === null) return null;
  const folder = await writeMigration(migrationsDir, folderName, script);
  return { folder, script };
}
