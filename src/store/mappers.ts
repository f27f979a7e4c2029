/**
 * Rows to domain records and back. JSON columns are validated with zod when read: the database
 * only knows "some JSON", and a malformed value should fail loudly here rather than deep in a flow.
 */
import { z } from 'zod';
import type {
  AnswerValue,
  Answers,
  ChannelIdentity,
  FlowRun,
  LanguageSkill,
  MeetingFrequency,
  Membership,
  Organisation,
  OutboxEntry,
  Person,
  Profile,
  Programme,
} from '../core/domain.js';
import type { Outbound } from '../core/messages.js';
import { Prisma } from '../generated/prisma/client.js';
import type {
  ChannelIdentity as IdentityRow,
  FlowRun as FlowRunRow,
  Membership as MembershipRow,
  Organisation as OrganisationRow,
  OutboxMessage as OutboxRow,
  Person as PersonRow,
  Programme as ProgrammeRow,
} from '../generated/prisma/client.js';

// ---- dates ----------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A domain calendar date ('YYYY-MM-DD') as the UTC midnight Prisma uses for @db.Date columns. */
export function toDbDate(isoDate: string): Date {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  if (!ISO_DATE.test(isoDate) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`not a calendar date (YYYY-MM-DD): ${isoDate}`);
  }
  return date;
}

/** A @db.Date value back to 'YYYY-MM-DD'; Prisma hands it over as UTC midnight. */
export function fromDbDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

// ---- JSON -----------------------------------------------------------------------------------

/** Value for a nullable Json column: SQL NULL for "nothing", so `IS NULL` queries work. */
export function toNullableJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

const languagesSchema = z.array(
  z.object({ code: z.string().min(1), level: z.enum(['basic', 'intermediate', 'fluent', 'native', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']) }),
);

export const answerValueSchema: z.ZodType<AnswerValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.record(z.string(), answerValueSchema)]),
);
export const answersSchema = z.record(z.string(), answerValueSchema);

// Only the parts the store and dispatcher rely on are checked; the prompt spec is the channel's.
const outboundSchema = z.object({
  text: z.string(),
  prompt: z.object({ id: z.string(), spec: z.object({ kind: z.string() }) }).optional(),
  replacesPromptId: z.string().optional(),
});

export function parseJson<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`stored ${what} is malformed: ${z.prettifyError(result.error)}`);
  return result.data;
}

// ---- rows to records ------------------------------------------------------------------------

export function toOrganisation(row: OrganisationRow): Organisation {
  return { id: row.id, name: row.name, platform: row.platform, externalId: row.externalId };
}

export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    organisationId: row.organisationId,
    displayName: row.displayName,
    locale: row.locale,
    timeZone: row.timeZone,
  };
}

export function toIdentity(row: IdentityRow): ChannelIdentity {
  return {
    id: row.id,
    organisationId: row.organisationId,
    personId: row.personId,
    platform: row.platform,
    externalUserId: row.externalUserId,
    address: row.address ?? null,
  };
}

export function toProgramme(row: ProgrammeRow): Programme {
  return {
    id: row.id,
    organisationId: row.organisationId,
    name: row.name,
    purpose: row.purpose,
    startsOn: fromDbDate(row.startsOn),
    endsOn: fromDbDate(row.endsOn),
    // Written only from the domain type, so the column holds one of its values.
    meetingFrequency: row.meetingFrequency as MeetingFrequency,
    joinCode: row.joinCode,
    status: row.status,
    createdById: row.createdById,
  };
}

export function toProfile(row: MembershipRow): Profile {
  return {
    fullName: row.fullName,
    languages: parseJson(languagesSchema, row.languages, `languages of membership ${row.id}`) as LanguageSkill[],
    field: row.field,
    profession: row.profession,
    education: row.education,
    employer: row.employer,
    yearsExperience: row.yearsExperience,
    region: row.region,
    availability: row.availability,
    goals: row.goals,
    helpWanted: row.helpWanted,
    offer: row.offer,
    capacity: row.capacity,
  };
}

export function toMembership(row: MembershipRow): Membership {
  return {
    id: row.id,
    organisationId: row.organisationId,
    programmeId: row.programmeId,
    personId: row.personId,
    role: row.role,
    status: row.status,
    consentedAt: row.consentedAt,
    consentVersion: row.consentVersion,
    profileDoneAt: row.profileDoneAt,
    profile: toProfile(row),
    joinedAt: row.joinedAt,
    leftAt: row.leftAt,
  };
}

export function toFlowRun(row: FlowRunRow): FlowRun {
  return {
    id: row.id,
    organisationId: row.organisationId,
    personId: row.personId,
    programmeId: row.programmeId,
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    stepId: row.stepId,
    answers: parseJson(answersSchema, row.answers, `answers of flow run ${row.id}`) as Answers,
    promptId: row.promptId,
    status: row.status,
    version: row.version,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
  // Validated for shape, but the original value is kept: zod would strip the spec's fields.
  parseJson(outboundSchema, row.payload, `payload of outbox message ${row.id}`);
  return {
    id: row.id,
    organisationId: row.organisationId,
    personId: row.personId,
    platform: row.platform,
    payload: row.payload as unknown as Outbound,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    externalRef: row.externalRef ?? null,
    createdAt: row.createdAt,
  };
}

// ---- records to columns ---------------------------------------------------------------------

/** Membership columns as a profile writes them; fits both create and update inputs. */
export type ProfileColumns = Omit<Partial<Profile>, 'languages'> & { languages?: Prisma.InputJsonValue };

/** The Membership columns a (partial) profile writes; absent keys are left alone. */
export function profileColumns(profile: Partial<Profile>): ProfileColumns {
  const { languages, ...rest } = profile;
  const data: ProfileColumns = { ...rest };
  if (languages !== undefined) data.languages = languages as unknown as Prisma.InputJsonValue;
  return data;
}
