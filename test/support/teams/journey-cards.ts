/**
 * Cards a person has several of open at once (a closing's reflection, goal look and survey arrive
 * together, and Teams shows them all): answering the one whose words match, not just the newest
 * as TeamsUser.submit does; and the Download links a card's file carries.
 */
import { cardOf, readable, type Posted, type TeamsUser } from './teams-user.js';

type Json = Record<string, unknown>;

/** Every card in the chat that still has its buttons, oldest first. */
export function openCards(user: TeamsUser): Array<{ activityId: string; card: Json; text: string }> {
  return user
    .messages()
    .map((m) => ({ activityId: m.activityId, card: cardOf(m.activity), text: readable(m.activity) }))
    .filter((m): m is { activityId: string; card: Json; text: string } => m.card !== null && Array.isArray(m.card.actions) && m.card.actions.length > 0);
}

/** Fills the open card whose words include `words` by label and presses its first action (as TeamsUser.submit). */
export function submitOn(user: TeamsUser, words: string, byLabel: Record<string, string | number>): Promise<Posted> {
  const found = openCards(user).filter((c) => c.text.includes(words)).at(-1);
  if (!found) throw new Error(`${user.person.name} has no open card with "${words}"; open: ${openCards(user).map((c) => c.text.split('\n')[0]).join(' | ')}`);
  const inputs = (found.card.body as Json[]).filter((b) => String(b.type).startsWith('Input.'));
  const action = (found.card.actions as Json[])[0] as Json;
  const data: Json = { ...((action.data as Json) ?? {}) };
  for (const [label, value] of Object.entries(byLabel)) {
    const input = inputs.find((i) => i.label === label);
    if (!input) throw new Error(`no input labelled "${label}"; have ${inputs.map((i) => i.label).join(', ')}`);
    const choice = (input.choices as Array<{ title: string; value: string }> | undefined)?.find((c) => c.title === String(value));
    if (input.type === 'Input.ChoiceSet' && !choice) throw new Error(`no choice "${value}" in ${label}`);
    data[String(input.id)] = choice ? choice.value : input.type === 'Input.Number' ? Number(value) : String(value);
  }
  const base = user.activity('invoke-action-execute', { replyToId: found.activityId });
  return user.post({ ...base, value: { action: { type: 'Action.Execute', title: action.title, verb: action.verb, data }, trigger: 'manual' } });
}

/** The URLs of a card's Action.OpenUrl buttons, wherever they sit (a file's Download is in an ActionSet). */
export function openUrls(card: Json): string[] {
  const urls: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const o = value as Json;
    if (o.type === 'Action.OpenUrl' && typeof o.url === 'string') urls.push(o.url);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return urls;
}

/** Every TextRun/TextBlock text of a card that contains `needle`, with its styling. */
export function runsWith(card: Json, needle: string): Json[] {
  const found: Json[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const o = value as Json;
    if ((o.type === 'TextRun' || o.type === 'TextBlock') && typeof o.text === 'string' && o.text.includes(needle)) found.push(o);
    for (const v of Object.values(o)) walk(v);
  };
  walk(card);
  return found;
}
