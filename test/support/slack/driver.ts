/**
 * Plays Slack towards our app: requests signed exactly as Slack signs them (v0 HMAC-SHA256 of
 * "v0:<timestamp>:<body>" with the signing secret), JSON bodies for the Events API, url-encoded
 * `payload=` for interactivity and form fields for slash commands — built from the fixtures in
 * test/fixtures/slack, which follow Slack's documented examples.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(import.meta.dirname, '../../fixtures/slack');

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as T;
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  /** Sign with this secret instead of the right one (a forgery). */
  secret?: string;
  retryNum?: number;
}

export interface SlackResponse {
  status: number;
  text: string;
  json(): unknown;
  /** Milliseconds from sending to the response (time to ack). */
  ms: number;
}

export class SignedSlack {
  constructor(
    readonly url: string,
    readonly secret: string,
  ) {}

  /** POST /slack/events with a JSON body (events, url_verification). */
  event(body: unknown, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(JSON.stringify(body), 'application/json', options);
  }

  /** POST /slack/events with `payload=<json>` (block_actions, view_submission). */
  interaction(payload: unknown, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', options);
  }

  /** POST /slack/events with a slash command's form fields. */
  command(fields: Record<string, string>, options: SendOptions = {}): Promise<SlackResponse> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', options);
  }

  private async post(body: string, contentType: string, options: SendOptions): Promise<SlackResponse> {
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(options.secret ?? this.secret, timestamp, body),
    };
    if (options.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(options.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const started = performance.now();
    const res = await fetch(`${this.url}/slack/events`, { method: 'POST', headers, body });
    const text = await res.text();
    const ms = performance.now() - started;
    return { status: res.status, text, ms, json: () => JSON.parse(text) };
  }
}

/** A message.im event from `user` in their DM, with a fresh event id unless given. */
export function dmEvent(opts: { team: string; user: string; channel: string; text: string; eventId?: string }): Record<string, unknown> {
  const body = fixture<Record<string, unknown> & { event: Record<string, unknown> }>('event-message-im');
  const ts = `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  body.team_id = opts.team;
  body.context_team_id = opts.team;
  // Bolt authorises by the envelope's authorizations, as Slack sends them per installation.
  body.authorizations = [{ enterprise_id: null, team_id: opts.team, user_id: 'U0BOT0001', is_bot: true, is_enterprise_install: false }];
  body.event_id = opts.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`;
  body.event = { ...body.event, user: opts.user, channel: opts.channel, text: opts.text, ts, event_ts: ts, team: opts.team };
  return body;
}
