/**
 * Plays one person in Teams: posts real-shaped activities (from test/fixtures/teams) to the
 * bot's /api/messages as the Teams service would, and reads what the bot sent from the fake
 * connector — cards with their updates applied — to click buttons and fill forms by label.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainText } from '../../../src/core/kernel/rich-text.js';
import type { ConnectorCall, FakeConnector } from './fake-connector.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/teams');
type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as Json;
}

export const TENANT = '5d1f7c3a-8e2b-4f6a-9c0d-2b7e4a1f9c35';
export const BOT_ID = '28:c9e8c047-2a74-40a2-b28a-b162d5f5327c';

export interface TeamsPerson {
  aadObjectId: string;
  name: string;
  locale: string;
  tenant?: string;
}

export interface Posted {
  status: number;
  body: unknown;
}

export class TeamsUser {
  readonly userId: string;
  readonly conversationId: string;

  constructor(
    private readonly botUrl: string,
    private readonly connector: FakeConnector,
    readonly person: TeamsPerson,
    private readonly authorization?: (activity: Json) => Promise<string>,
    /** The bot's account (`28:<app id>`) as Teams puts it in `recipient`; the fixtures' bot when not given. */
    private readonly bot?: { id: string; name?: string },
  ) {
    this.userId = `29:${person.aadObjectId}`;
    this.conversationId = `a:${person.aadObjectId}`;
  }

  /** A fixture dressed as this person, in their conversation, pointing at the fake connector. */
  activity(name: string, patch: Json = {}): Json {
    const base = fixture(name);
    const tenant = this.person.tenant ?? TENANT;
    return {
      ...base,
      id: `f:${randomUUID()}`,
      timestamp: new Date().toISOString(),
      serviceUrl: this.connector.url,
      from: { ...(base.from as Json), id: this.userId, name: this.person.name, aadObjectId: this.person.aadObjectId },
      conversation: { ...(base.conversation as Json), id: this.conversationId, tenantId: tenant },
      channelData: { ...(base.channelData as Json), tenant: { id: tenant } },
      locale: this.person.locale,
      ...(this.bot ? { recipient: { ...(base.recipient as Json), ...this.bot } } : {}),
      ...patch,
    };
  }

  async post(activity: Json): Promise<Posted> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.authorization) headers.Authorization = await this.authorization(activity);
    const res = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity) });
    const text = await res.text();
    return { status: res.status, body: text ? safeJson(text) : null };
  }

  say(text: string, id?: string): Promise<Posted> {
    return this.post(this.activity('message', { text, ...(id ? { id } : {}) }));
  }

  /** What this person sees: every message in their chat, updates applied, oldest first. */
  messages(): Array<{ activityId: string; activity: Json }> {
    const byId = new Map<string, Json>();
    for (const call of this.connector.activities().filter((c) => c.conversationId === this.conversationId)) {
      if (call.activityId) byId.set(call.activityId, call.body);
    }
    return [...byId.entries()].map(([activityId, activity]) => ({ activityId, activity }));
  }

  /** Everything readable in the chat, one message per entry. */
  texts(): string[] {
    return this.messages().map((m) => readable(m.activity));
  }

  /** Waits for `needle` (rich text: its *bold* and _italic_ markers are not what a person reads). */
  async waitForText(needle: string, timeoutMs = 10_000): Promise<void> {
    const words = plainText(needle);
    await this.connector.waitFor(() => this.texts().some((t) => t.includes(words)), timeoutMs);
  }

  /** The newest card that still has actions (an open question). */
  openCard(): { activityId: string; card: Json } {
    const open = this.messages()
      .map((m) => ({ activityId: m.activityId, card: cardOf(m.activity) }))
      .filter((m): m is { activityId: string; card: Json } => m.card !== null && Array.isArray(m.card.actions) && m.card.actions.length > 0);
    const last = open.at(-1);
    if (!last) throw new Error(`${this.person.name} has no open card; chat: ${this.texts().join(' | ')}`);
    return last;
  }

  /** Clicks the Action.Execute titled `title` on the open card (an adaptiveCard/action invoke). */
  click(title: string, id?: string): Promise<Posted> {
    const { activityId, card } = this.openCard();
    const action = (card.actions as Json[]).find((a) => a.title === title);
    if (!action) throw new Error(`no action "${title}" on the open card`);
    return this.invoke(activityId, action, (action.data as Json) ?? {}, id);
  }

  /**
   * Fills the open card's inputs by label (choices by their titles; a list for multi-select) and
   * presses its only action, as Teams does: inputs merged into action.data.
   */
  submit(byLabel: Record<string, string | number | string[]>, id?: string): Promise<Posted> {
    const { activityId, card } = this.openCard();
    const inputs = (card.body as Json[]).filter((b) => String(b.type).startsWith('Input.'));
    const data: Json = { ...(((card.actions as Json[])[0]?.data as Json) ?? {}) };
    for (const [label, value] of Object.entries(byLabel)) {
      const input = inputs.find((i) => (i.label ?? '') === label);
      if (!input) throw new Error(`no input labelled "${label}"; have ${inputs.map((i) => i.label).join(', ')}`);
      data[String(input.id)] = inputValue(input, value);
    }
    return this.invoke(activityId, (card.actions as Json[])[0] as Json, data, id);
  }

  private invoke(replyToId: string, action: Json, data: Json, id?: string): Promise<Posted> {
    const base = this.activity('invoke-action-execute', { replyToId, ...(id ? { id } : {}) });
    return this.post({ ...base, value: { action: { type: 'Action.Execute', title: action.title, verb: action.verb, data }, trigger: 'manual' } });
  }
}

function inputValue(input: Json, value: string | number | string[]): string | number {
  if (input.type === 'Input.Number') return Number(value);
  if (input.type !== 'Input.ChoiceSet') return String(value);
  const choices = input.choices as Array<{ title: string; value: string }>;
  const pick = (title: string) => {
    const c = choices.find((x) => x.title === title);
    if (!c) throw new Error(`no choice "${title}" in ${String(input.label)}`);
    return c.value;
  };
  return (Array.isArray(value) ? value : [String(value)]).map(pick).join(',');
}

export function cardOf(activity: Json): Json | null {
  const attachment = (activity.attachments as Json[] | undefined)?.[0];
  return attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? (attachment.content as Json) : null;
}

/**
 * What a person reads in a message, as plain words: a plain message's HTML (textFormat xml)
 * with its tags dropped and entities undone, or every TextBlock and RichTextBlock of its card
 * (inside ColumnSets too), one line each.
 */
export function readable(activity: Json): string {
  const card = cardOf(activity);
  if (!card) return htmlToText(String(activity.text ?? ''));
  return cardLines(card.body as Json[]).join('\n');
}

function cardLines(elements: Json[]): string[] {
  return elements.flatMap((e): string[] => {
    if (e.type === 'TextBlock') return [String(e.text)];
    if (e.type === 'RichTextBlock') return [(e.inlines as Json[]).map((i) => String(i.text)).join('')];
    if (e.type === 'ColumnSet') return (e.columns as Json[]).flatMap((c) => cardLines((c.items as Json[]) ?? []));
    if (e.type === 'Container') return cardLines((e.items as Json[]) ?? []);
    return [];
  });
}

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export function allCards(calls: ConnectorCall[]): Json[] {
  return calls.map((c) => cardOf(c.body)).filter((c): c is Json => c !== null);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
