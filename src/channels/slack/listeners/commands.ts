/**
 * The /mentor slash command: "/mentor join ABC" is "join ABC" typed in the DM; the core parses
 * commands. The acknowledgement (sent once the command is in the inbox) carries nothing; the
 * answer arrives as a DM. The trigger id is unique per invocation, so it is the dedupe key.
 */
import type { App } from '@slack/bolt';
import { commandSchema, tenantOf, toInbound } from '../parse.js';
import { accept, type ListenerDeps, rejected } from './deps.js';

export const SLASH_COMMAND = '/mentor';

export function register(app: App, deps: ListenerDeps): void {
  app.command(SLASH_COMMAND, async ({ ack, command, respond }) => {
    await ack();
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) return rejected(deps, 'command', parsed.error.issues);
    const c = parsed.data;
    const tenant = tenantOf(c.team_id, c.enterprise_id);
    if (!tenant) return;
    const user = { id: c.user_id, name: c.user_name };
    // The one place an unregistered workspace hears from us: the person asked directly.
    await accept(deps, toInbound(`command:${c.trigger_id}`, tenant, user, { kind: 'text', text: c.text.trim() || helpWord(deps) }), async (result) => {
      if (result.status === 'unknown-organisation') await respond({ response_type: 'ephemeral', text: deps.texts.t(deps.defaultLocale, 'slack.unknownWorkspace') });
    });
  });
}

/** A bare "/mentor" asks for help, in words the core knows (every locale's command words work). */
function helpWord(deps: ListenerDeps): string {
  return deps.texts.t(deps.defaultLocale, 'commands.help').split('|')[0] ?? 'help';
}
