/**
 * Keeps src/core platform-neutral (GUIDE habit 1 and 3): no Slack, Teams, Prisma or OpenAI code,
 * and no hidden clock, randomness or environment, so flows run the same on every channel and
 * tests can travel in time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '../../src/core');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(code: string): string[] {
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1] as string);
  return found;
}

const FORBIDDEN = [/^@slack\//, /^botbuilder/, /^@microsoft\//, /^@prisma\//, /^prisma/, /^openai/, /^pg$/, /^@electric-sql\//, /generated\/prisma/, /^node:(fs|http|https|net|child_process)$/];
const SIDE_DOORS = [/\bnew Date\(\s*\)/, /\bDate\.now\(/, /\bMath\.random\(/, /\bprocess\.env\b/];

describe('src/core boundary', () => {
  const files = sources(CORE);

  it('finds the core sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports no platform SDK, Prisma, OpenAI or I/O module', () => {
    const offences = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((spec) => FORBIDDEN.some((re) => re.test(spec)) || (spec.startsWith('.') && !join(file, '..', spec).startsWith(CORE)))
        .map((spec) => `${relative(CORE, file)} imports ${spec}`),
    );
    expect(offences).toEqual([]);
  });

  it('reads no clock, randomness or environment of its own', () => {
    const offences = files.flatMap((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      return SIDE_DOORS.filter((re) => re.test(code)).map((re) => `${relative(CORE, file)} uses ${re.source}`);
    });
    expect(offences).toEqual([]);
  });

  it('the import scanner sees every form of import (so the checks above can fail)', () => {
    const code = `import { App } from '@slack/bolt';\nexport * from "botbuilder";\nimport 'openai/shims';\nconst p = await import('@prisma/client');`;
    expect(importsOf(code)).toEqual(['@slack/bolt', 'botbuilder', 'openai/shims', '@prisma/client']);
  });
});
