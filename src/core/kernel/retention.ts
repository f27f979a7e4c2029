/**
 * The bot's own copies of the messages it sent (OutboxMessage payloads) are kept only for a
 * while, and become an "erased" marker after that or when the person they concern leaves. The
 * privacy notice quotes the period (join.privacyNotice's {days}), so what the notice promises and
 * what housekeeping does come from this one constant.
 */
import type { Outbound } from '../messages.js';

/** Days a sent message's copy keeps its words; housekeeping erases older ones every hour. */
export const MESSAGE_COPY_RETENTION_DAYS = 90;

const DAY_MS = 86_400_000;

/** The cut-off for `now`: copies created before it are erased. */
export function retentionCutoff(now: Date): Date {
  return new Date(now.getTime() - MESSAGE_COPY_RETENTION_DAYS * DAY_MS);
}

/**
 * What an erased copy's payload becomes. It is still an Outbound (text '' parses), so every
 * reader of stored payloads keeps working; it carries no prompt id, so a later message replacing
 * that prompt finds nothing to update and is sent as a new message, which is what we want for a
 * question nobody can see the words of any more.
 */
export const ERASED_MESSAGE: Outbound = Object.freeze({ text: '', erased: true }) as Outbound;

export function isErased(message: Pick<Outbound, 'erased'>): boolean {
  return message.erased === true;
}
