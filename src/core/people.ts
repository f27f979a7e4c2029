/** Finds or creates the person behind a platform user, and keeps their address current. */
import type { Organisation, Person } from './domain.js';
import type { Inbound } from './messages.js';
import type { IdSource, Repos, Texts } from './ports.js';

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

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false; // An unknown zone name is an answer ("no"), not a failure.
  }
}

export async function resolvePerson(repos: Repos, org: Organisation, inbound: Inbound, ids: IdSource, texts: Texts, defaults: PeopleDefaults): Promise<Person> {
  const { user } = inbound;
  const identity = await repos.identities.find(org.id, inbound.platform, user.externalId);
  if (identity) {
    if (user.address !== undefined && JSON.stringify(user.address) !== JSON.stringify(identity.address)) {
      await repos.identities.updateAddress(org.id, identity.id, user.address);
    }
    const person = await repos.people.get(org.id, identity.personId);
    if (person) return person;
  }
  const person = await repos.people.create({
    id: ids.next(),
    organisationId: org.id,
    displayName: user.displayName?.trim() || user.externalId,
    locale: pickLocale(user.locale, texts, defaults.locale),
    timeZone: user.timeZone && isTimeZone(user.timeZone) ? user.timeZone : defaults.timeZone,
  });
  await repos.identities.create({
    id: ids.next(),
    organisationId: org.id,
    personId: person.id,
    platform: inbound.platform,
    externalUserId: user.externalId,
    address: user.address ?? null,
  });
  return person;
}
