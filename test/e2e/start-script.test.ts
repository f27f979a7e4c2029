/**
 * The README's first command, `./scripts/start.sh`, as a person runs it: stopping it (Ctrl-C or a
 * SIGTERM to the pid they started) must stop the bot itself, so that the next start finds the data
 * folder free; and a start must not touch tracked files (it once rewrote package-lock.json).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, PROJECT_ROOT, removeDataDir } from './support.js';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts scripts/start.sh; resolves once the bot logs that it listens. */
async function startScript(dataDir: string): Promise<Started> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  const child = spawn('bash', [join(PROJECT_ROOT, 'scripts/start.sh')], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start.sh did not listen within 120 s:\n${output}`)), 120_000);
    const poll = setInterval(() => {
      if (!output.includes('"mentor bridge listening"')) return;
      clearInterval(poll);
      clearTimeout(timer);
      resolve();
    }, 50);
    void exited.then(() => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`start.sh exited before listening:\n${output}`));
    });
  });
  return { child, output: () => output, exited };
}

const trackedChanges = () => execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: PROJECT_ROOT }).toString();

describe('./scripts/start.sh', () => {
  let dataDir: string;
  let before: string;

  beforeAll(async () => {
    dataDir = await makeDataDir();
    before = trackedChanges();
  });

  afterAll(async () => {
    await removeDataDir(dataDir);
  });

  it('stops the bot when its own pid gets SIGTERM, so the next start finds the data folder free', async () => {
    const first = await startScript(dataDir);
    // The pid a person holds is the script's: the bot must be that very process (exec), not a child left behind.
    first.child.kill('SIGTERM');
    const end = await first.exited;
    expect(end.code === 0 || end.signal === 'SIGTERM', `exit ${JSON.stringify(end)}`).toBe(true);
    expect(first.output()).toContain('"mentor bridge stopped"');
    expect(first.output().match(/installing Node/g)?.length ?? 0).toBeLessThanOrEqual(1);

    const second = await startScript(dataDir);
    expect(second.output()).not.toMatch(/data folder in use/);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  }, 300_000);

  it('leaves every tracked file as it was', () => {
    expect(trackedChanges()).toBe(before);
  });
});
