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
import { inboundSchema, type Platform } from './messages.js';
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

export interface MentorBridgeCore {
  /** Validates `raw` with the inbound schema; never throws for bad input. */
  handleInbound(raw: unknown): Promise<HandleResult>;
  readonly engine: FlowEngine;
}

/** A concurrent click loses the optimistic lock; on the retry it is seen as stale. */
const ATTEMPTS = 3;

export function createCore(deps: CoreDeps): MentorBridgeCore {
  const engine = new FlowEngine(ALL_FLOWS);
  const conversation = new Conversation(engine, new CommandParser(deps.texts));

  async function once(raw: unknown): Promise<HandleResult> {
    const parsed = inboundSchema.safeParse(raw);
    if (!parsed.success) return { status: 'invalid', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
    const inbound = parsed.data;
    return deps.store.transaction(async (repos) => {
      const org = await repos.organisations.findByExternal(inbound.platform, inbound.tenant);
      if (!org) return { status: 'unknown-organisation' } as const;
      if (!(await repos.processed.markProcessed(org.id, `${inbound.platform}:${inbound.dedupeKey}`))) {
        return { status: 'duplicate', organisationId: org.id } as const;
      }
      const person = await resolvePerson(repos, org, inbound, deps.ids, deps.texts, deps.defaults);
      const turn = new Turn(repos, org, person, deps.clock, deps.ids, deps.texts);
      const outcome = await conversation.handle(turn, inbound.event);
      const createdAt = deps.clock.now();
      for (const { personId, message } of turn.outbox) {
        const platform = personId === person.id ? inbound.platform : await platformOf(repos, org.id, personId, inbound.platform);
        // Messages of one millisecond keep their order by id: ids increase within a process.
        await repos.outbox.enqueue({ id: deps.ids.next(), organisationId: org.id, personId, platform, payload: message, nextAttemptAt: createdAt, createdAt });
      }
      deps.log.info('inbound handled', { organisationId: org.id, personId: person.id, kind: inbound.event.kind, outcome: outcome?.status ?? 'done', replies: turn.outbox.length });
      return { status: 'handled', organisationId: org.id, personId: person.id, ...(outcome?.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) } as const;
    });
  }

  return {
    engine,
    async handleInbound(raw) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const result = await once(raw);
          if (result.status === 'handled') deps.onOutbox?.();
          return result;
        } catch (error) {
          if (!(error instanceof ConcurrentUpdateError) || attempt >= ATTEMPTS) throw error;
          deps.log.info('concurrent update, retrying inbound', { attempt });
        }
      }
    },
  };
}

/** A person is reached on the platform they are known on; the sender's platform otherwise. */
async function platformOf(repos: Repos, orgId: string, personId: string, fallback: Platform): Promise<Platform> {
  const identities = await repos.identities.listForPerson(orgId, personId);
  return identities[0]?.platform ?? fallback;
}
