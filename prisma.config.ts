import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on a native schema engine binary even for `prisma generate`, and would
// download it, which fails offline. `generate` never runs the engine, so any existing file will
// do: scripts/schema-engine is an empty placeholder. Migrations do not use the CLI at all: they go
// through Prisma's wasm schema engine in src/store/migrations (`npm run db:migrate|db:status|db:new`).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= new URL('./scripts/schema-engine', import.meta.url).pathname;

export default defineConfig({
  // A folder: one .prisma file per feature, plus schema.prisma with the generator and datasource.
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
});
