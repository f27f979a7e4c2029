/**
 * Who a visitor can be in the playground, and what each of them was sent before. The routes only
 * see this interface; `storeDirectory` implements it with the core's ports, tests with arrays.
 */
import type { Role } from '../../core/domain.js';
import { isErased } from '../../core/kernel/retention.js';
import type { OutboxQueue, Repos, Store } from '../../core/ports.js';
import type { PlaygroundEntry } from './view.js';

export interface PlaygroundPerson {
  /** The playground user id the browser sends, e.g. "kari". */
  externalId: string;
  personId: string;
  organisationId: string;
  displayName: string;
  /** Role in their first active programme; null for someone who has not joined one yet. */
  role: Role | null;
  locale: string;
}

export interface PlaygroundDirectory {
  people(): Promise<PlaygroundPerson[]>;
  /** Messages already sent to the person, oldest first, as stored (the stream draws them). */
  history(person: PlaygroundPerson): Promise<PlaygroundEntry[]>;
}

export interface StoreDirectoryOptions {
  store: Store;
  queue: Pick<OutboxQueue, 'listForPerson'>;
  /** The playground organisation's external id ("demo"). */
  tenant: string;
  /** The playground users to offer, in picker order (the ports have no "list people"). */
  externalIds: readonly string[];
  historyLimit?: number;
}

export function storeDirectory(options: StoreDirectoryOptions): PlaygroundDirectory {
  const limit = options.historyLimit ?? 200;
  return {
    people: () => options.store.transaction((repos) => findPeople(repos, options.tenant, options.externalIds)),
    history: async (person) => {
      const entries = await options.queue.listForPerson(person.organisationId, person.personId, limit);
      // An erased copy (the person left, or the retention period ended) has no words to show: it is left out.
      return entries.filter((entry) => entry.platform === 'playground' && !isErased(entry.payload));
    },
  };
}

async function findPeople(repos: Repos, tenant: string, externalIds: readonly string[]): Promise<PlaygroundPerson[]> {
  const org = await repos.organisations.findByExternal('playground', tenant);
  if (!org) return [];
  const found: PlaygroundPerson[] = [];
  for (const externalId of externalIds) {
    const identity = await repos.identities.find(org.id, 'playground', externalId);
    const person = identity && (await repos.people.get(org.id, identity.personId));
    if (!person) continue;
    const memberships = await repos.memberships.listForPerson(org.id, person.id);
    const active = memberships.find((m) => m.status === 'active');
    found.push({
      externalId,
      personId: person.id,
      organisationId: org.id,
      displayName: person.displayName,
      role: active?.role ?? null,
      locale: person.locale,
    });
  }
  return found;
}
