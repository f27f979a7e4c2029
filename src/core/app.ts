/**
 * The core's front door: channels call `handleInbound` with what the platform sent; the core
 * validates it, does the work and writes the replies to the outbox, all in one transaction,
 * then calls `onOutbox` so the dispatcher delivers. A platform retry of the same delivery finds
 * its dedupe key already recorded and does nothing.
 */
import { CommandParser } from './commands.js';
import { Conversation } from './conversation.js';
import { FlowEngine } from './engine/engine.js';
import { Turn } from './engine/turn.js';
import { ALL_FLOWS } from './flows/index.js';
import type { Organisation } from './domain.js';
import { type HomeView, buildHome } from './home.js';
import { type Inbound, inboundSchema, type Outbound, type Platform } from './messages.js';
import { type PeopleDefaults, resolvePerson } from './people.js';
import { type Clock, ConcurrentUpdateError, type IdSource, type Logger, type Repos, type Store, type Texts } from './ports.js';

export interface CoreDeps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  texts: Texts;
  log: Logger;
  defaults: PeopleDefaults;
  /** Called after a transaction wrote outbox messages. */
  onOutbox?: () => void;
}

export type HandleResult =
  | { status: 'handled'; organisationId: string; personId: string; fieldErrors?: Record<string, string> }
  | { status: 'duplicate'; organisationId: string }
  | { status: 'invalid'; issues: string }
  | { status: 'unknown-organisation' };

/** Who is asking, for the read-only calls (no dedupe key: reading twice is harmless). */
export type Viewer = Pick<Inbound, 'platform' | 'tenant' | 'user'>;

export interface MentorBridgeCore {
  /** Validates `raw` with the inbound schema; never throws for bad input. */
  handleInbound(raw: unknown): Promise<HandleResult>;
  /** Adds an organisation (a Slack workspace on install, a Teams tenant); returns the existing one if known. */
  registerOrganisation(org: Omit<Organisation, 'id'>): Promise<Organisation>;
  /** The person's home view (Slack App Home); null for an unknown organisation. */
  home(viewer: Viewer): Promise<HomeView | null>;
  /**
   * The question the person's flow waits on, if it is `promptId`: channels that open a form in a
   * dialog (Slack modals) read the form from here. Null when the prompt is stale or unknown.
   */
  currentQuestion(viewer: Viewer, promptId: string): Promise<Outbound | null>;
  readonly engine: FlowEngine;
}

/**
 * A concurrent click loses the optimistic lock, a concurrent first contact the unique key; on the
 * retry the click is seen as stale, and the person or organisation is found.
 */
const ATTEMPTS = 3;
/** Organisations kept in memory (they never change once created); the oldest is dropped beyond this. */
const ORGANISATION_CACHE_SIZE = 1000;

export function createCore(deps: CoreDeps): MentorBridgeCore {
  const engine = new FlowEngine(ALL_FLOWS);
  const conversation = new Conversation(engine, new CommandParser(deps.texts));
  // Organisations are immutable once created, so a found one is kept: one query less per inbound.
  // Only rows read from the database are cached (never one created in a transaction that may roll back).
  const organisations = new Map<string, Organisation>();
  async function findOrganisation(repos: Repos, platform: Platform, externalId: string): Promise<Organisation | null> {
    const key = `${platform}\u0000${externalId}`;
    const cached = organisations.get(key);
    if (cached) return cached;
    const org = await repos.organisations.findByExternal(platform, externalId);
    if (org) {
      if (organisations.size >= ORGANISATION_CACHE_SIZE) organisations.delete(organisations.keys().next().value as string);
      organisations.set(key, org);
    }
    return org;
  }

  async function once(raw: unknown): Promise<HandleResult> {
    const parsed = inboundSchema.safeParse(raw);
    if (!parsed.success) return { status: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const inbound = parsed.data;
    return deps.store.transaction(async (repos) => {
      const org = await findOrganisation(repos, inbound.platform, inbound.tenant);
      if (!org) return { status: 'unknown-organisation' } as const;
      const received = await repos.processed.receive({
        organisationId: org.id,
        dedupeKey: `${inbound.platform}:${inbound.dedupeKey}`,
        platform: inbound.platform,
        externalUserId: inbound.user.externalId,
      });
      if (!received.fresh) return { status: 'duplicate', organisationId: org.id } as const;
      const { person, created } = await resolvePerson(repos, org, inbound, deps.ids, deps.texts, deps.defaults, received.known);
      const turn = new Turn(repos, org, person, deps.clock, deps.ids, deps.texts, created, inbound.user.isAdmin);
      const outcome = await conversation.handle(turn, inbound.event, received.active);
      const createdAt = deps.clock.now();
      const entries: Parameters<Repos['outbox']['enqueueMany']>[0] = [];
      for (const { personId, message } of turn.outbox) {
        const platform = personId === person.id ? inbound.platform : await platformOf(repos, org.id, personId, inbound.platform);
        // Messages of one millisecond keep their order by id: ids increase within a process.
        entries.push({ id: deps.ids.next(), organisationId: org.id, personId, platform, payload: message, nextAttemptAt: createdAt, createdAt });
      }
      await repos.outbox.enqueueMany(entries); // one statement for the whole turn
      deps.log.info('inbound handled', { organisationId: org.id, personId: person.id, kind: inbound.event.kind, outcome: outcome?.status ?? 'done', replies: turn.outbox.length });
      return { status: 'handled', organisationId: org.id, personId: person.id, ...(outcome?.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) } as const;
    });
  }

  /** Runs a read for a viewer: finds their organisation and person (creating the person on first contact). */
  function asViewer<T>(viewer: Viewer, read: (turn: Turn) => Promise<T>): Promise<T | null> {
    const parsed = inboundSchema.pick({ platform: true, tenant: true, user: true }).parse(viewer);
    return deps.store.transaction(async (repos) => {
      const org = await findOrganisation(repos, parsed.platform, parsed.tenant);
      if (!org) return null;
      const { person } = await resolvePerson(repos, org, { ...parsed, dedupeKey: 'view', event: { kind: 'opened' } }, deps.ids, deps.texts, deps.defaults);
      return read(new Turn(repos, org, person, deps.clock, deps.ids, deps.texts));
    });
  }

  /** Runs `work` again when it lost to a concurrent transaction (the retry sees what the winner wrote). */
  async function retrying<T>(work: () => Promise<T>, what: string): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError) || attempt >= ATTEMPTS) throw error;
        deps.log.info(`concurrent update, retrying ${what}`, { attempt });
      }
    }
  }

  return {
    engine,
    registerOrganisation: (org) =>
      retrying(
        () => deps.store.transaction(async (repos) => (await findOrganisation(repos, org.platform, org.externalId)) ?? repos.organisations.create({ ...org, id: deps.ids.next() })),
        'organisation',
      ),
    home: (viewer) => asViewer(viewer, (turn) => buildHome(turn, engine)),
    currentQuestion: async (viewer, promptId) =>
      (await asViewer(viewer, async (turn) => {
        const run = await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
        return run && run.promptId === promptId ? engine.currentQuestion(turn, run) : null;
      })) ?? null,
    async handleInbound(raw) {
      const result = await retrying(() => once(raw), 'inbound');
      if (result.status === 'handled') deps.onOutbox?.();
      return result;
    },
  };
}

/** A person is reached on the platform they are known on; the sender's platform otherwise. */
async function platformOf(repos: Repos, orgId: string, personId: string, fallback: Platform): Promise<Platform> {
  const identities = await repos.identities.listForPerson(orgId, personId);
  return identities[0]?.platform ?? fallback;
}
