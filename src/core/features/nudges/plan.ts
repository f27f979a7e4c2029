/**
 * The planner: the nudges plan job, one job per organisation each hour (key `nudges:plan:<UTC hour>`),
 * which schedules the next hour's run first, reads the organisation's facts in a few bulk
 * statements, decides in memory (decide.ts), and hands the nudges on in chunks of 500 people to
 * send jobs (send.ts), and the stalled pairs in chunks of 20 (each raises an escalation). Each chunk is its own unit of work: a crash part-way loses
 * nothing (the chunks not yet done are still due) and repeats nothing (a chunk's nudges, logs
 * and messages commit together, and a person's log is unique per ISO week).
 *
 * Seeded by `seedPlanner` when a programme is created (programmes/create-programme.ts) and, for
 * organisations that had programmes before nudges existed, by the nudges migration; the key is
 * the run's own hour, so seeding again never starts a second chain.
 */
import type { AnswerValue } from '../../domain.js';
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { decideNudges, type PlannedNudge, type PlannedStall } from './decide.js';
import { encodeItem, WAITING_KINDS } from './items.js';
import { DAY, hourKey, nextHour } from './time.js';

const FEATURE = 'nudges';
export const PLAN_JOB = `${FEATURE}.plan`;
export const SEND_JOB = `${FEATURE}.send`;
export const PLAN_KEY_PREFIX = 'nudges:plan:';
/** People per unit of work: one INSERT each of logs, questions and outbox rows. */
export const CHUNK = 500;
/**
 * Stalled pairs per unit of work: each raises an escalation (a card to every coordinator, its
 * re-escalation job, the audit), a dozen statements, so few per transaction; scheduled after
 * the nudges, which the runner takes first.
 */
export const STALL_CHUNK = 20;
/** A question younger than this is not nagged about yet. */
const WAITING_AGE_MS = DAY;
const INBOX_MEMORY_MS = 30 * DAY;

export const planKey = (at: Date) => `${PLAN_KEY_PREFIX}${hourKey(at)}`;

/** Schedules the organisation's next hourly run (idempotent: one job per hour key). */
export async function seedPlanner(work: Pick<Work, 'clock' | 'schedule'>): Promise<void> {
  const due = nextHour(work.clock.now());
  await work.schedule({ kind: PLAN_JOB, key: planKey(due), dueAt: due });
}

function chunked<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const nudgePayload = (n: PlannedNudge): AnswerValue => ({ programmeId: n.programmeId, membershipId: n.membershipId, items: n.items.map(encodeItem), ignoredBefore: n.ignoredBefore, escalate: n.escalateIgnored });
const stallPayload = (s: PlannedStall): AnswerValue => ({ programmeId: s.programmeId, membershipId: s.membershipId, since: s.since.toISOString() });

export const planJob: JobKind = {
  kind: PLAN_JOB,
  async run(work, job) {
    // First, so the chain goes on whatever this run finds; it commits with the rest.
    await seedPlanner(work);
    const now = work.clock.now();
    const org = work.organisation.id;
    const facts = await work.repos.nudges.facts(org, now, {
      waitingKinds: Object.keys(WAITING_KINDS),
      waitingBefore: new Date(now.getTime() - WAITING_AGE_MS),
      inboundSince: new Date(now.getTime() - INBOX_MEMORY_MS),
    });
    const plan = decideNudges(facts, now);
    const hour = job.key.startsWith(PLAN_KEY_PREFIX) ? job.key.slice(PLAN_KEY_PREFIX.length) : hourKey(now);
    const plannedAt = now.toISOString();
    const jobs = [
      ...chunked(plan.nudges, CHUNK).map((chunk, i) => ({ key: `nudges:send:${hour}:${i}`, payload: { plannedAt, nudges: Object.fromEntries(chunk.map((n) => [n.personId, nudgePayload(n)])) } })),
      ...chunked(plan.stalls, STALL_CHUNK).map((chunk, i) => ({ key: `nudges:stalls:${hour}:${i}`, payload: { plannedAt, stalls: Object.fromEntries(chunk.map((s) => [s.matchId, stallPayload(s)])) } })),
    ];
    await work.repos.nudges.scheduleChunks(org, jobs.map((j) => ({ id: work.ids.next(), kind: SEND_JOB, dueAt: now, ...j })), now);
  },
};
