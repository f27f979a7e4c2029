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
          wrote = work ? await this.flush(repos, work, platform) : false;
          return result;
        }),
      what,
    );
    if (wrote) this.deps.onOutbox?.();
    return result;
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

  /** Writes the work's messages to the outbox in one statement; true when there were any. */
  private async flush(repos: Repos, work: Work, platform?: Platform): Promise<boolean> {
    if (work.outbox.length === 0) return false;
    const orgId = work.organisation.id;
    const createdAt = this.deps.clock.now();
    const platforms = new Map<string, Platform>();
    const entries: Parameters<Repos['outbox']['enqueueMany']>[0] = [];
    for (const { personId, message } of work.outbox) {
      let to = platforms.get(personId) ?? (personId === (work as { person?: { id: string } }).person?.id ? platform : undefined);
      if (!to) to = (await repos.identities.listForPerson(orgId, personId))[0]?.platform ?? platform ?? work.organisation.platform;
      platforms.set(personId, to);
      const payload = await this.storeAttachments(repos, orgId, personId, message, createdAt);
      // Messages of one millisecond keep their order by id: ids increase within a process.
      entries.push({ id: this.deps.ids.next(), organisationId: orgId, personId, platform: to, payload, nextAttemptAt: createdAt, createdAt });
    }
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
