/**
 * The goals tests: a pair (seedPair: Kari coordinates, Ola mentors, Amina is the mentee) whose
 * agreement is stored confirmed straight in the database, in the shape readContent expects, and
 * small readers of the goals card and form.
 */
import { askGoalProgress, goalProgressFacts } from '../../src/core/features/goals/ask.js';
import type { Outbound } from '../../src/core/messages.js';
import type { Chat, Harness } from '../support/harness.js';
import { type Pair, seedPair } from './journey-guide-fixtures.js';
import { PROG, shown } from './matching-fixtures.js';

export const GOALS = ['Get my nurse authorisation', 'Reach Norwegian B2', 'Apply for five jobs'];
export const MATCH = 'match-1';

/** Version `version` of the pair's agreement, confirmed by both, with these goals (older versions superseded). */
export async function confirmAgreement(h: Harness, orgId: string, goals: string[], version = 1): Promise<void> {
  const now = h.clock.now();
  await h.prisma.agreement.updateMany({ where: { matchId: MATCH, status: 'confirmed' }, data: { status: 'superseded' } });
  const answers = {
    mentee: { help: 'Finding work as a nurse', hopes: 'A job', goals },
    mentor: { offer: 'Contacts', hopes: 'Learning', limits: '' },
    frame: { confidentiality: 'between', confidentialityText: '', frequency: 'biweekly', initiator: 'mentee', cancelling: '24 hours', evaluation: 'Talk', summary: 'no' },
    done: { parts: ['mentee', 'mentor'], frame: ['mentee', 'mentor'] },
  };
  await h.prisma.agreement.create({
    data: { id: `agreement-${version}`, organisationId: orgId, programmeId: PROG, matchId: MATCH, version, answers, status: 'confirmed', proposedById: null, mentorConfirmedAt: now, menteeConfirmedAt: now, confirmedAt: now, createdAt: now },
  });
}

/** A pair with a confirmed agreement holding GOALS; Ola reads Norwegian, Amina English. */
export async function pairWithGoals(h: Harness, goals = GOALS): Promise<Pair> {
  const pair = await seedPair(h, { ola: 'nb', amina: 'en' });
  await confirmAgreement(h, pair.orgId, goals);
  return pair;
}

export const rows = (h: Harness) => h.prisma.goalProgress.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

/** The newest message whose text starts the goals card ("Your goals with…" / "Målene dine med…"), as shown. */
export async function goalsCard(chat: Chat): Promise<string> {
  const card = (await chat.all()).filter((m: Outbound) => /^(Your goals with|Målene dine med)/.test(m.text)).at(-1);
  if (!card) throw new Error(`${chat.user} got no goals card`);
  return shown(card);
}

/** The newest form's initial values and its id. */
export async function formOf(chat: Chat): Promise<{ id: string; initial: Record<string, unknown>; fields: string[] }> {
  const prompt = await chat.lastPrompt();
  if (prompt.spec.kind !== 'form') throw new Error(`${chat.user} has no form`);
  const initial = Object.fromEntries(prompt.spec.fields.filter((f) => f.initial !== undefined).map((f) => [f.name, f.initial]));
  return { id: prompt.id, initial, fields: prompt.spec.fields.map((f) => f.name) };
}

/** `goals`, then "Update my goals": the form is the newest prompt. */
export async function openForm(chat: Chat, command = 'goals'): Promise<void> {
  await chat.say(command);
  await chat.click('update');
}

/** Every goal's step (and line) in the form's field names. */
export const steps = (s: string[], lines: string[] = []) => Object.fromEntries(s.flatMap((step, i) => [[`step_${i}`, step], [`line_${i}`, lines[i] ?? '']]));

export const ask = (h: Harness, orgId: string, membershipId: string, reason: 'reflection' | 'check-in' | 'closing' = 'check-in') =>
  h.core.units.forOrganisation(orgId, (w) => askGoalProgress(w, MATCH, membershipId, reason));

export const facts = (h: Harness, orgId: string) => h.core.units.forOrganisation(orgId, (w) => goalProgressFacts(w, MATCH));
