/**
 * app_home_opened. The Home tab: publish the person's home view (read-only, so every opening may
 * publish; it runs after the acknowledgement and nothing is lost if it does not). The Messages
 * tab: the core's welcome, once per person ever — the dedupe key is the person, not the event, so
 * reopening the tab does not repeat the greeting; it goes through the inbox like any message.
 */
import type { App } from '@slack/bolt';
import { renderHome } from '../home-tab.js';
import { envelopeSchema, homeOpenedSchema, dmChannel, type SlackUser, tenantOf, toInbound, viewer } from '../parse.js';
import { accept, type ListenerDeps, rejected, withProfile } from './deps.js';

type Client = Parameters<Parameters<App['event']>[1]>[0]['client'];

export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ body, event, client }) => {
    const envelope = envelopeSchema.safeParse(body);
    const opened = homeOpenedSchema.safeParse(event);
    if (!envelope.success || !opened.success) return rejected(deps, 'app_home_opened', [...(envelope.error?.issues ?? []), ...(opened.error?.issues ?? [])]);
    const tenant = tenantOf(envelope.data.team_id, envelope.data.enterprise_id);
    if (!tenant) return;
    const user = { id: opened.data.user, dm: dmChannel(opened.data.channel) };
    if (opened.data.tab === 'messages') {
      await accept(deps, toInbound(`opened:${user.id}`, tenant, user, { kind: 'opened' }));
      return;
    }
    // Not awaited: Slack's 200 waits for the listener, and a read-only view need not hold it up.
    void publishHome(deps, client, tenant, user);
  });
}

async function publishHome(deps: ListenerDeps, client: Client, tenant: string, user: SlackUser): Promise<void> {
  try {
    // The home view may be the person's first contact: their language and time zone count here too.
    const who = await withProfile(deps, viewer(tenant, user));
    const home = await deps.inbox.run(() => deps.core.home(who));
    if (!home) return deps.log.warn('slack home opened in an unregistered workspace', { tenant });
    await client.views.publish({ user_id: user.id, view: renderHome(home) as never });
  } catch (error) {
    deps.log.warn('slack home not published', { tenant, reason: error instanceof Error ? error.message : String(error) });
  }
}
