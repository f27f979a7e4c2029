// Runs Prisma's schema engine (the WebAssembly build, @prisma/schema-engine-wasm) in-process over a
// JS driver adapter. Prisma's CLI would download a native engine binary, which cannot happen
// offline, so migrations are created, applied and checked through this instead.
//
// Quirks handled here:
// - The package's entry point imports its .wasm as an ES module, which prints an experimental
//   warning on Node 24 and needs a flag on Node 22. We instantiate the .wasm ourselves with the
//   package's own JS glue, which also lets us replace one of its imports (next point).
// - The engine arms a ~10 s setTimeout (the advisory-lock timeout) and never clears it, which
//   keeps a finished process or test worker alive. Our setTimeout import unrefs every engine
//   timer and clears the leftovers once no engine is running.
// - A Rust panic reports its message through globalThis.PRISMA_WASM_PANIC_REGISTRY, which
//   Prisma's client runtime replaces with its own (one that throws) when it loads. Our import
//   for that call records the message itself instead. After a panic the wasm instance is unusable: even
//   free() throws, and the next call crashes the process from a microtask. So we leave the
//   broken engine alone and load a fresh instance, with a fresh copy of the JS glue (the glue
//   caches views of the old instance's memory), for the next call.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as EngineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';

export type SchemaEngine = EngineGlue.SchemaEngine;
export type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
/** One file of a Prisma schema (a schema may be split over several): its path and its text. */
export type SchemaFile = EngineGlue.SchemaContainer;

type Glue = typeof EngineGlue;

const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let runningEngines = 0;
let gluePromise: Promise<Glue> | undefined;
let glueInstances = 0;
let lastPanic: string | undefined;

/** Entities the engine must leave alone: none, we own the whole schema. */
export const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Our versions of two of the glue's imports: unref'd, tracked timers and a panic recorder. */
function replaceImports(glue: Glue, memory: () => WebAssembly.Memory): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
  for (const name of Object.keys(imports)) {
    if (name.startsWith('__wbg_setTimeout_')) {
      imports[name] = (callback: () => void, ms: number) => {
        const timer = setTimeout(callback, ms >>> 0);
        timer.unref();
        engineTimers.add(timer);
        return timer;
      };
    } else if (name.startsWith('__wbg_set_message_')) {
      imports[name] = (pointer: number, length: number) => {
        lastPanic = new TextDecoder().decode(new Uint8Array(memory().buffer, pointer >>> 0, length >>> 0));
      };
    }
  }
  return imports;
}

async function loadGlue(): Promise<Glue> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  glueInstances += 1; // a new URL is a new module instance, with no state from a panicked one
  const glue = (await import(`${pathToFileURL(gluePath).href}?instance=${glueInstances}`)) as Glue;
  let memory: WebAssembly.Memory | undefined;
  const imports = replaceImports(glue, () => memory as WebAssembly.Memory);
  const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
  memory = instance.exports.memory as WebAssembly.Memory;
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue;
}

function clearEngineTimers(): void {
  for (const timer of engineTimers) clearTimeout(timer);
  engineTimers.clear();
}

/** Turns the engine's rejection (an Error, or a plain object for user-facing errors) into an Error. */
export function engineError(error: unknown, context: string): Error {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? withoutSpanTrace(message) : JSON.stringify(error);
  return new Error(`${context}: ${text}`, { cause: error });
}

/** The engine appends its Rust tracing spans ("   0: sql_schema_connector::…"); they say nothing to us. */
function withoutSpanTrace(message: string): string {
  const lines = message.split('\n');
  const traceStart = lines.findIndex((line) => /^\s+\d+: \w+::/.test(line));
  return (traceStart === -1 ? lines : lines.slice(0, traceStart)).join('\n').trim();
}

/** The migration an engine error is about, from its span trace (`migration_name="…"`). */
export function migrationNameIn(error: unknown): string | undefined {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? /migration_name="([^"]+)"/.exec(message)?.[1] : undefined;
}

/**
 * Freeing the engine does not dispose the adapters it opened (that would be async), so we keep
 * them and dispose them ourselves; the engine itself disposes shadow adapters when done, so
 * adapters handed out here must tolerate a second dispose().
 */
function trackAdapters(factory: SqlMigrationAwareDriverAdapterFactory) {
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
  const disposeAll = async () => {
    const results = await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };
  return { tracked, disposeAll };
}

/** After a panic: the error to report, and the instance dropped so the next call loads a new one. */
function takePanic(error: unknown, broken: Promise<Glue>): Error | undefined {
  if (lastPanic === undefined) return undefined;
  const panic = lastPanic;
  lastPanic = undefined;
  if (gluePromise === broken) gluePromise = undefined;
  return new Error(`the schema engine panicked: ${panic}`, { cause: error });
}

/** Frees the engine (unless it panicked), clears its timers once none runs, closes its connections. */
async function release(engine: SchemaEngine | undefined, disposeAll: () => Promise<void>): Promise<void> {
  try {
    engine?.free();
  } finally {
    runningEngines -= 1;
    if (runningEngines === 0) clearEngineTimers();
  }
  await disposeAll();
}

/**
 * Starts an engine on the adapter factory, runs `use`, and always frees the engine and the
 * connections it opened. `schema` is the Prisma schema's files (the engine reads namespaces from it).
 */
export async function withSchemaEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: SchemaFile[] | undefined,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  gluePromise ??= loadGlue();
  const current = gluePromise;
  const glue = await current;
  runningEngines += 1;
  const { tracked, disposeAll } = trackAdapters(factory);
  let engine: SchemaEngine | undefined;
  let result: T;
  try {
    const datamodels = schema?.map((file): [string, string] => [file.path, file.content]);
    const ignoreTraces = (_jsonLine: string) => undefined; // we report errors, not the engine's traces
    engine = await glue.SchemaEngine.new({ datamodels }, ignoreTraces, bindMigrationAwareSqlAdapterFactory(tracked));
    result = await use(engine);
  } catch (error) {
    const panic = takePanic(error, current);
    // The engine's error is the one to report; a failure to clean up after it would only hide it.
    await release(panic ? undefined : engine, disposeAll).catch(() => undefined);
    throw panic ?? error;
  }
  await release(engine, disposeAll);
  return result;
}
