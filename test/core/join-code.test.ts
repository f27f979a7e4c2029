/**
 * Join codes as people type them: the code alone, with a label ("join code: …", "join: …"), any
 * case. A bare word joins only when it is a real programme's code; a command word stays the
 * command; an unknown code is said in words, without the words typed before it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';
import { seedProgramme } from './fixtures.js';

let h: Harness;
let orgId: string;

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId, 'DEMO2026');
});
afterEach(() => h.close());

const joinRuns = () => h.prisma.flowRun.count({ where: { flowId: 'join', status: 'active' } });

describe('join codes', () => {
  it.each(['DEMO2026', 'demo-2026', 'join code: DEMO2026', 'join: demo2026', 'Join DEMO2026', 'join code DEMO2026', 'bli med koden DEMO2026', 'bli med kode: demo2026'])(
    '"%s" starts joining the programme',
    async (typed) => {
      const amina = h.chat('amina', { locale: 'en' });
      await amina.say(typed);
      const said = await amina.text();
      expect(said).toMatch(/^Welcome to \*\W*Programme DEMO2026/);
      expect(await joinRuns()).toBe(1);
    },
  );

  it('a bare word that is a command stays the command, and an unknown bare word is not understood', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say('help');
    expect(await amina.text()).toContain('What you can do now');
    await amina.say('HELLO123');
    const said = await amina.text();
    expect(said).not.toContain('HELLO123');
    expect(said).not.toContain('no programme');
    expect(await joinRuns()).toBe(0);
  });

  it('an unknown code is named without the label typed before it', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say('join code: XYZ12345');
    const said = await amina.text();
    expect(said).toMatch(/no programme with the code \*\W*XYZ12345\W*\*/);
    expect(said).not.toMatch(/CODE:|CODEXYZ/i);
    await amina.say('join: what?');
    expect(await amina.text()).toContain('does not look like a join code');
  });

  it('a bare code works as the very first message, in Norwegian too', async () => {
    const ola = h.chat('ola', { locale: 'nb' });
    await ola.say('demo2026');
    expect(await ola.text()).toMatch(/^Velkommen til \*\W*Programme DEMO2026/);
  });
});
