/**
 * What a failed Bot Connector call means for the outbox. The connector answers 429 when we send
 * too fast (with Retry-After), 412 when two updates of one activity race, 502/503/504 when Teams
 * is having a moment — all worth retrying later. 403 means the person blocked or uninstalled the
 * bot, 404 that the conversation is gone: retrying cannot help.
 */
import { backoffMs } from '../../core/outbox/dispatcher.js';
import { SendError } from '../../core/outbox/sender.js';

const RETRY = new Set([412, 429, 500, 502, 503, 504]);
const GONE = new Set([403, 404]);

interface HttpishError {
  statusCode?: unknown;
  code?: unknown;
  response?: { status?: unknown; headers?: { get?(name: string): string | undefined } | Record<string, unknown> };
  message?: unknown;
}

export function statusOf(error: unknown): number | null {
  const e = error as HttpishError | null;
  const status = e?.statusCode ?? e?.response?.status;
  return typeof status === 'number' ? status : null;
}

/** Retry-After in milliseconds (seconds or an HTTP date), when the connector gave one. */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | null {
  const headers = (error as HttpishError | null)?.response?.headers;
  if (!headers) return null;
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, unknown>)['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(raw);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/** Maps any error from a send to a SendError; `attempt` is the attempt that just failed (1-based). */
export function toSendError(error: unknown, attempt: number): SendError {
  if (error instanceof SendError) return error;
  const status = statusOf(error);
  if (status !== null && GONE.has(status)) return SendError.permanent('gone', `teams answered ${status}: the person or conversation cannot be reached`);
  // A 429 is Teams saying "not now": throttled, never counted toward giving up.
  if (status === 429) return new SendError('teams answered 429', retryAfterMs(error) ?? backoffMs(attempt), true);
  if (status !== null && RETRY.has(status)) return new SendError(`teams answered ${status}`, retryAfterMs(error) ?? backoffMs(attempt));
  if (status !== null) return new SendError(`teams answered ${status}`, backoffMs(attempt));
  // MSAL could not get the bot its token from Entra: say so, with Entra's error code
  // (invalid_client: wrong MICROSOFT_APP_PASSWORD; unauthorized_client: wrong tenant or app id).
  // Still retried: once the operator fixes the setting, the waiting messages go out.
  const entraCode = (error as { errorCode?: unknown } | null)?.errorCode;
  if (typeof entraCode === 'string' && entraCode !== '') return new SendError(`teams token request to Microsoft Entra failed (${entraCode.slice(0, 60)})`, backoffMs(attempt));
  // Network trouble (connection refused, reset, DNS): try again with back-off. Only the code, not the URL.
  const code = (error as HttpishError | null)?.code;
  return new SendError(`teams request failed${typeof code === 'string' ? ` (${code})` : ''}`, backoffMs(attempt));
}
