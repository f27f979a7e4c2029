/**
 * Messages that could not be delivered, for the people who can do something about them. A
 * message ends undelivered when retrying cannot help (the person left the workspace or blocked the
 * bot, the bot's access was revoked, the person has no account there) or after every attempt
 * failed; the dispatcher then writes an audit entry (outbox/dispatcher.ts). A coordinator sees
 * those of the people in the programmes she coordinates, an administrator those of everyone, in
 * her home view and in `help`: who, how many, and why in words, never the platform's error code.
 */
import type { Turn } from '../../engine/turn.js';

/** How far back the list looks. */
export const UNDELIVERED_DAYS = 30;
/** People listed by name; the rest are counted. */
const SHOWN = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The lines to show (none when nothing failed): a title with the total, then one line per person
 * and reason. `everyone` for an administrator; otherwise only the people of the programmes the
 * person coordinates (and nothing for someone who coordinates none).
 */
export async function undeliveredLines(turn: Turn, scope: { everyone: boolean; coordinates: boolean }): Promise<string[]> {
  if (!scope.everyone && !scope.coordinates) return [];
  const { t } = turn;
  const since = new Date(turn.clock.now().getTime() - UNDELIVERED_DAYS * DAY_MS);
  const rows = await turn.repos.deliveries.undelivered(turn.organisation.id, scope.everyone ? null : turn.person.id, since);
  if (rows.length === 0) return [];
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const lines = [t('deliveries.title', { count: total, days: UNDELIVERED_DAYS })];
  for (const row of rows.slice(0, SHOWN)) {
    lines.push(t('deliveries.line', { name: row.displayName, count: row.count, reason: t(`deliveries.reason.${row.reason}`), last: row.lastAt }));
  }
  if (rows.length > SHOWN) lines.push(t('deliveries.more', { count: rows.length - SHOWN }));
  lines.push(t('deliveries.hint'));
  return lines;
}
