/** PUBLIC_URL and FILE_LINK_SECRET: defaults for local use, and no silent random secret where links must outlive a restart. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('file link configuration', () => {
  it('defaults PUBLIC_URL to http://HOST:PORT and takes a configured one without its trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).publicUrl).toBe('http://[::1]:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://mentor.example.org/bot/' }).publicUrl).toBe('https://mentor.example.org/bot');
    expect(() => loadConfig({ PUBLIC_URL: 'mentor.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://mentor.example.org' })).toThrow(/PUBLIC_URL/);
  });

  it('uses a configured secret of at least 32 characters', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ FILE_LINK_SECRET: secret })).toMatchObject({ fileLinkSecret: secret, fileLinkSecretGenerated: false });
    expect(() => loadConfig({ FILE_LINK_SECRET: 'short' })).toThrow(/FILE_LINK_SECRET must be at least 32 characters/);
  });

  it('makes up one random secret per process when none is set, and says so', () => {
    const a = loadConfig({});
    const b = loadConfig({ NODE_ENV: 'production' });
    expect(a.fileLinkSecretGenerated).toBe(true);
    expect(a.fileLinkSecret.length).toBeGreaterThanOrEqual(32);
    expect(b.fileLinkSecret).toBe(a.fileLinkSecret);
  });

  it('refuses to start in production with Teams and no secret', () => {
    for (const env of [
      { NODE_ENV: 'production', TEAMS_ENABLED: 'true' },
      { NODE_ENV: 'production', MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000000' },
    ]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/FILE_LINK_SECRET: required in production when Teams is enabled/);
    }
    expect(() => loadConfig({ NODE_ENV: 'development', TEAMS_ENABLED: 'true' })).not.toThrow();
    expect(loadConfig({ NODE_ENV: 'production', TEAMS_ENABLED: 'true', MICROSOFT_APP_ID: 'c9e8c047-2a74-40a2-b28a-b162d5f5327c', FILE_LINK_SECRET: 'y'.repeat(40) }).fileLinkSecretGenerated).toBe(false);
  });
});
