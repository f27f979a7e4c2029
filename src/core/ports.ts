/**
 * What the core needs from the outside world, as interfaces. src/store implements the
 * repositories with Prisma; test/support has in-memory versions. Every method that touches
 * organisation-owned data takes the organisation id: nobody reads across organisations.
 */
import type {
  AnswerValue,
  AuditEntry,
  ChannelIdentity,
  FlowRun,
  NewJob,
  OpenQuestion,
  Organisation,
  OutboxEntry,
  Person,
  ScheduledJob,
  StoredFile,
} from './domain.js';
import type { FeatureRepos } from './features/index.js';
import type { Platform } from './messages.js';

export interface Clock {
  now(): Date;
}

export interface IdSource {
  /** A new unique id (sortable by creation where the source can). */
  next(): string;
  /** A join code people can type: short, unambiguous letters and digits. */
  joinCode(): string;
}

export interface OrganisationRepo {
  findByExternal(platform: Platform, externalId: string): Promise<Organisation | null>;
  get(id: string): Promise<Organisation | null>;
  create(org: Organisation): Promise<Organisation>;
}

export interface PersonRepo {
  get(organisationId: string, id: string): Promise<Person | null>;
  create(person: Person): Promise<Person>;
  update(organisationId: string, id: string, patch: Partial<Pick<Person, 'displayName' | 'locale' | 'timeZone'>>): Promise<Person>;
}

export interface IdentityRepo {
  find(organisationId: string, platform: Platform, externalUserId: string): Promise<ChannelIdentity | null>;
  /** The identity and its person, read together (one round trip); null when either is missing. */
  findWithPerson(organisationId: string, platform: Platform, externalUserId: string): Promise<{ identity: ChannelIdentity; person: Person } | null>;
  listForPerson(organisationId: string, personId: string): Promise<ChannelIdentity[]>;
  /** Each person's first identity's platform (as listForPerson orders them), for many people in one statement; people with none are left out. */
  firstPlatforms(organisationId: string, personIds: readonly string[]): Promise<Map<string, Platform>>;
  create(identity: ChannelIdentity): Promise<ChannelIdentity>;
  /**
   * A new person and their first identity, in one statement (first contact). Throws
   * ConcurrentUpdateError when the identity exists already (two first messages at once).
   */
  createWithPerson(person: Person, identity: ChannelIdentity): Promise<void>;
  updateAddress(organisationId: string, id: string, address: unknown): Promise<void>;
}

/** Thrown by FlowRunRepo.save when the run changed since it was read (a concurrent click). */
export class ConcurrentUpdateError extends Error {
  constructor(what: string) {
    super(`${what} was changed concurrently`);
    this.name = 'ConcurrentUpdateError';
  }
}

export interface FlowRunRepo {
  get(organisationId: string, id: string): Promise<FlowRun | null>;
  /** The person's foreground conversation, if any (at most one is active). */
  findActive(organisationId: string, personId: string): Promise<FlowRun | null>;
  /** The run that issued this prompt id, active or finished, to recognise stale clicks. */
  findByPrompt(organisationId: string, personId: string, promptId: string): Promise<FlowRun | null>;
  listByFlow(organisationId: string, flowId: string, status: FlowRun['status']): Promise<FlowRun[]>;
  create(run: FlowRun): Promise<FlowRun>;
  /** Writes the run if its stored version equals `run.version`, and bumps it; else throws ConcurrentUpdateError. */
  save(run: FlowRun): Promise<FlowRun>;
}

export interface ReceiveKey {
  organisationId: string;
  platform: Platform;
  /** The organisation's id on the platform: with the platform, where the inbox keeps the key. */
  tenant: string;
  dedupeKey: string;
  externalUserId: string;
}

export interface ReceivedInbound {
  /** False when the delivery was worked before (a platform retry, or another worker won): do nothing. */
  fresh: boolean;
  /** Who sent it, when we know them. */
  known: { identity: ChannelIdentity; person: Person } | null;
  /** Their active flow run, if any. */
  active: FlowRun | null;
}

/** The inbox inside a unit of work: the row that says an inbound was worked commits with the work. */
export interface InboxRepo {
  /**
   * Marks the inbound worked — its pending inbox row done, or a new row written done — and reads
   * its sender and their active run, at once. `fresh` is false when it was worked already.
   */
  receive(key: ReceiveKey): Promise<ReceivedInbound>;
}

