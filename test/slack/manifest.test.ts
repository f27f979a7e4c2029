/**
 * slack/manifest.yml and BOT_SCOPES (what an OAuth install asks for) name the same bot scopes:
 * an app created from the manifest must be able to do everything the code does, nothing more.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_SCOPES } from '../../src/channels/slack/index.js';

const MANIFEST = readFileSync(join(import.meta.dirname, '../../slack/manifest.yml'), 'utf8');

/** The "- scope # comment" items under oauth_config.scopes.bot (the manifest is plain YAML, no anchors). */
function manifestBotScopes(): string[] {
  const lines = MANIFEST.split('\n');
  const start = lines.findIndex((l) => /^ {4}bot:\s*$/.test(l));
  const scopes: string[] = [];
  for (const line of lines.slice(start + 1)) {
    const item = /^ {6}- ([a-z_.:]+)/.exec(line);
    if (!item?.[1]) break;
    scopes.push(item[1]);
  }
  return scopes;
}

describe('slack/manifest.yml', () => {
  it('asks for exactly the bot scopes the code installs with, users:read among them', () => {
    const scopes = manifestBotScopes();
    expect(scopes).toContain('users:read');
    expect([...scopes].sort()).toEqual([...BOT_SCOPES].sort());
  });
});
