/**
 * The year-long journey's people and readers: Kari coordinates (English), Ola mentors (English),
 * Amina is the mentee (Norwegian); the pair is made the real way (she asks, he accepts), and
 * everything after goes through chat and due jobs only. Marker words let a test look for what
 * each person wrote where it must never appear.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outbound } from '../../src/core/messages.js';
import type { Chat, Harness } from '../support/harness.js';
import { jobRunner, lastAsk, menteeProfile, mentorProfile, type Seeded, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

/** Words only their author may ever read (a guide note, a reflection, a preparation). */
export const PRIVATE = {
  olaNote: 'Ola-note-PANGOLIN',
  aminaNote: 'Amina-notat-AXOLOTL',
  aminaReflection: 'Amina-refleksjon-OKAPI',
  olaReflection: 'Ola-reflection-TAPIR',
  aminaPreparation: 'Amina-forberedelse-NARWHAL',
  closing: 'Amina-avslutning-QUOLL',
};
/** Words the pair shares (agreement, goal lines): never a coordinator's to read. */
export const SHARED = { goalLine: 'Goal-line-MARMOT', agreementHelp: 'Agreement-help-IBEX', goal: 'Autorisasjon-GECKO', limits: 'Limits-YAK' };
export const ALL_MARKERS = ['PANGOLIN', 'AXOLOTL', 'OKAPI', 'TAPIR', 'NARWHAL', 'QUOLL', 'MARMOT', 'IBEX', 'GECKO', 'YAK'];

export interface Journey {
  orgId: string;
  kari: Seeded;
  ola: Seeded;
  amina: Seeded;
}

/** Kari's programme, Ola (en) and Amina (nb); she asks him with `mentorer`, he accepts. */
export async function pairTheRealWay(h: Harness): Promise<Journey> {
  const orgId = await h.organisation();
  const kari = await seedMatchingProgramme(h, orgId);
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'), 'en');
  const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile(), 'nb');
  await amina.chat.say('mentorer');
  const offer = await lastAsk(amina.chat);
  const i = offer.labels.indexOf('Spør Ola Nordmann');
  if (i < 0) throw new Error(`no button to ask Ola: ${offer.labels.join(', ')}`);
  await amina.chat.click(offer.values[i] as string, offer.id);
  await ola.chat.click('accept', (await lastAsk(ola.chat)).id);
  return { orgId, kari, ola, amina };
}

/** Runs every job due now (the clock already moved), as the dispatcher would. */
export const runDue = (h: Harness) => jobRunner(h).runDue();

/** Everything the chat received since it last looked, each message as shown, joined. */
export async function fresh(chat: Chat): Promise<string> {
  return (await chat.replies()).map(shown).join('\n---\n');
}

/** The newest message with buttons: what it shows and its values. */
export async function buttons(chat: Chat): Promise<{ id: string; text: string; values: string[]; labels: string[] }> {
  const ask = await lastAsk(chat);
  return { id: ask.id, text: shown(ask.message), values: ask.values, labels: ask.labels };
}

/** The newest form: its id, title and field names, and the fields' initial values. */
export async function newestForm(chat: Chat): Promise<{ id: string; title: string; fields: string[]; initial: Record<string, unknown> }> {
  const prompt = await chat.lastPrompt();
  if (prompt.spec.kind !== 'form') throw new Error(`${chat.user}'s newest question is not a form`);
  const fields = prompt.spec.fields;
  return { id: prompt.id, title: prompt.spec.title, fields: fields.map((f) => f.name), initial: Object.fromEntries(fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial])) };
}

/** The text of the calendar file in the newest message that carries one. */
export async function newestIcs(h: Harness, chat: Chat): Promise<string> {
  const withFile = (await chat.all()).filter((m: Outbound) => m.file).at(-1);
  if (!withFile?.file) throw new Error(`${chat.user} got no file`);
  if (withFile.file.name !== 'meeting.ics') throw new Error(`unexpected file ${withFile.file.name}`);
  const file = await h.prisma.storedFile.findUniqueOrThrow({ where: { id: withFile.file.fileId } });
  return Buffer.from(file.bytes).toString('utf8');
}

/** The unfolded DTSTART of the event (not the VTIMEZONE's). */
export function eventStart(ics: string): string | undefined {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n');
  return lines.slice(lines.indexOf('BEGIN:VEVENT')).find((l) => l.startsWith('DTSTART'));
}

