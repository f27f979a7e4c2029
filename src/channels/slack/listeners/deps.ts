/**
 * What every listener needs, and the one way they hand an Inbound to the core. Listeners hold no
 * business logic: they parse, build the neutral Inbound and pass it on.
 */
import type { HandleResult, MentorBridgeCore, Viewer } from '../../../core/app.js';
import type { Inbound } from '../../../core/messages.js';
import type { Logger, Texts } from '../../../core/ports.js';
import type { SlackProfiles } from '../profiles.js';
import type { WorkQueue } from '../work-queue.js';

export interface ListenerDeps {
  core: Pick<MentorBridgeCore, 'handleInbound' | 'home' | 'currentQuestion'>;
  log: Logger;
  texts: Texts;
  defaultLocale: string;
  /** Where the core's work waits its turn after Slack has its ack (work-queue.ts). */
  queue: WorkQueue;
  /** What Slack says about a person (language, time zone, admin): users.info, cached (profiles.ts). */
  profiles: Pick<SlackProfiles, 'get' | 'peek'>;
}

/** One more try after a thrown error (a transaction timeout under load): Slack will not resend, it has its ack. */
const RETRY_AFTER_MS = 500;

/**
 * Hands `inbound` to the core. Never throws: by now Slack has its acknowledgement, and an error
 * thrown from a listener would only reach Bolt's logger. Unknown workspaces get no service.
 */
export async function deliver(deps: ListenerDeps, inbound: Inbound, urgent = false): Promise<HandleResult | null> {
  try {
    // The users.info lookup waits its turn in the queue too: under a burst, unbounded lookups in
    // flight would fill every turn of the event loop with their callbacks and make acks late.
    const result = await deps.queue.run(async () => {
      const known = await withProfile(deps, inbound, urgent);
      return withOneRetry(() => deps.core.handleInbound(known));
    }, urgent);
    if (result.status === 'unknown-organisation') deps.log.warn('slack event from an unregistered workspace dropped', { tenant: inbound.tenant, kind: inbound.event.kind });
    if (result.status === 'invalid') deps.log.warn('slack event not accepted by the core', { tenant: inbound.tenant, issues: result.issues });
    return result;
  } catch (error) {
    deps.log.error('slack event failed', { tenant: inbound.tenant, kind: inbound.event.kind, reason: error instanceof Error ? error.message : String(error) });
    return null;
  }
}

/**
 * The inbound or viewer with what Slack says about the person. Called after the ack; waits for
 * users.info at most a moment, and not at all for `urgent` work (an ack that carries the answer,
 * a trigger id about to expire), which takes only what is already known.
 */
export async function withProfile<T extends Viewer>(deps: ListenerDeps, who: T, urgent = false): Promise<T> {
  const profile = urgent ? deps.profiles.peek(who.tenant, who.user.externalId) : await deps.profiles.get(who.tenant, who.user.externalId);
  return { ...who, user: { ...who.user, ...profile } };
}

/** The dedupe key makes the second try safe: if the first did commit, the core answers "duplicate". */
async function withOneRetry<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch {
    await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
    return work();
  }
}

/** Logs a payload that did not parse, by its zod issue paths only (never the values). */
export function rejected(deps: ListenerDeps, what: string, issues: { path: PropertyKey[] }[]): void {
  deps.log.warn('slack payload ignored', { what, fields: issues.map((i) => i.path.join('.')).join(', ') });
}
