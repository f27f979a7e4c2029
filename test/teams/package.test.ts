/**
 * `npm run teams:package`: the upload zip has the manifest with our app id as app and bot id,
 * both icons at the sizes Teams demands, and command texts in English and Norwegian taken from
 * prompts/ (commands the bot understands, within Teams' length limits).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage } from '../../scripts/teams-package.js';
import { texts } from '../support/teams/app.js';

const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
type Json = Record<string, unknown>;

describe('the Teams app package', () => {
  const files = unzipSync(buildTeamsPackage(APP_ID));
  const manifest = JSON.parse(strFromU8(files['manifest.json'] ?? new Uint8Array())) as Json;
  const bot = (manifest.bots as Json[])[0] as Json & { commandLists: Array<{ commands: Array<{ title: string; description: string }> }> };

  it('holds the manifest, both icons and the Norwegian strings', () => {
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'nb-no.json', 'outline.png']);
  });

  it('uses the Azure Bot app id as the app id and bot id, on a current schema, personal scope only', () => {
    expect(manifest).toMatchObject({ id: APP_ID, manifestVersion: '1.22', $schema: expect.stringContaining('/v1.22/') });
    expect(bot).toMatchObject({ botId: APP_ID, scopes: ['personal'] });
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = PNG.sync.read(Buffer.from(files['color.png'] ?? new Uint8Array()));
    const outline = PNG.sync.read(Buffer.from(files['outline.png'] ?? new Uint8Array()));
    expect([color.width, color.height, outline.width, outline.height]).toEqual([192, 192, 32, 32]);
    expect(Buffer.compare(Buffer.from(files['color.png'] ?? []), readFileSync(join(import.meta.dirname, '../../teams/color.png')))).toBe(0);
    for (let i = 0; i < outline.data.length; i += 4) {
      const alpha = outline.data[i + 3] ?? 0;
      if (alpha > 0) expect([outline.data[i], outline.data[i + 1], outline.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(outline.data.some((_, i) => i % 4 === 3 && outline.data[i] === 0)).toBe(true);
  });

  it('lists help, join, profile, edit profile, leave and language with texts from prompts/', () => {
    const commands = bot.commandLists[0]?.commands ?? [];
    expect(commands.map((c) => c.title)).toEqual(['help', 'join', 'profile', 'edit profile', 'leave', 'language']);
    expect(commands[1]?.description).toBe(texts.t('en', 'teams.commandJoin'));
    for (const c of commands) expect(c.title.length <= 32 && c.description.length <= 128).toBe(true);
    expect((manifest.description as Json).short).toBe(texts.t('en', 'teams.appShortDescription'));
    expect(String((manifest.description as Json).short).length).toBeLessThanOrEqual(80);
  });

  it('translates every manifest text into Norwegian', () => {
    const nb = JSON.parse(strFromU8(files['nb-no.json'] ?? new Uint8Array())) as Record<string, string>;
    expect(nb['bots[0].commandLists[0].commands[1].title']).toBe('bli med');
    expect(nb['description.short']).toBe(texts.t('nb', 'teams.appShortDescription'));
    expect(Object.keys(nb).filter((k) => k.startsWith('bots[0]'))).toHaveLength(12);
  });

  it('refuses to build without a proper app id', () => {
    expect(() => buildTeamsPackage('')).toThrow(/MICROSOFT_APP_ID/);
    expect(() => buildTeamsPackage('my-bot')).toThrow(/GUID/);
  });
});
