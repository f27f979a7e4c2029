/**
 * Web API failures → what the outbox should do. Our WebClients never retry by themselves
 * (retries: 0, rejectRateLimitedCalls): a retry inside the client would hold the dispatcher's
 * per-platform loop for minutes and is lost on restart, while the outbox keeps the attempt in
 * the database and honours Retry-After across restarts.
 */
import { webApi } from '@slack/bolt';
import { type DeliveryFailure, SendError } from '../../core/outbox/sender.js';

/** Errors after which the same call can never succeed: the outbox gives up on the message, and says why in a word. */
const PERMANENT = new Map<string, DeliveryFailure>([
  ['channel_not_found', 'gone'],
  ['user_not_found', 'gone'],
  ['account_inactive', 'gone'],
  ['user_disabled', 'gone'],
  ['is_archived', 'gone'],
  ['not_in_channel', 'gone'],
  ['cannot_dm_bot', 'refused'],
  ['invalid_blocks', 'refused'],
  ['invalid_auth', 'not-authorised'],
  ['token_revoked', 'not-authorised'],
  ['not_authed', 'not-authorised'],
  ['missing_scope', 'not-authorised'],
  ['no_installation', 'not-authorised'],
]);

/** SendError when the Web API said what to do; a plain Error (the dispatcher backs off) otherwise. */
export function toSendError(error: unknown): Error {
  if (error instanceof webApi.WebAPIRateLimitedError) return new SendError('slack rate limited', Math.max(1, error.retryAfter) * 1000, true);
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    const failure = PERMANENT.get(code);
    return failure ? SendError.permanent(failure, `slack: ${code}`) : new Error(`slack: ${code}`);
  }
  if (error instanceof webApi.WebAPIHTTPError) return new Error(`slack http ${error.statusCode}`);
  if (error instanceof webApi.WebAPIRequestError) return new Error(`slack unreachable: ${error.original.message}`);
  return error instanceof Error ? error : new Error(String(error));
}

/** The platform error code of a failed call, if it was one ("message_not_found"…). */
export function platformCode(error: unknown): string | null {
  return error instanceof webApi.WebAPIPlatformError ? String(error.data.error) : null;
}
