/** Configuration is parsed once with clear errors; logs never carry secrets or what people wrote. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';

describe('loadConfig', () => {
  it('has working defaults: embedded database, playground on, Norwegian, Oslo time', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, DATA_DIR: './data', DEFAULT_LOCALE: 'nb', DEFAULT_TIME_ZONE: 'Europe/Oslo', playgroundEnabled: true });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('turns the playground off in production unless asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).playgroundEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', PLAYGROUND: 'true' }).playgroundEnabled).toBe(true);
  });

  it('treats empty variables as unset', () => {
    const c = loadConfig({ DATABASE_URL: '', PORT: '' });
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      expect((error as Error).message).toMatch(/PORT/);
      expect((error as Error).message).toMatch(/DATABASE_URL must start with postgres/);
    }
  });
});

describe('createLogger', () => {
  it('writes JSON lines and masks secret-looking and text fields', () => {
    const lines: string[] = [];
    const log = createLogger('info', (l) => lines.push(l));
    log.info('sent', { outboxId: 'o1', token: 'xoxb-secret', text: 'my private reflection', apiKey: 'sk-1' });
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: 'info', msg: 'sent', outboxId: 'o1', token: '[redacted]', text: '[redacted]', apiKey: '[redacted]' });
    expect(lines[0]).not.toContain('xoxb-secret');
    expect(lines[0]).not.toContain('private reflection');
  });

  it('respects the level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.warn('loud');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['loud']);
  });

  it('logs an error’s message, not its object', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l)).error('failed', { error: new Error('boom') });
    expect(JSON.parse(lines[0] as string).error).toBe('boom');
  });
});

describe('safe defaults', () => {
  const slack = { SLACK_SIGNING_SECRET: 's'.repeat(32), SLACK_BOT_TOKEN: 'xoxb-1-2-3' };

  it('turns the playground off as soon as Slack or Teams is configured, unless asked for', () => {
    expect(loadConfig(slack).playgroundEnabled).toBe(false);
    expect(loadConfig({ TEAMS_ENABLED: 'true' }).playgroundEnabled).toBe(false);
    expect(loadConfig({ ...slack, PLAYGROUND: 'true' }).playgroundEnabled).toBe(true);
  });

  it('never serves the playground beyond loopback without PLAYGROUND_PUBLIC=true', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/only listens on loopback/);
    expect(() => loadConfig({ ...slack, HOST: '0.0.0.0', PLAYGROUND: 'true' })).toThrow(/HOST=0\.0\.0\.0/);
    expect(loadConfig({ ...slack, HOST: '0.0.0.0' }).playgroundEnabled).toBe(false); // Slack on all interfaces, no playground
    expect(loadConfig({ HOST: '0.0.0.0', PLAYGROUND_PUBLIC: 'true' }).playgroundEnabled).toBe(true);
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(loadConfig({ HOST: host }).playgroundEnabled).toBe(true);
  });

  it('refuses Teams without an app id in production (its requests would not be authenticated)', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEAMS_ENABLED: 'true', FILE_LINK_SECRET: 'y'.repeat(40) })).toThrow(/MICROSOFT_APP_ID: required in production/);
    expect(() => loadConfig({ NODE_ENV: 'test', TEAMS_ENABLED: 'true' })).not.toThrow();
  });
});
