/**
 * Just enough of the Store port, in memory, for the demo seed and the playground directory:
 * organisations, people, identities, programmes, memberships and audit. A transaction works on
 * a copy and commits only if `work` resolves, like the real one.
 */
import type { AuditEntry, ChannelIdentity, Membership, NewJob, Organisation, Person, Programme } from '../../src/core/domain.js';
import type { Repos, Store } from '../../src/core/ports.js';
import type { Platform } from '../../src/core/messages.js';

interface Tables {
  organisations: Organisation[];
  people: Person[];
  identities: ChannelIdentity[];
  programmes: Programme[];
  memberships: Membership[];
  audit: AuditEntry[];
  /** Jobs scheduled, with their organisation (the demo seed starts the nudge planner). */
  jobs: (NewJob & { organisationId: string })[];
}

const unused = (name: string) =>
  new Proxy({}, {
    get: (_t, method) => () => {
      throw new Error(`memory store: ${name}.${String(method)} is not implemented`);
    },
  });
/** Programme changes and invites: the demo seed never uses them. */
const notNeeded = async (): Promise<never> => {
  throw new Error('memory store: not needed');
};

export class MemoryStore implements Store {
  tables: Tables = { organisations: [], people: [], identities: [], programmes: [], memberships: [], audit: [], jobs: [] };

  async transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T> {
    const draft = structuredClone(this.tables);
    const result = await work(reposOver(draft));
    this.tables = draft;
    return result;
  }
}

function unique<T>(rows: T[], row: T, same: (a: T) => boolean, what: string): T {
  if (rows.some(same)) throw new Error(`memory store: duplicate ${what}`);
  rows.push(structuredClone(row));
  return row;
}