export interface OutboxRepo {
  enqueue(entry: Omit<OutboxEntry, 'status' | 'attempts' | 'externalRef'>): Promise<void>;
  /** Writes several messages in one statement (a turn's replies). */
  enqueueMany(entries: Omit<OutboxEntry, 'status' | 'attempts' | 'externalRef'>[]): Promise<void>;
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<void>;
}

/** Open questions (see OpenQuestion). Every method is scoped by organisation. */
export interface QuestionRepo {
  create(question: OpenQuestion): Promise<void>;
  get(organisationId: string, id: string): Promise<OpenQuestion | null>;
  /**
   * Answers the question for `personId` if it is still open and not expired at `now`, in one
   * conditional UPDATE (the row stays locked to the end of the transaction): of two people
   * clicking at once, one gets the question back and the other null. Null also when it is closed.
   */
  claim(organisationId: string, id: string, personId: string, answer: AnswerValue, now: Date): Promise<OpenQuestion | null>;
  /** Undoes `claim` in the same transaction (the answer turned out invalid). */
  reopen(organisationId: string, id: string): Promise<void>;
  /** Closes an open question without an answer; false when it was not open. */
  close(organisationId: string, id: string, status: 'expired' | 'withdrawn', now: Date): Promise<OpenQuestion | null>;
  /** The open, unexpired questions `personId` may answer, newest first. */
  listOpenFor(organisationId: string, personId: string, now: Date): Promise<OpenQuestion[]>;
  /** Questions about one record (a match's request, a meeting's ratings), any status, oldest first. */
  listBySubject(organisationId: string, subjectType: string, subjectId: string): Promise<OpenQuestion[]>;
}

/** Scheduled jobs, inside a unit of work: scheduling and finishing commit with the work's effects. */
export interface JobRepo {
  /** Schedules `job` unless the organisation has one with the same key already (any status); true when created. */
  schedule(organisationId: string, job: NewJob): Promise<boolean>;
  /** Drops a pending job by key (a reminder no longer needed); true when one was pending. */
  cancel(organisationId: string, key: string): Promise<boolean>;
  /** Marks a claimed job done if `leaseToken` still holds it; false when its lease was lost to another claim. */
  finish(organisationId: string, id: string, leaseToken: string, now: Date): Promise<boolean>;
}

/** The claiming side of the jobs, used by the runner outside any unit of work. */
export interface JobQueue {
  /**
   * Leases up to `limit` due pending jobs (oldest due first) with FOR UPDATE SKIP LOCKED, so two
   * processes never take the same one; a job whose lease ran out (its process died) is due again.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date, leaseToken: string): Promise<ScheduledJob[]>;
  /** A failed attempt: pending again at `nextAttemptAt`, or failed for good when null; only while `leaseToken` holds it. */
  fail(id: string, leaseToken: string, error: string, nextAttemptAt: Date | null): Promise<void>;
  /** When the earliest pending job is due, if at or before `until` (the demo clock's next stop). */
  nextDue(until: Date): Promise<Date | null>;
}

/** Files messages carry, stored by the unit of work. */
export interface FileRepo {
  save(file: StoredFile): Promise<void>;
}

/** Reads a stored file for a channel's sender or the download route (outside any unit of work). */
export interface FileReader {
  read(organisationId: string, id: string): Promise<StoredFile | null>;
}

/** The kernel's repositories: who people are, conversations, questions, jobs, the outbox. */
export interface KernelRepos {
  organisations: OrganisationRepo;
  people: PersonRepo;
  identities: IdentityRepo;
  flowRuns: FlowRunRepo;
  inbox: InboxRepo;
  outbox: OutboxRepo;
  audit: AuditRepo;
  questions: QuestionRepo;
  jobs: JobRepo;
  files: FileRepo;
}

/** Every repository, all bound to one database transaction: the kernel's and each feature's. */
export type Repos = KernelRepos & FeatureRepos;

export interface Store {
  /** Runs `work` in one transaction: all of it is stored, or none (it rolls back on throw). */
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
}

/**
 * The delivery side of the outbox, used by the dispatcher outside any flow transaction. A claim
 * leases messages under a token of its own; every outcome but markSent applies only while that
 * token still holds the message, so a process whose lease ran out cannot disturb the claim that
 * took the message over.
 */
