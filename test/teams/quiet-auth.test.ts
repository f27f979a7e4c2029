/**
 * Anyone on the internet can POST to /api/messages. Each refused request must cost the operator
 * exactly one JSON log line (our logger: no stack, no token, no signing key) and nothing on
 * stderr — botbuilder's CloudAdapter and its token check print errors with their stacks to the
 * console, which no in-process log capture would see, so the real route runs in a child process
 * (quiet-auth-bot.ts) and everything it prints is counted.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeIdentity, type TokenOptions } from '../support/teams/fake-identity.js';
import { fixture } from '../support/teams/teams-user.js';

/** The app id quiet-auth-bot.ts is configured with. */
const QUIET_APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const identity = new FakeIdentity();
let child: ChildProcess;
let url = '';
let stdout = '';
let stderr = '';

beforeAll(async () => {
  await identity.start();
  child = fork(join(import.meta.dirname, 'quiet-auth-bot.ts'), [identity.metadataUrl], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`the bot exited (${code}); stderr: ${stderr}`)));
  });
});

afterAll(async () => {
  if (child?.connected) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    await exited;
  }
  await identity.stop();
});

const message = () => ({ ...fixture('message'), id: `f:${Math.random()}`, serviceUrl: SERVICE_URL, text: 'hjelp' });
const sign = (options: Partial<TokenOptions>) => identity.token({ audience: QUIET_APP_ID, serviceUrl: SERVICE_URL, ...options });

/** Posts, then waits until the process has printed something and has been quiet for a moment. */
async function post(body: unknown, authorization?: string): Promise<{ status: number; out: string[]; err: string }> {
  const [outBefore, errBefore] = [stdout.length, stderr.length];
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(authorization ? { Authorization: authorization } : {}) };
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
  await res.text();
  let seen = -1;
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const now = stdout.length + stderr.length;
    if (now === seen && now > outBefore + errBefore) break;
    seen = now;
  }
  const out = stdout.slice(outBefore).split('\n').filter((line) => line !== '');
  return { status: res.status, out, err: stderr.slice(errBefore) };
}

describe('unauthenticated Teams requests', () => {
  const cases: Array<[string, () => string | undefined, number]> = [
    ['no Authorization header', () => undefined, 401],
    ['a token that is not a JWT', () => 'Bearer not-a-token', 401],
    ['a bad signature', () => sign({ key: FakeIdentity.otherKey() }), 401],
    ['an expired token', () => sign({ expiresIn: -3600 }), 401],
    ['a token for another bot', () => sign({ audience: 'another-app-id' }), 401],
    ['a foreign issuer', () => sign({ issuer: 'https://sts.windows.net/someone-else/' }), 401],
  ];
  for (const [what, authorization, status] of cases) {
    it(`answers ${what} with ${status} and logs exactly one JSON line, with no stack and no token`, async () => {
      const header = authorization();
      const { status: got, out, err } = await post(message(), header);
      expect(got).toBe(status);
      expect(err).toBe('');
      expect(out).toHaveLength(1);
      const line = JSON.parse(out[0] ?? '') as Record<string, unknown>;
      expect(line).toMatchObject({ level: 'warn', msg: 'teams request refused', status });
      expect(out[0]).not.toMatch(/\n|\s+at\s|stack|BEGIN RSA|hjelp/);
      if (header) expect(out[0]).not.toContain(header.replace('Bearer ', '').slice(0, 40));
    });
  }

  it('logs a failed turn (authenticated, the core down) once too, and answers 500', async () => {
    const { status, out, err } = await post(message(), sign({}));
    expect(status).toBe(500);
    expect(err).toBe('');
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ level: 'error', msg: 'teams turn failed' });
  });

  it('answers a body that is not an activity with 400 and one JSON line', async () => {
    const { status, out, err } = await post({ text: 'hjelp' });
    expect(status).toBe(400);
    expect(err).toBe('');
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0] ?? '')).toMatchObject({ level: 'warn', msg: 'teams request refused', status: 400 });
  });
});
