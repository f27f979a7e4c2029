/**
 * Drives the real core against a real database (PGlite in memory, or PostgreSQL when
 * TEST_DATABASE_URL is set) the way a channel does: neutral inbounds in, outbox rows out.
 * `Chat` plays one person: it types, clicks the buttons of the last question, fills forms.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createCore, type HandleResult, type MentorBridgeCore } from '../../src/core/app.js';
import type { Feature } from '../../src/core/kernel/feature.js';
import { withoutMarksIn } from '../../src/core/kernel/rich-text.js';
import type { Outbound, Platform } from '../../src/core/messages.js';
import type { Store } from '../../src/core/ports.js';
import { CatalogueTexts, loadCatalogues } from '../../src/i18n/texts.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaStore } from '../../src/store/prisma-store.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { TestClock } from './clock.js';
import { createTestDatabase, type TestBackend } from './db.js';

export const texts = new CatalogueTexts(loadCatalogues(join(import.meta.dirname, '../../prompts')), 'nb', 'Europe/Oslo');

export interface Harness {
  prisma: PrismaClient;
  store: Store;
  core: MentorBridgeCore;
  clock: TestClock;
  /** Creates an organisation and returns its id. */
  organisation(platform?: Platform, externalId?: string): Promise<string>;
  chat(user: string, opts?: { locale?: string; platform?: Platform; tenant?: string; displayName?: string }): Chat;
  close(): Promise<void>;
}

export interface HarnessOptions {
  features?: readonly Feature[];
  backend?: TestBackend;
  /** Every log line the core writes goes here (at debug level: everything); without it the core logs nothing. */
  logTo?: string[];
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const db = await createTestDatabase(options.backend ? { backend: options.backend } : {});
  const clock = new TestClock();
  const ids = createIdSource(() => clock.now().getTime());
  const store = new PrismaStore(db.prisma, { ids, clock });
  const logTo = options.logTo;
  const log = logTo ? createLogger('debug', (line) => logTo.push(line)) : createLogger('silent');
  const core = createCore({ store, clock, ids, texts, log, defaults: { locale: 'nb', timeZone: 'Europe/Oslo' }, ...(options.features ? { features: options.features } : {}) });
  return {
    prisma: db.prisma,
    store,
    core,
    clock,
    async organisation(platform = 'playground', externalId = 'demo') {
      const id = ids.next();
      await store.transaction((r) => r.organisations.create({ id, name: `Org ${externalId}`, platform, externalId }));
      return id;
    },
    chat: (user, opts = {}) => new Chat(core, db.prisma, user, opts),
    close: () => db.close(),
  };
}

export class Chat {
  private seen = 0;
  constructor(
    private readonly core: MentorBridgeCore,
    private readonly prisma: PrismaClient,
    readonly user: string,
    private readonly opts: { locale?: string; platform?: Platform; tenant?: string; displayName?: string },
  ) {}

  private send(event: unknown, dedupeKey: string = randomUUID()): Promise<HandleResult> {
    return this.core.handleInbound({
      dedupeKey,
      platform: this.opts.platform ?? 'playground',
      tenant: this.opts.tenant ?? 'demo',
      user: { externalId: this.user, displayName: this.opts.displayName ?? this.user, ...(this.opts.locale ? { locale: this.opts.locale } : {}) },
      event,
    });
  }

  say(text: string, dedupeKey?: string) {
    return this.send({ kind: 'text', text }, dedupeKey);
  }
  open() {
    return this.send({ kind: 'opened' });
  }
  /** Clicks the option(s) of the newest question (or of `promptId`). */
  async click(values: string | string[], promptId?: string, dedupeKey?: string) {
    return this.send({ kind: 'choice', promptId: promptId ?? (await this.lastPromptId()), values: Array.isArray(values) ? values : [values] }, dedupeKey);
  }
  async submit(values: Record<string, string | string[]>, promptId?: string) {
    return this.send({ kind: 'form', promptId: promptId ?? (await this.lastPromptId()), values });
  }

  /** Every message this person has received, oldest first, as a person reads it (no literal marks). */
  async all(): Promise<Outbound[]> {
    // Every channel's renderer takes the core's literal marks out last (rich-text.ts).
    return (await this.stored()).map((m) => withoutMarksIn(m));
  }

  /** Every message as the outbox holds it, literal marks included: what a channel's renderer is given. */
  async stored(): Promise<Outbound[]> {
    const identity = await this.prisma.channelIdentity.findFirst({ where: { externalUserId: this.user, platform: this.opts.platform ?? 'playground' } });
    if (!identity) return [];
    const rows = await this.prisma.outboxMessage.findMany({ where: { personId: identity.personId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return rows.map((r) => r.payload as unknown as Outbound);
  }

  /** Messages received since the last call. */
  async replies(): Promise<Outbound[]> {
    const all = await this.all();
    const fresh = all.slice(this.seen);
    this.seen = all.length;
    return fresh;
  }

  async text(): Promise<string> {
    return (await this.replies()).map((m) => m.text).join('\n---\n');
  }

  async lastPrompt(): Promise<NonNullable<Outbound['prompt']>> {
    const withPrompt = (await this.all()).filter((m) => m.prompt);
    const last = withPrompt[withPrompt.length - 1]?.prompt;
    if (!last) throw new Error(`${this.user} has no question to answer`);
    return last;
  }
  /** The person behind this chat (after their first message). */
  async personId(): Promise<string> {
    const identity = await this.prisma.channelIdentity.findFirstOrThrow({ where: { externalUserId: this.user, platform: this.opts.platform ?? 'playground' } });
    return identity.personId;
  }

  async lastPromptId(): Promise<string> {
    return (await this.lastPrompt()).id;
  }
}
