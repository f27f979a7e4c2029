/**
 * The playground's demo organisation: a coordinator, three mentors and two mentees who have
 * already joined "Mentorprogram høst 2026", and Sara, who has not — so a visitor can try the
 * sign-up themselves as her. Written through the Store port in one transaction; a second call
 * finds the organisation and does nothing.
 */
import type { LanguageSkill, Membership, Profile, Role } from '../../core/domain.js';
import { EMPTY_PROFILE } from '../../core/domain.js';
import { PRIVACY_NOTICE_VERSION } from '../../core/features/membership/join.js';
import type { Clock, IdSource, Repos, Store } from '../../core/ports.js';

export const DEMO_TENANT = 'demo';
export const DEMO_JOIN_CODE = 'DEMO2026';

/** Field, availability and language values are the core's option codes (core/options.ts). */
interface DemoPerson {
  externalId: string;
  displayName: string;
  locale: string;
  /** null: has a playground identity but no membership yet. */
  role: Role | null;
  profile?: Partial<Profile>;
}

const lang = (code: string, level: LanguageSkill['level']): LanguageSkill => ({ code, level });

const DEMO_PEOPLE: readonly DemoPerson[] = [
  { externalId: 'kari', displayName: 'Kari Nordmann', locale: 'nb', role: 'coordinator', profile: { fullName: 'Kari Nordmann' } },
  {
    externalId: 'ingrid',
    displayName: 'Ingrid Berg',
    locale: 'nb',
    role: 'mentor',
    profile: {
      languages: [lang('nb', 'native'), lang('en', 'fluent')],
      field: 'finance',
      profession: 'Økonomisjef',
      yearsExperience: 18,
      region: 'Oslo',
      availability: 'weekdayEvening',
      offer: 'CV-gjennomgang, intervjutrening og innsikt i hvordan finansbransjen i Norge ansetter.',
      capacity: 2,
    },
  },
  {
    externalId: 'ola',
    displayName: 'Ola Hansen',
    locale: 'nb',
    role: 'mentor',
    profile: {
      languages: [lang('nb', 'native'), lang('en', 'fluent')],
      field: 'it',
      profession: 'Senior systemutvikler',
      yearsExperience: 12,
      region: 'Bergen',
      availability: 'flexible',
      offer: 'Kodegjennomgang, jobbsøking i IT og kontakter i teknologimiljøet i Bergen.',
      capacity: 1,
    },
  },
  {
    externalId: 'fatima',
    displayName: 'Fatima Ali',
    locale: 'nb',
    role: 'mentor',
    profile: {
      languages: [lang('ar', 'native'), lang('nb', 'C1'), lang('en', 'fluent')],
      field: 'health',
      profession: 'Sykepleier og avdelingsleder',
      yearsExperience: 15,
      region: 'Trondheim',
      availability: 'weekdayEvening',
      offer: 'Veien til norsk autorisasjon for helsepersonell, fagspråk på jobb og praksisplass.',
      capacity: 2,
    },
  },
  {
    externalId: 'amina',
    displayName: 'Amina Yusuf',
    locale: 'nb',
    role: 'mentee',
    profile: {
      languages: [lang('so', 'native'), lang('en', 'fluent'), lang('nb', 'B1')],
      field: 'health',
      profession: 'Sykepleier (utdannet i Somalia)',
      yearsExperience: 6,
      region: 'Oslo',
      availability: 'weekdayDay',
      goals: ['Få norsk autorisasjon som sykepleier', 'Bli tryggere på norsk fagspråk', 'Finne jobb på sykehus'],
      helpWanted: 'Hjelp med autorisasjonssøknaden og å forberede meg til intervju.',
    },
  },
  {
    externalId: 'yonas',
    displayName: 'Yonas Tesfay',
    locale: 'en',
    role: 'mentee',
    profile: {
      languages: [lang('ti', 'native'), lang('en', 'fluent'), lang('nb', 'A2')],
      field: 'it',
      profession: 'Software developer',
      yearsExperience: 4,
      region: 'Bergen',
      availability: 'weekdayEvening',
      goals: ['Get my first developer job in Norway', 'Understand Norwegian work culture', 'Improve my Norwegian'],
      helpWanted: 'Feedback on my CV and practice for technical interviews.',
    },
  },
  // Shown as "Sara (new)" in the picker because she has no role; the bot calls her Sara.
  { externalId: 'sara', displayName: 'Sara', locale: 'en', role: null },
];

