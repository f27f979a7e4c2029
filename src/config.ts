/**
 * The environment, parsed once with zod. Every variable is documented in .env.example.
 * Nothing else reads process.env.
 */
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATA_DIR: z.string().default('./data'),
  DEFAULT_LOCALE: z.string().default('nb'),
  DEFAULT_TIME_ZONE: z.string().default('Europe/Oslo'),
  PLAYGROUND: flag.optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PROMPTS_DIR: z.string().default('./prompts'),
});

export type Config = z.infer<typeof schema> & { playgroundEnabled: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Treat empty variables (KEY= in .env) as unset, as most tools do.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const c = parsed.data;
  // The playground lets anyone on the port act as anyone: on by default only outside production.
  return { ...c, playgroundEnabled: c.PLAYGROUND ?? c.NODE_ENV !== 'production' };
}
