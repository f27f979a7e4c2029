/**
 * The meeting guide's tests: a programme with a coordinator (Kari), a mentor (Ola) and a mentee
 * (Amina) made an active pair straight in the database, on a core whose logs are kept (to show
 * a note never reaches them).
 */
import type { Outbound } from '../../src/core/messages.js';
import { type Chat, createHarness, type Harness } from '../support/harness.js';
import { menteeProfile, mentorProfile, PROG, type Seeded, seedMatchingProgramme, seedMember, shown } from './matching-fixtures.js';

/** The harness, with every log line the core wrote (at debug level: everything). */
export async function harnessWithLogs(): Promise<{ h: Harness; logs: string[] }> {
  const logs: string[] = [];
  return { h: await createHarness({ logTo: logs }), logs };
}

export interface Pair {
  orgId: string;
  kari: Seeded;
  ola: Seeded;
  amina: Seeded;
}

/** An active match between two members, as startMatch leaves it. */
export const activeMatch = (h: Harness, orgId: string, id: string, mentor: Seeded, mentee: Seeded) =>
  h.prisma.match.create({ data: { id, organisationId: orgId, programmeId: PROG, mentorMembershipId: mentor.membershipId, menteeMembershipId: mentee.membershipId, status: 'active', origin: 'direct', startedAt: h.clock.now(), createdAt: h.clock.now() } });

/** Kari coordinates; Ola (a mentor, `olaLocale`) and Amina (a mentee, `aminaLocale`) are a pair. */
export async function seedPair(h: Harness, locales: { ola?: 'en' | 'nb'; amina?: 'en' | 'nb' } = {}): Promise<Pair> {
  const orgId = await h.organisation();
  const kari = await seedMatchingProgramme(h, orgId);
  const ola = await seedMember(h, orgId, 'ola', 'mentor', mentorProfile('Ola Nordmann'), locales.ola ?? 'en');
  const amina = await seedMember(h, orgId, 'amina', 'mentee', menteeProfile(), locales.amina ?? 'en');
  await activeMatch(h, orgId, 'match-1', ola, amina);
  return { orgId, kari, ola, amina };
}

/** The newest message with buttons: its shown words and the buttons' values. */
export async function card(chat: Chat): Promise<{ text: string; values: string[]; labels: string[] }> {
  const message = (await chat.all()).filter((m) => m.prompt).at(-1);
  if (message?.prompt?.spec.kind !== 'choice') throw new Error(`${chat.user} has no buttons`);
  return { text: shown(message), values: message.prompt.spec.options.map((o) => o.value), labels: message.prompt.spec.options.map((o) => o.label) };
}

/** Opens the note form on the current step and submits `text`. */
export async function writeNote(chat: Chat, text: string): Promise<void> {
  await chat.click('note');
  await chat.submit({ text });
}

/** Every outbox payload, as stored, with who it is for. */
export async function outbox(h: Harness): Promise<{ personId: string; json: string; message: Outbound }[]> {
  const rows = await h.prisma.outboxMessage.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((r) => ({ personId: r.personId, json: JSON.stringify(r.payload), message: r.payload as unknown as Outbound }));
}
