/**
 * Checks that run before anything else looks at a Slack request.
 *
 * - Timestamps from the future: Bolt refuses a signed request dated over five minutes ago (a
 *   replay), but not one dated ahead, which a leaked signature could then be replayed with for
 *   as long as it is "fresh". Slack stamps the moment it sends, so more than a minute ahead of our
 *   clock is refused with 401 before Bolt reads the body.
 * - Single-workspace mode: the bot's one token belongs to one workspace. A request from any
 *   other is refused before a listener runs, so nothing is looked up (users.info) or stored
 *   for it with that token. Only /mentor gets an answer, privately, through its response_url.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { RequestHandler } from 'express';
import type { Logger, Texts } from '../../core/ports.js';
import { tenantOf } from './parse.js';

/** How far ahead of our clock a request may be dated (clocks drift a little). */
export const FUTURE_SKEW_SECONDS = 60;

export function refuseFutureRequests(log: Logger, now: () => number = Date.now): RequestHandler {
  return (req, res, next) => {
    const stamped = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamped) && stamped * 1000 > now() + FUTURE_SKEW_SECONDS * 1000) {
      log.warn('slack request dated in the future refused', { aheadSeconds: Math.round(stamped - now() / 1000) });
      res.status(401).end();
      return;
    }
    next();
  };
}

export function onlyWorkspace(externalId: string, deps: { log: Logger; texts: Texts; defaultLocale: string }): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const { context, next } = args;
    if (tenantOf(context.teamId, context.enterpriseId) === externalId || context.enterpriseId === externalId) {
      await next();
      return;
    }
    deps.log.warn('slack request from another workspace refused', { teamId: context.teamId ?? null, enterpriseId: context.enterpriseId ?? null });
    // Events were acknowledged by Bolt already; everything else waits for its ack.
    if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
    if ('command' in args && 'respond' in args && typeof args.respond === 'function') {
      await args.respond({ response_type: 'ephemeral', text: deps.texts.t(deps.defaultLocale, 'slack.unknownWorkspace') });
    }
  };
}
