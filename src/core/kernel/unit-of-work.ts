/**
 * One unit of work, for every entry: a person's inbound, a scheduled job, a coordinator's batch,
 * a test. Find the actor, open one transaction, do the work, write its messages to the outbox
 * (moving attached bytes into StoredFile), commit, then kick the dispatcher. Nothing is sent
 * before the commit, and a unit that loses a race (ConcurrentUpdateError) runs again from the
 * start, seeing what the winner wrote.
 */
import type { Organisation } from '../domain.js';
import { MAX_ATTACHMENT_BYTES, type Outbound, type Platform } from '../messages.js';
import { type Clock, ConcurrentUpdateError, type IdSource, type Logger, type Repos, type Store, type Texts } from '../ports.js';
import type { Registry } from './registry.js';
import { Work } from './work.js';

export interface UnitDeps {
  store: Store;
  clock: Clock;
  ids: IdSource;
  texts: Texts;
  log: Logger;
  registry: Registry;
  /** Called after a commit that wrote outbox messages. */
  onOutbox?: () => void;
}

/** What a unit's body returns: its result, and the work whose messages to write (none: nothing to send). */
export interface UnitResult<T> {
  result: T;
  work?: Work | null;
  /** The platform of the person who spoke, for their own replies (others: where they are known). */
  platform?: Platform;
}

/** A lost race is retried this many times in all; the retry sees the winner's rows. */
const ATTEMPTS = 3;

/** Thrown by a unit that names an organisation that does not exist. */
export class UnknownOrganisationError extends Error {}

/** An attachment over MAX_ATTACHMENT_BYTES is a programming error in a feature, not a person's mistake. */
export class AttachmentTooLargeError extends Error {}

export class Units {
  constructor(private readonly deps: UnitDeps) {}

  /** The general form: `body` finds its actor inside the transaction and returns the work done. */
  async run<T>(body: (repos: Repos) => Promise<UnitResult<T>>, what = 'unit'): Promise<T> {
    let wrote = false;
    const result = await this.retrying(
      () =>
        this.deps.store.transaction(async (repos) => {
          const { result, work, platform } = await body(repos);
          wrote = work ? await this.flush(repos, [{ work, platform }]) : false;
          return result;
        }),
      what,
    );
    if (wrote) this.deps.onOutbox?.();
    return result;
  }

  /**
   * Several units in one transaction — a batch of inbounds from different people, worked
   * together under load: one BEGIN and COMMIT and one outbox INSERT for all of them, where each
   * statement is a round trip (and on the embedded database a turn of its one session). All of
   * them commit, or none: if any throws (or loses a race), the batch rolls back and each runs
   * again on its own, so one cannot hold back or undo the others. Results in the bodies' order.
   */
  async runMany<T>(bodies: ReadonlyArray<(repos: Repos) => Promise<UnitResult<T>>>, what = 'units'): Promise<Array<PromiseSettledResult<T>>> {
    const alone = (body: (repos: Repos) => Promise<UnitResult<T>>) => this.run(body, what).then((value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }), (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }));
    const [only] = bodies;
    if (bodies.length === 1 && only) return [await alone(only)];
    let wrote = false;
    try {
      const results = await this.deps.store.transaction(async (repos) => {
        const done: Array<UnitResult<T>> = [];
        for (const body of bodies) done.push(await body(repos));
        wrote = await this.flush(repos, done.flatMap(({ work, platform }) => (work ? [{ work, platform }] : [])));
        return done.map((d): PromiseSettledResult<T> => ({ status: 'fulfilled', value: d.result }));
      });
      if (wrote) this.deps.onOutbox?.();
      return results;
    } catch (error) {
      this.deps.log.info(`batch of ${what} rolled back, running each alone`, { count: bodies.length, reason: error instanceof Error ? error.message : String(error) });
      const results: Array<PromiseSettledResult<T>> = [];
      for (const body of bodies) results.push(await alone(body));
      return results;
    }
  }

  /** Work with no person behind it (a job, a batch), in an organisation. */
  forOrganisation<T>(organisationId: string, work: (w: Work) => Promise<T>, what = 'organisation work'): Promise<T> {
    return this.run(async (repos) => {
      const organisation = await repos.organisations.get(organisationId);
      if (!organisation) throw new UnknownOrganisationError(`organisation ${organisationId} not found`);
      const w = this.work(repos, organisation);
      return { result: await work(w), work: w };
    }, what);
  }

  /** A fresh context over a transaction's repositories. */
  work(repos: Repos, organisation: Organisation): Work {
    const { clock, ids, texts, registry } = this.deps;
    return new Work(repos, organisation, clock, ids, texts, registry);
  }

  private async retrying<T>(attempt: () => Promise<T>, what: string): Promise<T> {
    for (let n = 1; ; n += 1) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ConcurrentUpdateError) || n >= ATTEMPTS) throw error;
        this.deps.log.info(`concurrent update, retrying ${what}`, { attempt: n });
      }
    }
  }

  /** Writes the works' messages to the outbox in one statement; true when there were any. */
  private async flush(repos: Repos, works: ReadonlyArray<{ work: Work; platform?: Platform | undefined }>): Promise<boolean> {
    const createdAt = this.deps.clock.now();
    const entries: Parameters<Repos['outbox']['enqueueMany']>[0] = [];
    for (const { work, platform } of works) {
      const orgId = work.organisation.id;
      const envelopes = work.envelopes();
      const actor = (work as { person?: { id: string } }).person?.id;
      // The actor hears back where they wrote; everyone else where they first met the bot, read
      // for all of them in one statement (a job telling 500 people made 500 lookups).
      const others = envelopes.map((e) => e.personId).filter((id) => id !== actor || !platform);
      const platforms = others.length > 0 ? await repos.identities.firstPlatforms(orgId, others) : new Map<string, Platform>();
      for (const { personId, message } of envelopes) {
        const to = (personId === actor ? platform : undefined) ?? platforms.get(personId) ?? platform ?? work.organisation.platform;
        const payload = await this.storeAttachments(repos, orgId, personId, message, createdAt);
        // Messages of one millisecond keep their order by id: ids increase within a process.
        entries.push({ id: this.deps.ids.next(), organisationId: orgId, personId, platform: to, payload, nextAttemptAt: createdAt, createdAt });
      }
    }
    if (entries.length === 0) return false;
    await repos.outbox.enqueueMany(entries);
    return true;
  }

  /** Moves an image's or file's bytes into StoredFile, leaving their id in the payload. */
  private async storeAttachments(repos: Repos, organisationId: string, personId: string, message: Outbound, now: Date): Promise<Outbound> {
    let out = message;
    for (const part of ['image', 'file'] as const) {
      const attachment = out[part];
      if (!attachment?.data) continue;
      const bytes = Buffer.from(attachment.data, 'base64');
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw new AttachmentTooLargeError(`${part} of ${bytes.length} bytes is over ${MAX_ATTACHMENT_BYTES}`);
      const id = this.deps.ids.next();
      const name = 'name' in attachment ? attachment.name : `image.${attachment.mediaType.split('/')[1] ?? 'png'}`;
      await repos.files.save({ id, organisationId, personId, name, mediaType: attachment.mediaType, bytes, createdAt: now });
      const { data: _bytes, ...rest } = attachment;
      out = { ...out, [part]: { ...rest, fileId: id, size: bytes.length } };
    }
    return out;
  }
}
