/** Finds or creates the person behind a platform user, and keeps their address current. */
import type { ChannelIdentity, Organisation, Person } from '../domain.js';
import type { Inbound } from '../messages.js';
import type { IdSource, Repos, Texts } from '../ports.js';

export interface PeopleDefaults {
  locale: string;
  timeZone: string;
}

/** The closest locale prompts/ has for what a platform says ("nb-NO", "no", "en-GB"…). */
export function pickLocale(wanted: string | undefined, texts: Texts, fallback: string): string {
  if (!wanted) return fallback;
  const base = wanted.toLowerCase().split(/[-_]/)[0] ?? '';
  const aliases: Record<string, string> = { no: 'nb', nn: 'nb' };
  const code = aliases[base] ?? base;
  return texts.locales().includes(code) ? code : fallback;
}

/** Zone names already checked: building a DateTimeFormat to check one costs more than a database read. */
const checkedZones = new Map<string, boolean>();
const MAX_CHECKED_ZONES = 1000;

export function isTimeZone(tz: string): boolean {
  const known = checkedZones.get(tz);
  if (known !== undefined) return known;
  let valid: boolean;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    valid = true;
  } catch {
    valid = false; // An unknown zone name is an answer ("no"), not a failure.
  }
  // Only names a platform sent reach here; a flood of odd ones must not grow this without bound.
  if (checkedZones.size < MAX_CHECKED_ZONES) checkedZones.set(tz, valid);
  return valid;
}

/** Equal as JSON, whatever the key order (PostgreSQL's jsonb returns keys in its own order). */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v === null || typeof v !== 'object') return v;
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return entries.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([k, x]) => [k, canonical(x)]);
  };
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * `created` tells the caller the person is new in this transaction (so has no runs or memberships yet).
 * Two first messages of a new person at the same moment (a Teams install sends two) both try to
 * create the identity; the store turns the loser's unique violation into ConcurrentUpdateError,
 * and the caller's retry then finds the person.
 */
export async function resolvePerson(
  repos: Repos,
  org: Organisation,
  inbound: Inbound,
  ids: IdSource,
  texts: Texts,
  defaults: PeopleDefaults,
  /** The identity and person when the caller has read them already (null: nobody yet); undefined: read here. */
  found?: { identity: ChannelIdentity; person: Person } | null,
): Promise<{ person: Person; created: boolean }> {
  const { user } = inbound;
  const known = found !== undefined ? found : await repos.identities.findWithPerson(org.id, inbound.platform, user.externalId);
  if (known) {
    const { identity, person } = known;
    if (user.address !== undefined && !sameJson(user.address, identity.address)) {
      await repos.identities.updateAddress(org.id, identity.id, user.address);
    }
    return { person, created: false };
  }
  const person: Person = {
    id: ids.next(),
    organisationId: org.id,
    displayName: user.displayName?.trim() || user.externalId,
    locale: pickLocale(user.locale, texts, defaults.locale),
    timeZone: user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : defaults.timeZone,
  };
  await repos.identities.createWithPerson(person, {
    id: ids.next(),
    organisationId: org.id,
    personId: person.id,
    platform: inbound.platform,
    externalUserId: user.externalId,
    address: user.address ?? null,
  });
  return { person, created: true };
}
