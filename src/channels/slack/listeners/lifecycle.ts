/**
 * app_uninstalled and tokens_revoked: the bot can no longer act in that workspace. Its
 * installation (and token) is deleted and its organisation marked, so nothing more is sent there:
 * messages still waiting in the outbox end as undelivered ("the bot lost its access"), which
 * coordinators and administrators see, instead of being retried. A reinstall clears the mark.
 * Bolt runs these without authorising (the token is gone); the request's signature still holds.
 * If the database is down the listener throws, Slack hears an error and delivers the event again.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { envelopeSchema } from '../parse.js';
import { type ListenerDeps, rejected } from './deps.js';

/** Only the bot's tokens matter: the app asks for no user scopes, so it keeps no user tokens. */
const tokensRevokedSchema = z.object({ type: z.literal('tokens_revoked'), tokens: z.object({ bot: z.array(z.string()).optional() }) });

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_uninstalled', async ({ body, context }) => removed(deps, 'app_uninstalled', body, context.isEnterpriseInstall));
  app.event('tokens_revoked', async ({ body, event, context }) => {
    const revoked = tokensRevokedSchema.safeParse(event);
    if (!revoked.success) return rejected(deps, 'tokens_revoked', revoked.error.issues);
    if ((revoked.data.tokens.bot ?? []).length === 0) return;
    await removed(deps, 'tokens_revoked', body, context.isEnterpriseInstall);
  });
}

async function removed(deps: ListenerDeps, event: string, body: unknown, isEnterpriseInstall: boolean | undefined): Promise<void> {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return rejected(deps, event, envelope.error.issues);
  const query = { teamId: envelope.data.team_id, enterpriseId: envelope.data.enterprise_id ?? undefined, isEnterpriseInstall: isEnterpriseInstall === true };
  const organisationId = (await deps.workspaces?.removed(query)) ?? null;
  deps.log.info('slack app removed from a workspace', { event, organisationId, teamId: query.teamId ?? null, enterpriseId: query.enterpriseId ?? null });
}