/** Playground user ids in picker order: coordinator, mentors, mentees, newcomer. */
export const DEMO_USER_IDS: readonly string[] = DEMO_PEOPLE.map((p) => p.externalId);

export async function seedDemo(store: Store, ids: IdSource, clock: Clock): Promise<{ created: boolean; organisationId: string }> {
  return store.transaction(async (repos) => {
    const existing = await repos.organisations.findByExternal('playground', DEMO_TENANT);
    if (existing) return { created: false, organisationId: existing.id };

    const org = await repos.organisations.create({ id: ids.next(), name: 'Demo organisation', platform: 'playground', externalId: DEMO_TENANT });
    const personIds = new Map<string, string>();
    for (const demo of DEMO_PEOPLE) personIds.set(demo.externalId, await createPerson(repos, ids, org.id, demo));

    const programme = await repos.programmes.create({
      id: ids.next(),
      organisationId: org.id,
      name: 'Mentorprogram høst 2026',
      purpose: 'Hjelpe nyankomne med høyere utdanning inn i relevant arbeid i Norge, med en erfaren mentor fra samme fagfelt.',
      startsOn: '2026-08-17',
      endsOn: '2026-12-18',
      meetingFrequency: 'biweekly',
      joinCode: DEMO_JOIN_CODE,
      status: 'open',
      createdById: required(personIds, 'kari'),
    });

    const now = clock.now();
    for (const demo of DEMO_PEOPLE) {
      if (!demo.role) continue;
      await repos.memberships.create(memberOf(ids.next(), org.id, programme.id, required(personIds, demo.externalId), demo.role, demo, now));
    }
    await repos.audit.record({
      organisationId: org.id,
      actorPersonId: null,
      action: 'demo.seeded',
      subjectType: 'organisation',
      subjectId: org.id,
      data: { people: DEMO_PEOPLE.length, programmeId: programme.id },
    });
    return { created: true, organisationId: org.id };
  });
}

async function createPerson(repos: Repos, ids: IdSource, organisationId: string, demo: DemoPerson): Promise<string> {
  const person = await repos.people.create({ id: ids.next(), organisationId, displayName: demo.displayName, locale: demo.locale, timeZone: 'Europe/Oslo' });
  await repos.identities.create({
    id: ids.next(),
    organisationId,
    personId: person.id,
    platform: 'playground',
    externalUserId: demo.externalId,
    // The playground delivers by person id, so it needs no address; kept explicit for clarity.
    address: null,
  });
  return person.id;
}

/** An active member who consented and finished their profile when the demo was created. */
function memberOf(id: string, organisationId: string, programmeId: string, personId: string, role: Role, demo: DemoPerson, now: Date): Membership {
  return {
    id,
    organisationId,
    programmeId,
    personId,
    role,
    status: 'active',
    consentedAt: now,
    // The current notice, so the core treats the seeded members' consent as up to date.
    consentVersion: PRIVACY_NOTICE_VERSION,
    profileDoneAt: now,
    profile: { ...EMPTY_PROFILE, fullName: demo.displayName, ...demo.profile },
    joinedAt: now,
    leftAt: null,
  };
}

function required(map: Map<string, string>, key: string): string {
  const value = map.get(key);
  if (!value) throw new Error(`demo seed: no person "${key}"`);
  return value;
}
