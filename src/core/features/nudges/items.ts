/**
 * What a nudge lists: item codes with a count, and for a pair's items the match. Stored in job
 * payloads and the nudge question's data as short strings ("followUp|1|<matchId>|45"), since
 * stored answers hold strings, not objects in lists; codes, counts and ids only, never words.
 */
import { CHOOSE_KIND } from '../matching/choose.js';
import { REQUEST_KIND } from '../matching/request.js';
import { AGREEMENT_KIND } from '../journey/agreement-confirm.js';
import { CONFIRM_KIND, HAPPENED_KIND } from '../meetings/held.js';
import { RESPOND_KIND } from '../meetings/respond.js';
import { RATING_KIND } from '../reflections/rating.js';
import { REFLECTION_KIND } from '../closure/closing.js';

export const ITEM_CODES = ['proposeMeeting', 'followUp', 'agreement', 'meeting', 'rating', 'reflection', 'training', 'request'] as const;
export type ItemCode = (typeof ITEM_CODES)[number];

export interface Item {
  code: ItemCode;
  count: number;
  /** The pair it is about (proposeMeeting, followUp). */
  matchId?: string;
  /** Days since the pair last met (followUp). */
  days?: number;
}

/**
 * The open questions of other features a nudge reminds of, by what they are. Only questions that
 * wait for the person's decision: an optional offer (preparing for a meeting) is never nagged about.
 */
export const WAITING_KINDS: Readonly<Record<string, ItemCode>> = {
  [AGREEMENT_KIND]: 'agreement',
  [RATING_KIND]: 'rating',
  [RESPOND_KIND]: 'meeting',
  [CONFIRM_KIND]: 'meeting',
  [HAPPENED_KIND]: 'meeting',
  [REQUEST_KIND]: 'request',
  [CHOOSE_KIND]: 'request',
  [REFLECTION_KIND]: 'reflection',
};

/** Items whose waiting questions "Show what waits" sends again. */
export const QUESTION_CODES: readonly ItemCode[] = ['agreement', 'meeting', 'rating', 'reflection', 'request'];

const isCode = (s: string): s is ItemCode => (ITEM_CODES as readonly string[]).includes(s);

export function encodeItem(item: Item): string {
  return [item.code, item.count, item.matchId ?? '', item.days ?? ''].join('|');
}

export function decodeItem(s: string): Item | null {
  const [code = '', count = '', matchId = '', days = ''] = s.split('|');
  if (!isCode(code)) return null;
  const item: Item = { code, count: Math.max(1, Number(count) || 1) };
  if (matchId) item.matchId = matchId;
  if (days !== '' && Number.isFinite(Number(days))) item.days = Number(days);
  return item;
}

export function decodeItems(value: unknown): Item[] {
  return Array.isArray(value) ? value.flatMap((s) => (typeof s === 'string' ? (decodeItem(s) ?? []) : [])) : [];
}

/** Adds an item to a list, summing counts of the same code (a pair's items stay one per pair). */
export function addItem(items: Item[], item: Item): void {
  const same = items.find((i) => i.code === item.code && i.matchId === item.matchId);
  if (same) same.count += item.count;
  else items.push({ ...item });
}

/** In the order a reader should act on them: the pair first, then answers owed, then training. */
export function sortItems(items: Item[]): Item[] {
  return [...items].sort((a, b) => ITEM_CODES.indexOf(a.code) - ITEM_CODES.indexOf(b.code));
}
