/** Every Slack listener, one file per kind of payload. */
import type { App } from '@slack/bolt';
import * as actions from './actions.js';
import * as commands from './commands.js';
import type { ListenerDeps } from './deps.js';
import * as home from './home.js';
import * as lifecycle from './lifecycle.js';
import * as mentions from './mentions.js';
import * as messages from './messages.js';
import * as views from './views.js';

export type { ListenerDeps } from './deps.js';
export { SLASH_COMMAND } from './commands.js';

export function register(app: App, deps: ListenerDeps): void {
  for (const listener of [messages, mentions, commands, actions, views, home, lifecycle]) listener.register(app, deps);
}
