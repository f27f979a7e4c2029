/** Closure tests' helpers: the closing forms as each person sees them, and what is stored. */
import type { Chat, Harness } from '../support/harness.js';
import { lastAsk, type Seeded } from './matching-fixtures.js';

/** The newest form titled `title` the person was sent: its prompt id (the open question's) and field names. */
export async function form(chat: Chat, title: string): Promise<{ id: string; fields: string[] }> {
  const message = (await chat.all()).filter((m) => m.prompt?.spec.kind === 'form' && m.prompt.spec.title === title).at(-1);
  if (message?.prompt?.spec.kind !== 'form') throw new Error(`${chat.user} has no form "${title}"`);
  return { id: message.prompt.id, fields: message.prompt.spec.fields.map((f) => f.name) };
}

/** The mentee asks the mentor named on one of her buttons and he accepts: a pair through startMatch. */
export async function pairUp(mentee: Seeded, mentor: Seeded, name: string): Promise<void> {
  await mentee.chat.say('mentors');
  const offer = await lastAsk(mentee.chat);
  await mentee.chat.click(offer.values[offer.labels.findIndex((l) => l.includes(name))]!, offer.id);
  await mentor.chat.click('accept', (await lastAsk(mentor.chat)).id);
}

export const answersOf = (h: Harness, kind: string) => h.prisma.closureAnswer.findMany({ where: { kind }, orderBy: { createdAt: 'asc' } });
