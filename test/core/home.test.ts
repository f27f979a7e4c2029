/** The read-only core calls channels use: home view, the current question, organisations. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { type Harness, createHarness } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';

let h: Harness;
let orgId: string;
const viewer = (externalId: string, tenant = 'demo') => ({ platform: 'playground' as const, tenant, user: { externalId } });

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId);
});
afterEach(() => h.close());

describe('home view', () => {
  it('tells a coordinator how the programme is doing, counting people mid-way through joining', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say(`join ${JOIN_CODE}`);
    const home = await h.core.home(viewer('kari'));
    const text = home?.sections.map((s) => s.text).join('\n');
    expect(text).toContain(JOIN_CODE);
    expect(text).toContain('0 mentorer, 0 mentees, 1 person er midt i påmeldingen');
  });

  it('tells a newcomer how to join, and that they have something unfinished', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say(`join ${JOIN_CODE}`);
    const home = await h.core.home(viewer('amina'));
    // Without the marks Texts puts around what it interpolates (a name, kernel/rich-text.ts).
    expect(home?.sections.map((s) => withoutMarks(s.text))).toEqual(['Hello, amina!', expect.stringContaining('joining a programme'), expect.stringContaining('join code')]);
    expect(home?.shortcuts.map((s) => s.command)).toEqual(['help']);
  });

  it('is null for an unknown organisation and changes nothing', async () => {
    expect(await h.core.home(viewer('amina', 'nope'))).toBeNull();
    expect(await h.prisma.person.count({ where: { NOT: { id: { startsWith: 'coord' } } } })).toBe(0);
  });
});

describe('current question', () => {
  it('returns the open form for its prompt id, and null for a stale one', async () => {
    const amina = h.chat('amina', { locale: 'en' });
    await amina.say(`join ${JOIN_CODE}`);
    const first = await amina.lastPromptId();
    await amina.click('mentee');
    await amina.click('yes');
    const formId = await amina.lastPromptId();
    const question = await h.core.currentQuestion(viewer('amina'), formId);
    expect(question?.prompt?.spec.kind).toBe('form');
    expect(await h.core.currentQuestion(viewer('amina'), first)).toBeNull();
    expect(await h.core.currentQuestion(viewer('kari'), formId)).toBeNull();
  });
});

describe('registering an organisation', () => {
  it('is idempotent per platform and external id', async () => {
    const a = await h.core.registerOrganisation({ platform: 'slack', externalId: 'T123', name: 'Acme' });
    const b = await h.core.registerOrganisation({ platform: 'slack', externalId: 'T123', name: 'Acme again' });
    expect(b.id).toBe(a.id);
    expect(await h.prisma.organisation.count({ where: { platform: 'slack' } })).toBe(1);
  });
});