/** The shared frame of their agreement. */
export const FRAME = { confidentiality: 'between', confidentialityText: '', frequency: 'monthly', initiator: 'mentee', cancelling: 'Minst ett døgn før', evaluation: 'Hvert tredje møte' };

/**
 * A pair made the real way who, through chat and jobs only, have: a confirmed agreement, a held
 * meeting rated and reflected on by both (kept private), goal progress with a line, a private
 * preparation of hers and a private guide note each.
 */
export async function pairWithPrivateWords(h: Harness): Promise<Journey> {
  const pair = await pairTheRealWay(h);
  const { ola, amina } = pair;
  await amina.chat.say('avtale');
  await amina.chat.submit({ help: SHARED.agreementHelp, hopes: 'En jobb', goals: `${SHARED.goal}\nNorsk B2` });
  await amina.chat.submit(FRAME);
  await ola.chat.say('agreement');
  await ola.chat.submit({ offer: 'Contacts', hopes: 'Learn', limits: SHARED.limits });
  await ola.chat.submit(FRAME);
  await amina.chat.click('confirm');
  await ola.chat.click('confirm');
  h.clock.set(new Date('2026-09-10T18:00:00Z'));
  await amina.chat.say('logg møte');
  await amina.chat.submit({ date: '2026-09-10', time: '17:00', minutes: '60', mode: 'online' });
  await ola.chat.click('confirm');
  await runDue(h);
  await amina.chat.click('4', await openQuestion(h, 'reflections.meeting-rating', amina.personId));
  await amina.chat.submit({ useful: PRIVATE.aminaReflection, focus: '', workOn: '' });
  await amina.chat.click('private', await openQuestion(h, 'reflections.share', amina.personId));
  await amina.chat.click('update', await openQuestion(h, 'goals.progress-ask', amina.personId));
  await amina.chat.submit({ step_0: 'done', line_0: SHARED.goalLine, step_1: 'started', line_1: '' });
  await ola.chat.click('5', await openQuestion(h, 'reflections.meeting-rating', ola.personId));
  await ola.chat.submit({ interested: PRIVATE.olaReflection, learningPoints: '', aboutMyself: '' });
  await ola.chat.click('private', await openQuestion(h, 'reflections.share', ola.personId));
  await amina.chat.say('forbered');
  await amina.chat.submit({ standsOut: PRIVATE.aminaPreparation, goalWork: '', wentWell: '', difficult: '' });
  await amina.chat.click('private', await openQuestion(h, 'reflections.share', amina.personId));
  for (const [chat, note] of [[ola.chat, PRIVATE.olaNote], [amina.chat, PRIVATE.aminaNote]] as const) {
    await chat.say(chat === ola.chat ? 'meeting guide' : 'møteguide');
    await chat.click('note');
    await chat.submit({ text: note });
    await chat.click('done');
  }
  const done = await h.prisma.reflection.count({ where: { sharedAt: null } });
  if (done !== 3) throw new Error(`expected three private reflections and preparations, got ${done}`);
  return pair;
}

/** The id of the person's unanswered question of this kind. */
async function openQuestion(h: Harness, kind: string, personId: string): Promise<string> {
  const q = await h.prisma.openQuestion.findFirst({ where: { kind, audience: { has: personId }, answeredAt: null }, orderBy: { createdAt: 'desc' } });
  if (!q) throw new Error(`${personId} has no open ${kind}`);
  return q.id;
}

/** Every command word's first alias, English and Norwegian, the ones that end something last. */
export function everyCommand(): string[] {
  // Pausing is immediate by design (and undone by reopening), so reopening comes after it.
  const last = new Set(['leave', 'endMatch', 'endMentoring', 'pauseProgramme', 'closeProgramme', 'reopenProgramme']);
  const words: { key: string; word: string }[] = [];
  for (const locale of ['en', 'nb']) {
    const commands = JSON.parse(readFileSync(join(import.meta.dirname, `../../prompts/${locale}/commands.json`), 'utf8')) as Record<string, string>;
    for (const [key, aliases] of Object.entries(commands)) words.push({ key, word: aliases.split('|')[0] as string });
  }
  return [...words.filter((w) => !last.has(w.key)), ...words.filter((w) => last.has(w.key))].map((w) => w.word);
}

/** Says `word`, then cancels whatever it started (a form, a confirmation, a flow). */
export async function sayAndCancel(chat: Chat, word: string, cancel: string): Promise<void> {
  await chat.say(word);
  await chat.say(cancel);
}
