/**
 * One person in Slack, as the fake Web API sees what the bot shows them: their DM as a list of
 * messages (chat.update replaces in place), the open question (the newest message with our
 * buttons), and the modal the bot opened. They type, click and submit with signed requests.
 */
import { randomUUID } from 'node:crypto';
import { dmEvent, fixture, type SignedSlack, type SlackResponse } from './driver.js';
import type { FakeSlackWebApi } from './fake-web-api.js';

export type Block = { type: string; block_id?: string; elements?: Element[]; element?: Element; text?: { text: string }; label?: { text: string } };
export type Element = { type: string; action_id: string; text?: { text: string }; value?: string; options?: Option[] };
export type Option = { text: { text: string }; value: string };

export interface Question {
  message: ShownMessage;
  actions: Block;
  promptId: string;
}

export interface ShownMessage {
  ts: string;
  text: string;
  blocks: Block[];
}

export class SlackPerson {
  private seenPromptIds = new Set<string>();

  constructor(
    private readonly slack: SignedSlack,
    private readonly fake: FakeSlackWebApi,
    readonly user: string,
    readonly channel: string,
    readonly team: string,
    readonly name: string,
  ) {}

  /** The DM as the person sees it now. */
  messages(): ShownMessage[] {
    const byTs = new Map<string, ShownMessage>();
    for (const call of this.fake.calls) {
      if (call.args.channel !== this.channel) continue;
      if (call.method === 'chat.postMessage' && call.result) byTs.set(String(call.result.ts), { ts: String(call.result.ts), text: readable(call.args), blocks: (call.args.blocks as Block[]) ?? [] });
      if (call.method === 'chat.update') byTs.set(String(call.args.ts), { ts: String(call.args.ts), text: readable(call.args), blocks: (call.args.blocks as Block[]) ?? [] });
    }
    return [...byTs.values()];
  }

  allText(): string {
    return this.messages().map((m) => m.text).join('\n---\n');
  }

  say(text: string, eventId?: string, retryNum?: number): Promise<SlackResponse> {
    return this.slack.event(dmEvent({ team: this.team, user: this.user, channel: this.channel, text, ...(eventId ? { eventId } : {}) }), retryNum === undefined ? {} : { retryNum });
  }

  /** The newest question not answered before, if any. */
  private findNewQuestion(): Question | undefined {
    for (const message of this.messages().reverse()) {
      const actions = message.blocks.find((b) => b.type === 'actions' && b.block_id?.startsWith('mb:'));
      const promptId = actions?.block_id?.slice(3);
      if (actions && promptId && !this.seenPromptIds.has(promptId)) return { message, actions, promptId };
    }
    return undefined;
  }

  /** Waits for a question not answered before (or, when `done` is given, for that text: null). */
  async nextQuestion(done?: string | RegExp, timeoutMs = 8000): Promise<Question | null> {
    const found = await this.fake.waitFor(
      () => (done && this.messages().some((m) => (typeof done === 'string' ? m.text.includes(done) : done.test(m.text))) ? { done: true as const } : this.findNewQuestion()),
      timeoutMs,
      `a new question for ${this.user}`,
    );
    if ('done' in found) return null;
    this.seenPromptIds.add(found.promptId);
    return found;
  }

  /** Like nextQuestion, for when a question must come. */
  async question(): Promise<Question> {
    const q = await this.nextQuestion();
    if (!q) throw new Error('no question');
    return q;
  }

  waitForText(part: string | RegExp, timeoutMs = 8000): Promise<ShownMessage> {
    const match = (t: string) => (typeof part === 'string' ? t.includes(part) : part.test(t));
    return this.fake.waitFor(() => this.messages().find((m) => match(m.text)), timeoutMs, `"${String(part)}" for ${this.user}`);
  }

  /** Clicks the button whose label starts with `label`, or whose value is `label`. */
  click(q: { message: ShownMessage; actions: Block }, label: string, actionTs = uniqueTs()): Promise<SlackResponse> {
    const button = q.actions.elements?.find((e) => e.type === 'button' && (e.text?.text.startsWith(label) || e.value === label));
    if (!button) throw new Error(`no button "${label}" in ${JSON.stringify(q.actions.elements?.map((e) => e.text?.text))}`);
    return this.slack.interaction(this.actionPayload(q, button, actionTs, { value: button.value }));
  }

  /** Ticks options by label in a multi question and presses its submit button. */
  tickAndSubmit(q: { message: ShownMessage; actions: Block }, labels: string[]): Promise<SlackResponse> {
    const [input, submit] = q.actions.elements ?? [];
    if (!input || !submit) throw new Error('not a multi question');
    const chosen = (input.options ?? []).filter((o) => labels.includes(o.text.text));
    const state = { values: { [q.actions.block_id ?? '']: { [input.action_id]: { type: input.type, selected_options: chosen } } } };
    return this.slack.interaction({ ...this.actionPayload(q, submit, uniqueTs(), { value: submit.value }), state });
  }

