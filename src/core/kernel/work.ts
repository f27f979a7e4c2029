/**
 * The context every piece of work gets, whatever started it (a person's message, a job, a
 * coordinator's batch, a test): the transaction's repositories, the organisation, the clock and
 * ids, texts, and the messages to send once the transaction commits. A person's turn (Turn)
 * adds who is speaking. Messages are only collected here; the unit of work writes them to the
 * outbox in the same transaction, so nothing is sent before the commit.
 */
import type { NewJob, Organisation, Person } from '../domain.js';
import type { Outbound } from '../messages.js';
import type { Clock, IdSource, Repos, Texts } from '../ports.js';
import type { Msg } from '../engine/types.js';
import type { Registry } from './registry.js';

export interface Envelope {
  personId: string;
  message: Outbound;
}

export type Translate = (key: string, params?: Msg['params']) => string;

export class Work {
  readonly outbox: Envelope[] = [];
  /** Messages queued with `tellLast`: written after `outbox`. */
  private readonly closing: Envelope[] = [];
  /** People read in this unit, so notifying many costs one read each at most. */
  private readonly people = new Map<string, Person | null>();

  constructor(
    readonly repos: Repos,
    readonly organisation: Organisation,
    readonly clock: Clock,
    readonly ids: IdSource,
    readonly texts: Texts,
    /** What the features contribute (question kinds, job kinds…), for kernel helpers. */
    readonly registry: Registry,
  ) {}

  /** The flow engine (a person's typed conversation), for work that starts or ends one. */
  get engine(): Registry['engine'] {
    return this.registry.engine;
  }

  /** Text in someone's own language and time zone. */
  tFor(person: Pick<Person, 'locale' | 'timeZone'>): Translate {
    return (key, params) => this.texts.t(person.locale, key, params, person.timeZone);
  }

  /** Queues a message, already in the recipient's language, for after the commit. */
  sayTo(personId: string, message: Outbound): void {
    this.outbox.push({ personId, message });
  }

  /** Queues a message built in the recipient's language; false when they are not in this organisation. */
  async tell(personId: string, build: (t: Translate, person: Person) => Outbound | Msg): Promise<boolean> {
    const envelope = await this.built(personId, build);
    if (envelope) this.outbox.push(envelope);
    return envelope !== null;
  }

  /**
   * Like `tell`, but the message comes after everything else this unit says, whenever it is
   * queued: a pair's introduction reads after "you are now a pair", though the pair is made (and
   * introduced) before the code that made it says so.
   */
  async tellLast(personId: string, build: (t: Translate, person: Person) => Outbound | Msg): Promise<boolean> {
    const envelope = await this.built(personId, build);
    if (envelope) this.closing.push(envelope);
    return envelope !== null;
  }

  /** Every message of the unit, in the order its readers get them. */
  envelopes(): Envelope[] {
    return [...this.outbox, ...this.closing];
  }

  private async built(personId: string, build: (t: Translate, person: Person) => Outbound | Msg): Promise<Envelope | null> {
    const person = await this.personById(personId);
    if (!person) return null;
    const t = this.tFor(person);
    const built = build(t, person);
    return { personId, message: 'text' in built ? built : { text: t(built.key, built.params) } };
  }

  /** A person of this organisation, read once per unit. */
  async personById(personId: string): Promise<Person | null> {
    if (!this.people.has(personId)) this.people.set(personId, await this.repos.people.get(this.organisation.id, personId));
    return this.people.get(personId) ?? null;
  }

  /** Schedules a job in this organisation (idempotent by its key); committed with the rest of the work. */
  schedule(job: NewJob): Promise<boolean> {
    return this.repos.jobs.schedule(this.organisation.id, job);
  }

  /** Lets a turn tell the unit about a person it changed (their language), so later texts use it. */
  protected remember(person: Person): void {
    this.people.set(person.id, person);
  }
}
