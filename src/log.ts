/**
 * Structured JSON logs, one line each. Fields carry ids and outcomes only; callers never pass
 * message text (a reflection or a profile answer) or secrets, and known secret-looking fields
 * are masked here as a second line of defence.
 */
import type { Logger } from './core/ports.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;
const SECRET = /token|secret|password|authorization|api[_-]?key|text|payload/i;

function mask(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, SECRET.test(k) ? '[redacted]' : v instanceof Error ? v.message : v]));
}

export function createLogger(level: LogLevel = 'info', write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Logger {
  const at = (name: Exclude<LogLevel, 'silent'>) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS[name] < LEVELS[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: name, msg, ...mask(fields) }));
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