function reposOver(t: Tables): Repos {
  const withProgrammes = (org: string, personId: string, status?: Membership['status']) =>
    t.memberships
      .filter((m) => m.organisationId === org && m.personId === personId && (!status || m.status === status))
      .flatMap((membership) => {
        const programme = t.programmes.find((p) => p.organisationId === org && p.id === membership.programmeId);
        return programme ? [{ membership, programme }] : [];
      });
  return {
    organisations: {
      findByExternal: async (platform, externalId) => t.organisations.find((o) => o.platform === platform && o.externalId === externalId) ?? null,
      get: async (id) => t.organisations.find((o) => o.id === id) ?? null,
      create: async (org) => unique(t.organisations, org, (o) => o.platform === org.platform && o.externalId === org.externalId, 'organisation'),
    },
    people: {
      get: async (org, id) => t.people.find((p) => p.organisationId === org && p.id === id) ?? null,
      create: async (person) => unique(t.people, person, (p) => p.id === person.id, 'person'),
      update: async () => {
        throw new Error('not needed');
      },
    },
    identities: {
      find: async (org, platform, ext) => t.identities.find((i) => i.organisationId === org && i.platform === platform && i.externalUserId === ext) ?? null,
      listForPerson: async (org, personId) => t.identities.filter((i) => i.organisationId === org && i.personId === personId),
      firstPlatforms: async (org, personIds) => {
        const first = new Map<string, Platform>();
        for (const i of t.identities) if (i.organisationId === org && personIds.includes(i.personId) && !first.has(i.personId)) first.set(i.personId, i.platform);
        return first;
      },
      findWithPerson: async (org, platform, ext) => {
        const identity = t.identities.find((i) => i.organisationId === org && i.platform === platform && i.externalUserId === ext);
        const person = identity && t.people.find((p) => p.organisationId === org && p.id === identity.personId);
        return identity && person ? { identity, person } : null;
      },
      create: async (identity) =>
        unique(t.identities, identity, (i) => i.organisationId === identity.organisationId && i.platform === identity.platform && i.externalUserId === identity.externalUserId, 'identity'),
      createWithPerson: async (person, identity) => {
        unique(t.identities, identity, (i) => i.organisationId === identity.organisationId && i.platform === identity.platform && i.externalUserId === identity.externalUserId, 'identity');
        unique(t.people, person, (p) => p.id === person.id, 'person');
      },
      updateAddress: async (org, id, address) => {
        for (const i of t.identities) if (i.organisationId === org && i.id === id) i.address = address;
      },
    },
    programmes: {
      get: async (org, id) => t.programmes.find((p) => p.organisationId === org && p.id === id) ?? null,
      findByJoinCode: async (org, code) => t.programmes.find((p) => p.organisationId === org && p.joinCode === code) ?? null,
      listForOrganisation: async (org) => t.programmes.filter((p) => p.organisationId === org),
      anyInOrganisation: async (org) => t.programmes.some((p) => p.organisationId === org),
      create: async (programme) => unique(t.programmes, programme, (p) => p.joinCode === programme.joinCode, 'join code'),
      update: notNeeded,
      changeStatus: notNeeded,
      createInvite: notNeeded,
      findInvite: notNeeded,
      claimInvite: notNeeded,
    },
    memberships: {
      get: async (org, id) => t.memberships.find((m) => m.organisationId === org && m.id === id) ?? null,
      find: async (org, programmeId, personId) => t.memberships.find((m) => m.organisationId === org && m.programmeId === programmeId && m.personId === personId) ?? null,
      listForPerson: async (org, personId) => t.memberships.filter((m) => m.organisationId === org && m.personId === personId),
      listWithProgrammes: async (org, personId, status) => withProgrammes(org, personId, status),
      overview: async (org, personId) => ({
        mine: withProgrammes(org, personId, 'active'),
        organisationHasProgrammes: t.programmes.some((p) => p.organisationId === org),
        isOrganiser: false, // the demo seed makes coordinators, never organisers
      }),
      listForProgramme: async (org, programmeId, filter = {}) =>
        t.memberships.filter((m) => m.organisationId === org && m.programmeId === programmeId && (!filter.role || m.role === filter.role) && (!filter.status || m.status === filter.status)),
      create: async (membership) => unique(t.memberships, membership, (m) => m.programmeId === membership.programmeId && m.personId === membership.personId, 'membership'),
      update: async () => {
        throw new Error('not needed');
      },
      lockActiveCoordinators: notNeeded,
    },
    audit: { record: async (entry) => void t.audit.push(entry) },
    flowRuns: unused('flowRuns') as Repos['flowRuns'],
    inbox: unused('inbox') as Repos['inbox'],
    outbox: unused('outbox') as Repos['outbox'],
    questions: unused('questions') as Repos['questions'],
    erasure: unused('erasure') as Repos['erasure'],
    organisers: unused('organisers') as Repos['organisers'],
    setupCode: unused('setupCode') as Repos['setupCode'],
    jobs: {
      ...(unused('jobs') as Repos['jobs']),
      schedule: async (organisationId: string, job: NewJob) => {
        if (t.jobs.some((j) => j.organisationId === organisationId && j.key === job.key)) return false;
        t.jobs.push(structuredClone({ ...job, organisationId }));
        return true;
      },
    } as Repos['jobs'],
    files: unused('files') as Repos['files'],
    deliveries: unused('deliveries') as Repos['deliveries'],
    matches: unused('matches') as Repos['matches'],
    matchingSettings: unused('matchingSettings') as Repos['matchingSettings'],
    doNotMatch: unused('doNotMatch') as Repos['doNotMatch'],
    waitlist: unused('waitlist') as Repos['waitlist'],
    cohortDrafts: unused('cohortDrafts') as Repos['cohortDrafts'],
    mentorAvailability: unused('mentorAvailability') as Repos['mentorAvailability'],
    training: unused('training') as Repos['training'],
    notes: unused('notes') as Repos['notes'],
    agreements: unused('agreements') as Repos['agreements'],
    closures: unused('closures') as Repos['closures'],
    reflections: unused('reflections') as Repos['reflections'],
    meetings: unused('meetings') as Repos['meetings'],
    goalProgress: unused('goalProgress') as Repos['goalProgress'],
    escalations: unused('escalations') as Repos['escalations'],
    nudges: unused('nudges') as Repos['nudges'],
    checkIns: unused('checkIns') as Repos['checkIns'],
    checkInSettings: unused('checkInSettings') as Repos['checkInSettings'],
  };
}
