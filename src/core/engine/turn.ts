/**
 * Everything one inbound needs while it is handled: the transaction's repositories, the
 * person, their language, and the messages to send when the transaction commits.
 */
import type { Organisation, Person } from '../domain.js';
import type { Outbound } from '../messages.js';
import type { Clock, IdSource, Repos, Texts } from '../ports.js';
import type { Msg } from './types.js';

export interface Envelope {
  personId: string;
  message: Outbound;
}

export class Turn {
  readonly outbox: Envelope[] = [];

  constructor(
    readonly repos: Repos,
    readonly organisation: Organisation,
    public person: Person,
    readonly clock: Clock,
    readonly ids: IdSource,
    readonly texts: Texts,
    /** The person was created in this turn: they have no flow runs or memberships yet, so nothing to read. */
    readonly firstContact = false,
    /** The platform's word on whether the person administers the organisation; undefined when it does not say. */
    readonly isAdmin?: boolean,
  ) {}

  t = (key: string, params?: Msg['params']): string => this.texts.t(this.person.locale, key, params, this.person.timeZone);

  /** Text in someone else's locale (a notification to a mentor, a coordinator…). */
  tFor(person: Person): (key: string, params?: Msg['params']) => string {
    return (key, params) => this.texts.t(person.locale, key, params, person.timeZone);
  }

  say(message: Outbound | Msg): void {
    this.sayTo(this.person.id, 'text' in message ? message : { text: this.t(message.key, message.params) });
  }

  sayTo(personId: string, message: Outbound): void {
    this.outbox.push({ personId, message });
  }
}
