/** What each Web API failure tells the outbox: wait Retry-After, give up, or back off. */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { toSendError } from '../../src/channels/slack/errors.js';
import { SendError } from '../../src/core/outbox/sender.js';

const platform = (error: string) => new webApi.WebAPIPlatformError({ ok: false, error });

describe('Slack Web API errors → outbox decisions', () => {
  it('turns a 429 into SendError with Retry-After in milliseconds', () => {
    const e = toSendError(new webApi.WebAPIRateLimitedError(30));
    expect(e).toBeInstanceOf(SendError);
    expect((e as SendError).retryAfterMs).toBe(30_000);
  });

  it.each(['channel_not_found', 'user_not_found', 'account_inactive', 'invalid_blocks', 'token_revoked'])('gives up on %s', (code) => {
    const e = toSendError(platform(code));
    expect(e).toBeInstanceOf(SendError);
    expect((e as SendError).retryAfterMs).toBeNull();
    expect(e.message).toBe(`slack: ${code}`);
  });

  it('lets the dispatcher back off on 5xx, network errors and unknown platform errors', () => {
    for (const error of [new webApi.WebAPIHTTPError(503, 'Service Unavailable', {}), new webApi.WebAPIRequestError(new Error('ECONNRESET')), platform('fatal_error')]) {
      const e = toSendError(error);
      expect(e).not.toBeInstanceOf(SendError);
      expect(e).toBeInstanceOf(Error);
    }
  });
});
