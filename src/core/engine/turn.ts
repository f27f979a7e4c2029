/**
 * A person's turn: the unit of work (Work) with the person who is speaking, their language, and
 * what the platform said about them. Everything a turn says goes to the outbox when the unit of
 * work commits.
 */
import type { Organisation, Person } from '../domain.js';
import type { Registry } from '../kernel/registry.js';
import { Work } from '../kernel/work.js';
import type { Outbound } from '../messages.js';
import type { Clock, IdSource, Repos, Texts } from '../ports.js';
import type { Msg } from './types.js';

export type { Envelope } from '../kernel/work.js';

export class Turn extends Work {
  constructor(
    repos: Repos,
    organisation: Organisation,
    public person: Person,
    clock: Clock,
    ids: IdSource,
    texts: Texts,
    registry: Registry,
    /** The person was created in this turn: they have no flow runs or memberships yet, so nothing to read. */
    readonly firstContact = false,
    /** The platform's word on whether the person administers the organisation; undefined when it does not say. */
    readonly isAdmin?: boolean,
  ) {
    super(repos, organisation, clock, ids, texts, registry);
    this.remember(person);
  }

  /** Text in the person's own language and time zone. */
  t = (key: string, params?: Msg['params']): string => this.texts.t(this.person.locale, key, params, this.person.timeZone);

  say(message: Outbound | Msg): void {
    this.sayTo(this.person.id, 'text' in message ? message : { text: this.t(message.key, message.params) });
  }

  /** Changes the person (their language, say); texts from then on use the change. */
  async updatePerson(patch: Partial<Pick<Person, 'displayName' | 'locale' | 'timeZone'>>): Promise<void> {
    this.person = await this.repos.people.update(this.organisation.id, this.person.id, patch);
    this.remember(this.person);
  }
}