export interface OutboxQueue {
  /**
   * Claims up to `limit` due pending messages for a platform, oldest first, leasing them until
   * `leaseUntil` under a new lease token (on every entry); each comes with its recipient (read in
   * the same statement).
   */
  claimDue(platform: Platform, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedEntry[]>;
  /**
   * Extends the lease to `leaseUntil` for those of `ids` still pending under `leaseToken`, and
   * returns them: any other was finished, or taken by another claim after the lease ran out.
   */
  renewLease(leaseToken: string, ids: readonly string[], leaseUntil: Date): Promise<string[]>;
  /** Takes delivered messages out of the queue, keeping each one's external reference; one write for all. */
  markSent(marks: readonly SentMark[]): Promise<void>;
  /** Counts a failed attempt and schedules the next at `nextAttemptAt`. */
  markFailed(id: string, leaseToken: string, error: string, nextAttemptAt: Date): Promise<void>;
  /**
   * Gives up on a message for good and records `audit` (why, for the people who look after the
   * recipient), both in one transaction; false when the lease was lost (nothing written).
   */
  markUndeliverable(id: string, leaseToken: string, error: string, audit: AuditEntry): Promise<boolean>;
  /** A platform's "not now" (a rate limit): due again at `nextAttemptAt`, without counting an attempt. */
  markThrottled(id: string, leaseToken: string, reason: string, nextAttemptAt: Date): Promise<void>;
  /** Ends a lease early without counting an attempt (a message held back behind a failed one). */
  release(id: string, leaseToken: string, at: Date): Promise<void>;
  /** Puts messages of one claim back in the queue (throttled, failed, held behind one), one write for all. */
  holdBack(items: readonly HeldBack[]): Promise<void>;
  /** Keeps an address a sender learned (a Slack DM channel it opened, a Teams conversation it created). */
  saveAddress(organisationId: string, personId: string, platform: Platform, address: unknown): Promise<void>;
  /** The external reference of the sent message that carried `promptId`, to update it in place. */
  findRefForPrompt(organisationId: string, personId: string, promptId: string): Promise<unknown>;
  /** Recent messages to one person, oldest first (the playground's history). */
  listForPerson(organisationId: string, personId: string, limit: number): Promise<OutboxEntry[]>;
}

/** A leased message and who it is for on its platform (null: the person has no identity there). */
export interface ClaimedEntry extends OutboxEntry {
  recipient: Recipient | null;
  /** The claim's token: what the outcomes and renewals of this lease present. */
  leaseToken: string;
}

/** A delivered message: when, and the platform's reference to it (to update it later). */
export interface SentMark {
  id: string;
  sentAt: Date;
  externalRef: unknown;
}

/**
 * A claimed message put back, due again at `nextAttemptAt`, if its lease token still holds it:
 * `attempt` counts a failed attempt (markFailed), `error` is kept as its last error (null: as it was).
 */
export interface HeldBack {
  id: string;
  leaseToken: string;
  nextAttemptAt: Date;
  error: string | null;
  attempt: boolean;
}

export type RecipientKey = Pick<OutboxEntry, 'organisationId' | 'personId' | 'platform'>;

export interface Recipient {
  externalUserId: string;
  /** The organisation's id on the platform (Slack team id, Teams tenant id). */
  tenant: string;
  address: unknown;
  /** The person's language, for any words a channel adds around the core's message. */
  locale: string;
}

/** Upkeep across organisations, run by the scheduler. */
export interface Housekeeping {
  /** Forgets inbox rows worked (or given up) before `before`: platforms stop retrying within hours. */
  pruneInbox(before: Date): Promise<number>;
  /**
   * Erases the words of the bot's copies of messages created before `before` and sent or given
   * up (kernel/retention.ts): the payload becomes the erased marker, the row stays for ordering and
   * ids; files older than that go too, unless a pending message still carries them.
   */
  eraseOldCopies(before: Date): Promise<{ payloads: number; files: number }>;
  /**
   * Gathers the query planner's statistics (ANALYZE). The embedded database needs it from us: it
   * runs without PostgreSQL's autovacuum, so its planner never learns how big a table has grown.
   */
  refreshStatistics(): Promise<void>;
}

/** Texts in the person's language, from prompts/. */
export interface Texts {
  /** Dates in `params` are shown in `timeZone` (the person's), else the deployment's default. */
  t(locale: string, key: string, params?: Record<string, string | number | Date>, timeZone?: string): string;
  /** Locales prompts/ has, first one is the default. */
  locales(): readonly string[];
  has(locale: string, key: string): boolean;
}

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}
