/**
 * A note in the meeting guide is its author's alone (issue 13, "Privacy"): the mentee's note
 * reaches no message to her mentor or to a coordinator, whatever they run; it is stored only in
 * PrivateNote (not in the flow run, and in no outbox message but her own); it never reaches the
 * logs; and leaving the programme deletes it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { card, harnessWithLogs, outbox, type Pair, seedPair, writeNote } from './journey-guide-fixtures.js';

const SECRET = 'Afraid Ola thinks I am slow 7Q3M';
const LATER = 'Ask about the hospital night shifts K9';

let h: Harness;
let logs: string[];
let pair: Pair;

beforeEach(async () => {
  ({ h, logs } = await harnessWithLogs());
  pair = await seedPair(h);
  // Amina writes a note on Meet and on Review.
  const { amina } = pair;
  await amina.chat.say('meeting guide');
  await writeNote(amina.chat, SECRET);
  for (let i = 0; i < 5; i += 1) await amina.chat.click('next');
  await writeNote(amina.chat, LATER);
  // The guide stays open, as it would through a meeting: its run is still active.
});
afterEach(() => h.close());

const everything = ['my notes', 'meeting guide', 'matches', 'programme', 'help'];

describe('a private note', () => {
  it('is stored only in PrivateNote: not in any flow run, in no outbox message but its author’s, never in the logs', async () => {
    expect(await h.prisma.privateNote.count({ where: { authorMembershipId: pair.amina.membershipId } })).toBe(2);
    const runs = await h.prisma.flowRun.findMany();
    expect(runs.map((r) => `${r.flowId} ${r.status}`)).toEqual(['meeting-guide active']);
    for (const run of runs) expect(JSON.stringify(run.answers)).not.toMatch(/7Q3M|K9/);
    const carrying = (await outbox(h)).filter((m) => m.json.includes(SECRET) || m.json.includes(LATER));
    // Her own copies (the form she filled in) are the only ones, and there are some: the search works.
    expect(carrying.length).toBeGreaterThan(0);
    expect(new Set(carrying.map((m) => m.personId))).toEqual(new Set([pair.amina.personId]));
    await pair.amina.chat.say('my notes');
    expect((await outbox(h)).at(-1)?.json).toContain(SECRET);
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.filter((l) => l.includes('7Q3M') || l.includes('K9'))).toEqual([]);
  });

  it('never reaches the mentor or a coordinator, whatever they run', async () => {
    const { ola, kari } = pair;
    for (const chat of [ola.chat, kari.chat]) {
      for (const words of everything) await chat.say(words);
    }
    // Ola walks the whole guide: no step says a note is saved (the notes are hers, not his).
    await ola.chat.say('meeting guide');
    for (let i = 0; i < 6; i += 1) {
      const step = await card(ola.chat);
      expect(step.text).not.toContain('(your note saved)');
      expect(step.labels).not.toContain('Edit your note');
      if (i < 5) await ola.chat.click('next');
    }
    await ola.chat.click('note');
    const form = (await ola.chat.lastPrompt()).spec;
    expect(form.kind === 'form' ? form.fields[0]?.initial : 'no form').toBeUndefined();
    const theirs = (await outbox(h)).filter((m) => m.personId === ola.personId || m.personId === kari.personId);
    expect(theirs.length).toBeGreaterThan(10);
    expect(theirs.filter((m) => m.json.includes('7Q3M') || m.json.includes('K9')).map((m) => m.message.text)).toEqual([]);
    expect(theirs.some((m) => m.json.includes('my notes'))).toBe(true);
    expect(logs.filter((l) => l.includes('7Q3M') || l.includes('K9'))).toEqual([]);
  });

  it('is deleted when its author leaves the programme; her partner’s own note stays his', async () => {
    const { ola, amina } = pair;
    await ola.chat.say('meeting guide');
    await writeNote(ola.chat, 'Bring the list of hospitals');
    // Delivered: erasure leaves a pending message alone (it may be on its way), a sent one's copy goes.
    await h.prisma.outboxMessage.updateMany({ data: { status: 'sent', sentAt: h.clock.now() } });
    await amina.chat.say('leave');
    await amina.chat.click('yes');
    expect(await h.prisma.privateNote.count({ where: { authorMembershipId: amina.membershipId } })).toBe(0);
    expect(await h.prisma.privateNote.findMany({ select: { authorMembershipId: true, text: true } })).toEqual([{ authorMembershipId: ola.membershipId, text: 'Bring the list of hospitals' }]);
    const audit = await h.prisma.auditEvent.findFirstOrThrow({ where: { action: 'membership:erased' } });
    expect(audit.data).toMatchObject({ notes: 2 });
    // Her own copies went with the erasure too: the words are nowhere in the database's messages.
    expect((await outbox(h)).filter((m) => m.json.includes('7Q3M') || m.json.includes('K9'))).toEqual([]);
  });
});
