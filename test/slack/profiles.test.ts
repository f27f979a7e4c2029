/**
 * SlackProfiles: what users.info says about a person, kept per (workspace, user) for an hour in a
 * bounded memory; a slow or failed Slack never fails or holds up a turn, and failures are logged
 * without tokens and not repeated for every message. And how a users.info answer becomes a profile.
 */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { profileFromUsersInfo, type SlackProfile, SlackProfiles } from '../../src/channels/slack/profiles.js';
import { createLogger } from '../../src/log.js';

const HOUR = 60 * 60_000;

function setup(answer: (tenant: string, user: string) => Promise<SlackProfile> = async () => ({ locale: 'nb-NO' }), options: { maxEntries?: number; timeoutMs?: number } = {}) {
  let now = 1_000_000;
  const asked: string[] = [];
  const lines: string[] = [];
  const profiles = new SlackProfiles(
    (tenant, user) => {
      asked.push(`${tenant}/${user}`);
      return answer(tenant, user);
    },
    { log: createLogger('warn', (l) => lines.push(l)), now: () => now, ...options },
  );
  return {
    profiles,
    asked,
    lines,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('SlackProfiles', () => {
  it('asks Slack once per person and workspace within the hour, and again after it', async () => {
    const { profiles, asked, advance } = setup();
    expect(await profiles.get('T1', 'U1')).toEqual({ locale: 'nb-NO' });
    expect(await profiles.get('T1', 'U1')).toEqual({ locale: 'nb-NO' });
    expect(profiles.peek('T1', 'U1')).toEqual({ locale: 'nb-NO' });
    expect(await profiles.get('T2', 'U1')).toEqual({ locale: 'nb-NO' });
    expect(asked).toEqual(['T1/U1', 'T2/U1']);
    advance(HOUR - 1);
    await profiles.get('T1', 'U1');
    expect(asked).toHaveLength(2);
    advance(1);
    expect(profiles.peek('T1', 'U1')).toEqual({});
    await profiles.get('T1', 'U1');
    expect(asked).toEqual(['T1/U1', 'T2/U1', 'T1/U1']);
  });

  it('shares one lookup between messages that arrive while it runs, and lets them go on in order', async () => {
    let release: (p: SlackProfile) => void = () => undefined;
    const { profiles, asked } = setup(() => new Promise((resolve) => (release = resolve)));
    const order: number[] = [];
    const first = profiles.get('T1', 'U1').then((p) => order.push(1) && p);
    const second = profiles.get('T1', 'U1').then((p) => order.push(2) && p);
    await new Promise((r) => setTimeout(r, 0)); // the lookup has started
    release({ timeZone: 'Europe/Oslo' });
    expect(await Promise.all([first, second])).toEqual([{ timeZone: 'Europe/Oslo' }, { timeZone: 'Europe/Oslo' }]);
    expect(order).toEqual([1, 2]);
    expect(asked).toEqual(['T1/U1']);
  });

  it('keeps at most maxEntries people, dropping the one used least recently', async () => {
    const { profiles, asked } = setup(undefined, { maxEntries: 3 });
    for (const u of ['U1', 'U2', 'U3']) await profiles.get('T1', u);
    await profiles.get('T1', 'U1'); // U1 used again: U2 is now the oldest
    await profiles.get('T1', 'U4');
    expect(profiles.size).toBe(3);
    expect(profiles.peek('T1', 'U2')).toEqual({});
    expect(profiles.peek('T1', 'U1')).toEqual({ locale: 'nb-NO' });
    await profiles.get('T1', 'U1');
    expect(asked).toEqual(['T1/U1', 'T1/U2', 'T1/U3', 'T1/U4']);
  });

  it('does not wait past the timeout; the late answer still serves the next message', async () => {
    let release: (p: SlackProfile) => void = () => undefined;
    const { profiles, asked } = setup(() => new Promise((resolve) => (release = resolve)), { timeoutMs: 30 });
    const started = performance.now();
    expect(await profiles.get('T1', 'U1')).toEqual({});
    expect(performance.now() - started).toBeLessThan(1000);
    release({ locale: 'en-US', isAdmin: true });
    await new Promise((r) => setTimeout(r, 0));
    expect(await profiles.get('T1', 'U1')).toEqual({ locale: 'en-US', isAdmin: true });
    expect(asked).toHaveLength(1);
  });

  it('goes on without the fields when Slack fails, logs why without secrets, and does not ask again at once', async () => {
    const { profiles, asked, lines, advance } = setup(async () => {
      throw new webApi.WebAPIRateLimitedError(120);
    });
    expect(await profiles.get('T1', 'U1')).toEqual({});
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', tenant: 'T1', reason: 'ratelimited' });
    expect(lines[0]).not.toMatch(/xox|U1/);
    // Remembered for Retry-After (120 s, longer than the usual minute): no call per message.
    await profiles.get('T1', 'U1');
    advance(119_000);
    await profiles.get('T1', 'U1');
    expect(asked).toHaveLength(1);
    advance(1_000);
    await profiles.get('T1', 'U1');
    expect(asked).toHaveLength(2);
  });

  it('retries a passing failure after a minute, a lasting one (no users:read scope) after the hour', async () => {
    const errors: Record<string, Error> = {
      U1: new webApi.WebAPIRequestError(new Error('connect ECONNREFUSED 127.0.0.1:9')),
      U2: new webApi.WebAPIPlatformError({ ok: false, error: 'missing_scope' }),
    };
    const { profiles, asked, lines, advance } = setup(async (_t, u) => {
      throw errors[u] ?? new Error('unexpected');
    });
    await profiles.get('T1', 'U1');
    await profiles.get('T1', 'U2');
    expect(lines.map((l) => (JSON.parse(l) as { reason: string }).reason)).toEqual(['unreachable', 'missing_scope']);
    advance(60_000);
    await profiles.get('T1', 'U1');
    await profiles.get('T1', 'U2');
    expect(asked).toEqual(['T1/U1', 'T1/U2', 'T1/U1']);
    advance(HOUR);
    await profiles.get('T1', 'U2');
    expect(asked).toEqual(['T1/U1', 'T1/U2', 'T1/U1', 'T1/U2']);
  });

  it('survives a lookup that throws before it even starts', async () => {
    const { profiles } = setup(() => {
      throw new Error('no installation');
    });
    expect(await profiles.get('T1', 'U1')).toEqual({});
  });
});

describe('users.info → profile', () => {
  const member = { id: 'U1', tz: 'Europe/Oslo', locale: 'nb-NO', is_admin: false, is_owner: false, is_primary_owner: false, is_bot: false };

  it('takes the locale, the time zone and "not an admin" from a plain member', () => {
    expect(profileFromUsersInfo({ ok: true, user: member })).toEqual({ locale: 'nb-NO', timeZone: 'Europe/Oslo', isAdmin: false });
  });

  it.each([['is_admin'], ['is_owner'], ['is_primary_owner']])('counts %s as an admin', (flag) => {
    expect(profileFromUsersInfo({ ok: true, user: { ...member, [flag]: true } })).toMatchObject({ isAdmin: true });
  });

  it('takes the name the person goes by: display name, else full name, never a blank one', () => {
    const named = (profile: Record<string, unknown>, realName?: string) => profileFromUsersInfo({ ok: true, user: { id: 'U1', ...(realName ? { real_name: realName } : {}), profile } }).displayName;
    expect(named({ display_name: 'Amina', real_name: 'Amina Yusuf' })).toBe('Amina');
    expect(named({ display_name: '  ', real_name: 'Amina Yusuf' })).toBe('Amina Yusuf');
    expect(named({}, 'Amina Yusuf')).toBe('Amina Yusuf');
    expect(named({ display_name: '' })).toBeUndefined();
    expect(named({ display_name: 'x'.repeat(201), real_name: 'Amina Yusuf' })).toBe('Amina Yusuf');
  });

  it('counts the person who installed the app as an admin', () => {
    expect(profileFromUsersInfo({ ok: true, user: member }, true)).toMatchObject({ isAdmin: true });
  });

  it('says nothing about admin when Slack gave no flags, and drops odd or oversized fields alone', () => {
    expect(profileFromUsersInfo({ ok: true, user: { id: 'U1', tz: null, locale: 'x'.repeat(40) } })).toEqual({});
    expect(profileFromUsersInfo({ ok: true, user: { id: 'U1', tz: 'Europe/Oslo; drop', locale: 'en-US', is_admin: 'yes' } })).toEqual({ locale: 'en-US' });
    expect(profileFromUsersInfo({ ok: true })).toEqual({});
  });
});
