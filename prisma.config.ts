import { defineConfig } from 'prisma/config';

// Prisma's CLI wants a schema engine binary even for `generate`; it is downloaded, which fails
// offline. `generate` only needs the variable to point at a file, so point it at our own
// executable (scripts/schema-engine.ts speaks the engine's JSON-RPC over the wasm engine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= new URL('./scripts/schema-engine', import.meta.url).pathname;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
