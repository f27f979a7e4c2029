// Driver-adapter factories for the schema engine, with fixes for what the stock adapters get
// wrong when the engine (not the query client) drives them:
//
// PGlite (pglite-prisma-adapter 0.7.2):
// - executeScript() calls `client.exec(script)` without awaiting it, so a failing migration
//   resolves and the engine records it as applied; the error then surfaces as an unhandled
//   rejection. We await exec and convert its error.
// - connectToShadowDb() opens a new in-memory PGlite that is never closed, and PGlite needs ~2-3 s
//   to create a cluster. Our shadow loads a dump of an empty cluster (~0.5 s) and closes it when
//   the engine disposes it. The engine does not reset a shadow, so every call needs a fresh one.
//
// PostgreSQL (@prisma/adapter-pg 7.10):
// - Catalog queries return columns of PostgreSQL's internal "char" type (OID 18, e.g.
//   pg_class.relkind); adapter-pg throws UnsupportedNativeDataType for it, and reporting it as
//   text makes the wasm engine panic: it must be a Character column.
// - executeScript() splits the script on ";" and runs each piece on any pooled connection, so a
//   failing migration is left half-applied (and a ";" inside a string breaks it). We send the whole
//   script as one simple-protocol query on one connection: PostgreSQL runs it as one implicit
//   transaction, as Prisma's native engine does.
// - connectToShadowDb() with a bare connection string connects to the MAIN database (its
//   `database` override loses to `connectionString`). We refuse: nothing here needs a shadow on
//   PostgreSQL, because diffs always run on PGlite.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';

type PostgresErrorFields = {
  code: string;
  message: string;
  severity: string;
  detail?: string;
  column?: string;
  hint?: string;
};

function isPostgresError(error: unknown): error is PostgresErrorFields {
  const e = error as Partial<PostgresErrorFields> | null;
  return typeof e?.code === 'string' && typeof e.message === 'string' && typeof e.severity === 'string';
}

/** Database errors become DriverAdapterErrors, which the engine shows with code and message. */
function toAdapterError(error: unknown): unknown {
  if (!isPostgresError(error)) return error;
  const { code, message, severity, detail, column, hint } = error;
  return new DriverAdapterError({ kind: 'postgres', code, message, severity, detail, column, hint });
}

/** A plain adapter object delegating to `base`, with some methods replaced. */
export function withOverrides(base: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    queryRaw: (query) => base.queryRaw(query),
    executeRaw: (query) => base.executeRaw(query),
    executeScript: (script) => base.executeScript(script),
    startTransaction: (isolationLevel) => base.startTransaction(isolationLevel),
    getConnectionInfo: () => base.getConnectionInfo?.() ?? { supportsRelationJoins: true },
    dispose: () => base.dispose(),
    ...overrides,
  };
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= action();
    return done;
  };
}

async function pgliteAdapter(db: PGlite, dispose?: () => Promise<void>): Promise<SqlDriverAdapter> {
  const base = await new PrismaPGlite(db).connect();
  return withOverrides(base, {
    executeScript: async (script) => {
      try {
        await db.exec(script);
      } catch (error) {
        throw toAdapterError(error);
      }
    },
    ...(dispose ? { dispose: once(dispose) } : {}),
  });
}

let emptyClusterDump: Promise<File | Blob> | undefined;

/** A new in-memory PGlite with an empty cluster, loaded from a dump made once per process. */
export async function emptyPGlite(): Promise<PGlite> {
  emptyClusterDump ??= (async () => {
    const template = new PGlite();
    try {
      return await template.dumpDataDir('none');
    } finally {
      await template.close();
    }
  })();
  const db = new PGlite({ loadDataDir: await emptyClusterDump });
  await db.waitReady;
  return db;
}

/** Engine factory over an open PGlite; shadows are fresh in-memory clusters, closed after use. */
export function pgliteMigrationFactory(db: PGlite): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: 'pglite-migrations',
    connect: () => pgliteAdapter(db),
    connectToShadowDb: async () => {
      const shadow = await emptyPGlite();
      return pgliteAdapter(shadow, () => shadow.close());
    },
  };
}

// Marks a "char" column by name on its way through the pool, so queryRaw can retype it after
// adapter-pg has mapped the (renamed-to-text) column. NUL cannot occur in a column name.
const CHAR_OID = 18;
const TEXT_OID = 25;
const CHAR_MARK = '\u0000char';

function charAwarePool(pool: pg.Pool): pg.Pool {
  const query = async (...args: unknown[]) => {
    const result = await (pool.query as (...a: unknown[]) => Promise<pg.QueryResult>)(...args);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID !== CHAR_OID) continue;
      field.dataTypeID = TEXT_OID;
      field.name += CHAR_MARK;
    }
    return result;
  };
  return new Proxy(pool, {
    get: (target, property) => {
      if (property === 'query') return query;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function queryRawWithChar(base: SqlDriverAdapter, query: SqlQuery) {
  const result = await base.queryRaw(query);
  const columnTypes = [...result.columnTypes];
  const columnNames = result.columnNames.map((name, index) => {
    if (!name.endsWith(CHAR_MARK)) return name;
    columnTypes[index] = ColumnTypeEnum.Character;
    return name.slice(0, -CHAR_MARK.length);
  });
  return { ...result, columnNames, columnTypes };
}

async function runScript(pool: pg.Pool, script: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(script); // no parameters: simple protocol, one implicit transaction
  } catch (error) {
    throw toAdapterError(error);
  } finally {
    client.release();
  }
}

/** Engine factory over a pg pool (the pool stays open; the caller owns it). */
export function pgMigrationFactory(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: 'pg-migrations',
    connect: async () => {
      const base = await new PrismaPg(charAwarePool(pool)).connect();
      return withOverrides(base, {
        queryRaw: (query) => queryRawWithChar(base, query),
        executeScript: (script) => runScript(pool, script),
        dispose: once(() => base.dispose()),
      });
    },
    connectToShadowDb: () =>
      Promise.reject(new Error('No shadow database on PostgreSQL: diffs run on an in-memory PGlite.')),
  };
}
