/**
 * What every listener needs, and the two ways they hand an Inbound to the core. Listeners hold no
 * business logic: they parse, build the neutral Inbound and pass it on.
 *
 * Acknowledging means "stored": Bolt runs with processBeforeResponse (index.ts), so Slack gets its
 * 200 only when the listener has returned, and a listener returns only once the inbound is in the
 * inbox (src/core/inbox/). The work runs after the 200. A listener that throws — the database is
 * down — makes Bolt answer 500, and Slack delivers the event again.
 */
import type { HandleResult, MentorBridgeCore, Viewer } from '../../../core/app.js';
import type { Inbox, AcceptOptions } from '../../../core/inbox/inbox.js';
import type { Inbound } from '../../../core/messages.js';
import type { Logger, Texts } from '../../../core/ports.js';
import type { WorkspaceQuery } from '../clients.js';
import type { SlackProfiles } from '../profiles.js';

export interface ListenerDeps {
  core: Pick<MentorBridgeCore, 'handleInbound' | 'home' | 'currentQuestion'>;
  /** Where inbounds are stored before Slack's 200, and worked after it; reads take their turn there too. */
  inbox: Pick<Inbox, 'accept' | 'run'>;
  log: Logger;
  texts: Texts;
  defaultLocale: string;
  /** What Slack says about a person (language, time zone, admin): users.info, cached (profiles.ts). */
  profiles: Pick<SlackProfiles, 'get' | 'peek'>;
  /** The app was uninstalled from a workspace (lifecycle.ts): stop sending there; the organisation's id. */
  workspaces?: { removed(query: WorkspaceQuery): Promise<string | null> } | undefined;
}

/** One more try after a thrown error (a transaction timeout under load) while Slack waits for a modal's answer. */
const RETRY_AFTER_MS = 500;

/**
 * Stores `inbound` in the inbox; its work follows after Slack's 200 (with the person's profile,
 * added just before: index.ts). Throws when it could not be stored, so that Slack hears an error
 * instead of "received". `after` is told how the work came out, when it runs in this process.
 */
export async function accept(deps: ListenerDeps, inbound: Inbound, after?: AcceptOptions['after']): Promise<void> {
  const outcome = await deps.inbox.accept(inbound, after ? { after } : {});
  if (outcome.status === 'invalid') deps.log.warn('slack event not accepted by the core', { tenant: inbound.tenant, issues: outcome.issues });
}

/**
 * Works `inbound` now, before the acknowledgement, because the acknowledgement carries the answer
 * (a modal's field errors). The unit of work writes its inbox row done; nothing is stored before,
 * so a throw here (after one more try) reaches Slack as an error and the person submits again.
 */
export async function handleNow(deps: ListenerDeps, inbound: Inbound): Promise<HandleResult> {
  const result = await deps.inbox.run(async () => {
    const known = await withProfile(deps, inbound, true);
    return withOneRetry(() => deps.core.handleInbound(known));
  }, true);
  if (result.status === 'unknown-organisation') deps.log.warn('slack event from an unregistered workspace dropped', { tenant: inbound.tenant, kind: inbound.event.kind });
  if (result.status === 'invalid') deps.log.warn('slack event not accepted by the core', { tenant: inbound.tenant, issues: result.issues });
  return result;
}

/**
 * The inbound or viewer with what Slack says about the person. Waits for users.info at most a
 * moment, and not at all for `urgent` work (an ack that carries the answer, a trigger id about to
 * expire), which takes only what is already known.
 */
export async function withProfile<T extends Viewer>(deps: Pick<ListenerDeps, 'profiles'>, who: T, urgent = false): Promise<T> {
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
