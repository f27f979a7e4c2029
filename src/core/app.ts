/**
 * The core's front door: channels call `handleInbound` with what the platform sent; the core
 * validates it, does the work and writes the replies to the outbox, all in one transaction,
 * then calls `onOutbox` so the dispatcher delivers. The same transaction marks the delivery done
 * in the inbox (the row Slack's channel stored before acknowledging, or a new one), so a platform
 * retry of the same delivery, or a second worker on its row, does nothing.
 */
import type { Organisation } from './domain.js';
import type { FlowEngine } from './engine/engine.js';
import { Turn } from './engine/turn.js';
import { ALL_FEATURES } from './features/index.js';
import { buildHome, type HomeView } from './features/help/home.js';
import { Router } from './interactions/router.js';
import type { Feature } from './kernel/feature.js';
import { type PeopleDefaults, resolvePerson } from './kernel/people.js';
import { isQuestionId, openQuestionFor } from './kernel/questions.js';
import { Registry } from './kernel/registry.js';
import { type UnitResult, Units } from './kernel/unit-of-work.js';
import { type Inbound, inboundSchema, type Outbound, type Platform } from './messages.js';
import type { Clock, IdSource, Logger, Repos, Store, Texts } from './ports.js';

export interface CoreDeps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  texts: Texts;
  log: Logger;
  defaults: PeopleDefaults;
  /** Called after a transaction wrote outbox messages. */
  onOutbox?: () => void;
  /** The features to run; all of them (features/index.ts) unless a test brings its own. */
  features?: readonly Feature[];
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
  /**
   * Several inbounds from different people (the inbox's backlog), in one transaction when they
   * all succeed; each result (or error) in the order given. See Units.runMany.
   */
  handleInbounds(raws: readonly unknown[]): Promise<Array<PromiseSettledResult<HandleResult>>>;
  /** Adds an organisation (a Slack workspace on install, a Teams tenant); returns the existing one if known. */
  registerOrganisation(org: Omit<Organisation, 'id'>): Promise<Organisation>;
  /** The person's home view (Slack App Home); null for an unknown organisation. */
  home(viewer: Viewer): Promise<HomeView | null>;
  /**
   * The question behind `promptId` if the person may still answer it (their conversation's
   * current question, or an open question of theirs): channels that open a form in a dialog
   * (Slack modals) read the form from here. Null when the prompt is stale or unknown.
   */
  currentQuestion(viewer: Viewer, promptId: string): Promise<Outbound | null>;
  readonly engine: FlowEngine;
  /** Every entry's unit of work (jobs and batches use it too). */
  readonly units: Units;
  /** What the features contribute (the job runner finds job kinds here). */
  readonly registry: Registry;
}

/** Organisations kept in memory (they never change once created); the oldest is dropped beyond this. */
const ORGANISATION_CACHE_SIZE = 1000;

export function createCore(deps: CoreDeps): MentorBridgeCore {
  const registry = new Registry(deps.features ?? ALL_FEATURES);
  const engine = registry.engine;
  const router = new Router(registry, deps.texts);
  const units = new Units({ ...deps, registry });
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

  const turnOf = (repos: Repos, org: Organisation, person: Turn['person'], created = false, isAdmin?: boolean) =>
    new Turn(repos, org, person, deps.clock, deps.ids, deps.texts, registry, created, isAdmin);

  /** One inbound, as the body of one unit of work: find the sender, mark it done in the inbox, route, write the replies. */
  function bodyFor(inbound: Inbound): (repos: Repos) => Promise<UnitResult<HandleResult>> {
    return async (repos) => {
      const org = await findOrganisation(repos, inbound.platform, inbound.tenant);
      if (!org) return { result: { status: 'unknown-organisation' } };
      const received = await repos.inbox.receive({
        organisationId: org.id,
        platform: inbound.platform,
        tenant: inbound.tenant,
        dedupeKey: inbound.dedupeKey,
        externalUserId: inbound.user.externalId,
      });
      if (!received.fresh) return { result: { status: 'duplicate', organisationId: org.id } };
      const { person, created } = await resolvePerson(repos, org, inbound, deps.ids, deps.texts, deps.defaults, received.known);
      const turn = turnOf(repos, org, person, created, inbound.user.isAdmin);
      const outcome = await router.handle(turn, inbound.event, received.active);
      deps.log.info('inbound handled', { organisationId: org.id, personId: person.id, kind: inbound.event.kind, outcome: outcome?.status ?? 'done', replies: turn.envelopes().length });
      const fieldErrors = outcome?.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {};
      return { result: { status: 'handled', organisationId: org.id, personId: person.id, ...fieldErrors }, work: turn, platform: inbound.platform };
    };
  }

  const invalid = (issues: { path: PropertyKey[]; message: string }[]): HandleResult => ({ status: 'invalid', issues: issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });

  /** Runs a read for a viewer: finds their organisation and person (creating the person on first contact). */
  function asViewer<T>(viewer: Viewer, read: (turn: Turn) => Promise<T>): Promise<T | null> {
    const parsed = inboundSchema.pick({ platform: true, tenant: true, user: true }).parse(viewer);
    return deps.store.transaction(async (repos) => {
      const org = await findOrganisation(repos, parsed.platform, parsed.tenant);
      if (!org) return null;
      const { person } = await resolvePerson(repos, org, { ...parsed, dedupeKey: 'view', event: { kind: 'opened' } }, deps.ids, deps.texts, deps.defaults);
      return read(turnOf(repos, org, person));
    });
  }

  return {
    engine,
    units,
    registry,
    registerOrganisation: (org) =>
      units.run(async (repos) => ({ result: (await findOrganisation(repos, org.platform, org.externalId)) ?? (await repos.organisations.create({ ...org, id: deps.ids.next() })) }), 'organisation'),
    home: (viewer) => asViewer(viewer, (turn) => buildHome(turn)),
    currentQuestion: async (viewer, promptId) =>
      (await asViewer(viewer, async (turn) => {
        if (isQuestionId(promptId)) return openQuestionFor(turn, promptId);
        const run = await turn.repos.flowRuns.findActive(turn.organisation.id, turn.person.id);
        return run && run.promptId === promptId ? engine.currentQuestion(turn, run) : null;
      })) ?? null,
    async handleInbound(raw) {
      const parsed = inboundSchema.safeParse(raw);
      if (!parsed.success) return invalid(parsed.error.issues);
      return units.run(bodyFor(parsed.data), 'inbound');
    },
    async handleInbounds(raws) {
      const parsed = raws.map((raw) => inboundSchema.safeParse(raw));
      const valid = parsed.flatMap((p) => (p.success ? [p.data] : []));
      const worked = valid.length > 0 ? await units.runMany(valid.map(bodyFor), 'inbounds') : [];
      let next = 0;
      return parsed.map((p): PromiseSettledResult<HandleResult> => (p.success ? (worked[next++] as PromiseSettledResult<HandleResult>) : { status: 'fulfilled', value: invalid(p.error.issues) }));
    },
  };
}
