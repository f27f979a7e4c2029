/**
 * Bolt and the Web API client log through this adapter into our JSON logs. Only warnings and
 * errors pass, as a short reason with anything token-like masked: Bolt's own messages can quote
 * request bodies (what people wrote) and its debug output includes tokens.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';

const TOKEN = /xox[a-z]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

function reason(args: unknown[]): string {
  const said = args.find((a): a is string => typeof a === 'string') ?? 'bolt';
  const error = args.find((a): a is Error => a instanceof Error);
  const text = error ? `${said}: ${error.message}` : said;
  return text.replace(TOKEN, '[token]').slice(0, 300);
}

export function boltLogger(log: Logger): BoltLogger {
  let level = LogLevel.WARN;
  let name = 'slack';
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => log.warn('slack sdk warning', { component: name, reason: reason(args) }),
    error: (...args: unknown[]) => log.error('slack sdk error', { component: name, reason: reason(args) }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: (n: string) => {
      name = n;
    },
  };
}
