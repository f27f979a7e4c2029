/**
 * block_actions: clicks on our buttons and selects. ack() is called at once, and Slack gets it
 * when the click is in the inbox (processBeforeResponse); the core's work follows. Each click has
 * its own action_ts, so a double click reaches the core twice — and the second one finds its
 * question already answered (the core's stale-click path), so it acts once.
 */
import type { App } from '@slack/bolt';
import type { PromptSpec } from '../../../core/messages.js';
import { actionId, type ParsedAction, parseActionId } from '../ids.js';
import { buildModal, decodeOne } from '../modal.js';
import { type BlockActions, blockActionsSchema, dmChannel, type SlackUser, tenantOf, toInbound, viewer } from '../parse.js';
import { accept, type ListenerDeps, rejected, withProfile } from './deps.js';

type Client = Parameters<Parameters<App['action']>[1]>[0]['client'];

interface Click {
  body: BlockActions;
  action: BlockActions['actions'][number];
  parsed: ParsedAction;
  tenant: string;
  user: SlackUser;
  dedupeKey: string;
}

export function register(app: App, deps: ListenerDeps): void {
  app.action(/^mb:/, async ({ ack, body, client }) => {
    await ack();
    const click = readClick(deps, body);
    if (click) await route(deps, click, client);
  });
}

function readClick(deps: ListenerDeps, body: unknown): Click | null {
  const parsed = blockActionsSchema.safeParse(body);
  if (!parsed.success) {
    rejected(deps, 'block_actions', parsed.error.issues);
    return null;
  }
  const b = parsed.data;
  const action = b.actions[0];
  const what = action ? parseActionId(action.action_id) : null;
  const tenant = tenantOf(b.team?.id ?? b.user.team_id, b.enterprise?.id);
  if (!action || !what || !tenant) return null;
  const user = { id: b.user.id, name: b.user.name ?? b.user.username, dm: dmChannel(b.channel?.id ?? b.container?.channel_id) };
  return { body: b, action, parsed: what, tenant, user, dedupeKey: `action:${b.user.id}:${action.action_ts}` };
}

async function route(deps: ListenerDeps, click: Click, client: Client): Promise<void> {
  const { parsed, action } = click;
  switch (parsed.kind) {
    case 'choice':
      return answer(deps, click, action.value === undefined ? [] : [action.value]);
    case 'select':
      return answer(deps, click, await resolve(deps, click, action.selected_option ? [action.selected_option.value] : []));
    case 'multisubmit':
      return answer(deps, click, await resolve(deps, click, selectedInMessage(click)));
    case 'multi':
      return; // ticking a box is not an answer yet; the submit button is
    case 'cmd':
      await accept(deps, toInbound(click.dedupeKey, click.tenant, click.user, { kind: 'text', text: action.value ?? '' }));
      return;
    case 'form':
      return openForm(deps, click, client);
  }
}

async function answer(deps: ListenerDeps, click: Click, values: string[]): Promise<void> {
  await accept(deps, toInbound(click.dedupeKey, click.tenant, click.user, { kind: 'choice', promptId: click.parsed.promptId, values }));
}

/** The multi prompt's current ticks, which Slack sends along in `state.values` with the submit click. */
function selectedInMessage(click: Click): string[] {
  const multiId = actionId('multi', click.parsed.promptId);
  for (const block of Object.values(click.body.state?.values ?? {})) {
    const input = block[multiId] as { selected_options?: { value: string }[] } | undefined;
    if (input) return (input.selected_options ?? []).map((o) => o.value);
  }
  return [];
}

/** Decodes option values; those sent by position need the open question's options. */
async function resolve(deps: ListenerDeps, click: Click, encoded: string[]): Promise<string[]> {
  let options: Extract<PromptSpec, { options: unknown }>['options'] | null = null;
  if (encoded.some((v) => v.startsWith('i:'))) {
    const who = await withProfile(deps, viewer(click.tenant, click.user), true);
    const question = await deps.inbox.run(() => deps.core.currentQuestion(who, click.parsed.promptId), true);
    const spec = question?.prompt?.spec;
    options = spec && 'options' in spec ? spec.options : null;
  }
  return encoded.map((v) => decodeOne(v, options));
}

/**
 * Opens the form in a modal. The trigger id expires 3 seconds after the click, so this reads
 * the question (one short transaction) and opens at once. A form no longer open gets the core's
 * "already answered" reply, by sending the click on as a (stale) answer.
 */
async function openForm(deps: ListenerDeps, click: Click, client: Client): Promise<void> {
  // Urgent: the trigger id dies 3 seconds after the click.
  const who = await withProfile(deps, viewer(click.tenant, click.user), true);
  const question = await deps.inbox.run(() => deps.core.currentQuestion(who, click.parsed.promptId), true);
  const view = question ? buildModal(question, { promptId: click.parsed.promptId, ...(click.user.dm ? { channel: click.user.dm } : {}) }) : null;
  if (!view || !click.body.trigger_id) {
    await answer(deps, click, []);
    return;
  }
  try {
    await client.views.open({ trigger_id: click.body.trigger_id, view: view as never });
  } catch (error) {
    deps.log.warn('slack modal not opened', { tenant: click.tenant, reason: error instanceof Error ? error.message : String(error) });
  }
}