  /** Picks `label` in a static_select question. */
  select(q: { message: ShownMessage; actions: Block }, label: string): Promise<SlackResponse> {
    const input = q.actions.elements?.[0];
    const option = input?.options?.find((o) => o.text.text === label);
    if (!input || !option) throw new Error(`no option "${label}"`);
    return this.slack.interaction(this.actionPayload(q, input, uniqueTs(), { selected_option: option }));
  }

  actionPayload(q: { message: ShownMessage; actions: Block }, element: Element, actionTs: string, extra: Record<string, unknown>): Record<string, unknown> {
    const payload = fixture<Record<string, unknown>>('block-actions-button');
    return {
      ...payload,
      user: { id: this.user, username: this.name, name: this.name, team_id: this.team },
      team: { id: this.team, domain: 'acme' },
      channel: { id: this.channel, name: 'directmessage' },
      container: { type: 'message', message_ts: q.message.ts, channel_id: this.channel, is_ephemeral: false },
      trigger_id: `trigger-${randomUUID()}`,
      actions: [{ action_id: element.action_id, block_id: q.actions.block_id, type: element.type, action_ts: actionTs, ...extra }],
    };
  }

  /** Clicks the form's "fill in" button and returns the modal the bot opened with views.open. */
  async openForm(q: { message: ShownMessage; actions: Block }): Promise<Modal> {
    const button = q.actions.elements?.find((e) => e.action_id.startsWith('mb:form:'));
    if (!button) throw new Error('not a form question');
    const payload = this.actionPayload(q, button, uniqueTs(), { value: button.value });
    const before = this.fake.callsOf('views.open').length;
    const res = await this.slack.interaction(payload);
    if (res.status !== 200) throw new Error(`form click answered ${res.status}`);
    const call = await this.fake.waitFor(() => this.fake.callsOf('views.open')[before], 5000, 'views.open');
    if (call.args.trigger_id !== payload.trigger_id) throw new Error('views.open used another trigger id');
    return call.args.view as Modal;
  }

  /** Submits `modal` with values by field name (option labels for selects); returns Slack's response. */
  submit(modal: Modal, values: Record<string, string | string[]>): Promise<SlackResponse> {
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of modal.blocks.filter((b) => b.type === 'input')) {
      const element = block.element as Element;
      const value = values[block.block_id ?? ''];
      state[block.block_id ?? ''] = { [element.action_id]: inputState(element, value) };
    }
    const payload = fixture<Record<string, unknown> & { view: Record<string, unknown> }>('view-submission');
    const view = { ...payload.view, id: `V${randomUUID().slice(0, 8)}`, private_metadata: modal.private_metadata, state: { values: state } };
    return this.slack.interaction({ ...payload, user: { id: this.user, username: this.name, name: this.name, team_id: this.team }, team: { id: this.team, domain: 'acme' }, view });
  }
}

export interface Modal {
  type: 'modal';
  callback_id: string;
  title: { text: string };
  submit: { text: string };
  private_metadata: string;
  blocks: Block[];
}

function inputState(element: Element, value: string | string[] | undefined): Record<string, unknown> {
  const pick = (label: string) => element.options?.find((o) => o.text.text === label || o.value === `v:${label}`) ?? { text: { text: label }, value: label };
  switch (element.type) {
    case 'static_select':
      return { type: element.type, selected_option: typeof value === 'string' ? pick(value) : null };
    case 'multi_static_select':
    case 'checkboxes':
      return { type: element.type, selected_options: (Array.isArray(value) ? value : value ? [value] : []).map(pick) };
    case 'datepicker':
      return { type: element.type, selected_date: value ?? null };
    default:
      return { type: element.type, value: typeof value === 'string' ? value : null };
  }
}

let counter = 0;
export function uniqueTs(): string {
  counter += 1;
  return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`;
}

const LOOKALIKES: Record<string, string> = { '\u2217': '*', '\u02cd': '_', '\u223c': '~', '\u02cb': '`' };

/**
 * What the person reads in a message: the words of its header, sections (with their fields)
 * and context, as mrkdwn with Slack's entities undone (and the look-alikes that keep typed
 * formatting characters inert read as the characters they stand for); the notification text
 * when there are no such blocks.
 */
export function readable(args: Record<string, unknown>): string {
  type Text = { text?: string };
  const blocks = (args.blocks as Array<{ type: string; text?: Text; fields?: Text[]; elements?: Text[] }> | undefined) ?? [];
  const words = blocks.flatMap((b) => {
    if (b.type === 'header') return [b.text?.text];
    if (b.type === 'section') return [b.text?.text, ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'context') return (b.elements ?? []).map((e) => e.text);
    return [];
  });
  const text = words.filter((w): w is string => typeof w === 'string').join('\n') || String(args.text ?? '');
  return text
    .replace(/[\u2217\u02cd\u223c\u02cb]/g, (c) => LOOKALIKES[c] ?? c)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
