/**
 * The real app on a real data folder (embedded PGlite), driven over HTTP: a sign-up stopped
 * half-way by a restart goes on from the question it was at; a second app on the same folder is
 * refused while the first runs; /healthz checks the database.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBot } from '../../src/main.js';
import { openDatabase } from '../../src/store/database.js';
import { history, makeDataDir, openPrompt, PROJECT_ROOT, removeDataDir, send, startApp, textOf } from './support.js';

const run = promisify(execFile);

describe('the app across a restart', () => {
  let dataDir: string;
  let app: RunningBot | undefined;

  beforeAll(async () => {
    dataDir = await makeDataDir();
  });

  afterAll(async () => {
    await app?.stop();
    await removeDataDir(dataDir);
  });

  it('reports a healthy database on /healthz', async () => {
    app = await startApp(dataDir);
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('refuses a second app on the same data folder while the first runs, in this process and in another', async () => {
    if (!app) throw new Error('the first test did not start the app');
    await expect(startApp(dataDir)).rejects.toThrow(/data folder in use/);

    // The real command, as a second `npm start` would run it.
    const second = run(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src/main.ts')], {
      cwd: PROJECT_ROOT,
      timeout: 60_000,
      env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: '' },
    });
    const failure = await second.then(
      () => null,
      (error: Error & { code?: unknown; stderr?: string; killed?: boolean }) => error,
    );
    expect(failure, 'the second process started on a folder in use').not.toBeNull();
    expect(failure?.killed).toBeFalsy();
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(new RegExp(`could not start: data folder in use by another process \\(pid ${process.pid}\\)`));

    // The refused attempts took nothing away from the running app.
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    expect(existsSync(join(dataDir, 'pglite', 'mentor-bridge.lock'))).toBe(true);
  }, 90_000);

  it('continues a half-done sign-up where it was after a restart', async () => {
    if (!app) throw new Error('the first test did not start the app');
    let url = app.url;

    // Half of Sara's sign-up: code, role, consent, About you.
    expect((await send(url, 'sara', { kind: 'text', text: 'join DEMO2026' })).status).toBe(202);
    let prompt = openPrompt(await history(url, 'sara'));
    expect(prompt?.message.prompt?.spec).toMatchObject({ kind: 'choice', options: [{ value: 'mentee' }, { value: 'mentor' }] });
    expect((await send(url, 'sara', { kind: 'choice', promptId: prompt?.message.prompt?.id ?? '', values: ['mentee'] })).status).toBe(202);

    prompt = openPrompt(await history(url, 'sara'));
    expect(prompt?.message.text[0]?.[0]).toEqual({ text: 'Privacy in Mentorprogram høst 2026', bold: true });
    expect((await send(url, 'sara', { kind: 'choice', promptId: prompt?.message.prompt?.id ?? '', values: ['yes'] })).status).toBe(202);

    prompt = openPrompt(await history(url, 'sara'));
    expect(prompt?.message.prompt?.spec).toMatchObject({ kind: 'form', title: 'About you' });
    const aboutPromptId = prompt?.message.prompt?.id ?? '';
    const aboutKey = 'about-answer-0001';
    const about = { kind: 'form', promptId: aboutPromptId, values: { fullName: 'Sara Haile', region: 'Stavanger', availability: 'weekend' } } as const;
    expect((await send(url, 'sara', about, aboutKey)).status).toBe(202);

    const before = await history(url, 'sara');
    const languages = openPrompt(before);
    expect(textOf(languages)).toMatch(/^Which languages do you speak besides Norwegian\?/);
    expect(languages?.message.prompt?.spec).toMatchObject({ kind: 'form', title: 'Your languages', fields: [{ name: 'languages', kind: 'multiselect', max: 8 }, { name: 'otherLanguage' }, { name: 'otherLevel' }] });

    // Restart on the same folder.
    await app.stop();
    app = undefined;
    app = await startApp(dataDir);
    url = app.url;

    // The conversation is all there, with the same question open.
    const after = await history(url, 'sara');
    expect(after.map((m) => m.id)).toEqual(before.map((m) => m.id));
    expect(openPrompt(after)?.message.prompt?.id).toBe(languages?.message.prompt?.id);

    // A retry of a request from before the restart is still recognised and does nothing.
    expect(await send(url, 'sara', about, aboutKey)).toEqual({ status: 202, body: { status: 'duplicate' } });
    expect((await history(url, 'sara')).length).toBe(after.length);

    // The next answer continues the run: the levels form asks about Norwegian and the two chosen.
    expect((await send(url, 'sara', { kind: 'form', promptId: languages?.message.prompt?.id ?? '', values: { languages: ['en', 'ti'] } })).status).toBe(202);
    const continued = await history(url, 'sara');
    const answered = continued.find((m) => m.message.replacesPromptId === languages?.message.prompt?.id);
    expect(textOf(answered)).toMatch(/✓ Languages: English, Tigrinya$/);
    const levels = openPrompt(continued);
    expect(levels?.message.prompt?.spec).toMatchObject({ kind: 'form', title: 'Your languages' });
    const spec = levels?.message.prompt?.spec;
    expect(spec?.kind === 'form' ? spec.fields.map((f) => f.name) : []).toEqual(['nb', 'en', 'ti']);

    // An old click from before the restart (the About-you form again) is only explained.
    const staleCount = continued.length;
    expect((await send(url, 'sara', { ...about, promptId: aboutPromptId })).status).toBe(202);
    const withStale = await history(url, 'sara');
    expect(withStale.length).toBe(staleCount + 1);
    expect(openPrompt(withStale)?.message.prompt?.id).toBe(levels?.message.prompt?.id);

    // In the database: one active join run for Sara at the levels step, with every answer so far.
    await app.stop();
    app = undefined;
    const db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    try {
      const sara = await db.prisma.channelIdentity.findFirstOrThrow({ where: { platform: 'playground', externalUserId: 'sara' } });
      const runs = await db.prisma.flowRun.findMany({ where: { personId: sara.personId } });
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ flowId: 'join', status: 'active', stepId: 'levels', promptId: levels?.message.prompt?.id });
      expect(runs[0]?.answers).toMatchObject({
        role: 'mentee',
        consent: 'yes',
        about: { fullName: 'Sara Haile', region: 'Stavanger', availability: 'weekend' },
        languages: { languages: ['en', 'ti'] },
      });
      // Nothing is stored as a membership until the last step.
      expect(await db.prisma.membership.count({ where: { personId: sara.personId } })).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
