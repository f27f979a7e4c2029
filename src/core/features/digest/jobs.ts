/**
 * The weekly digest's job: one chain per coordinator membership (DIGEST_JOB, key
 * `digest:<membershipId>:<local date>`), due Monday 08:00 in the coordinator's own time zone,
 * each run scheduling the next Monday (read again each week, so a changed zone is followed). A
 * chain stops when the membership is no longer an active coordinator's, or the programme closed.
 *
 * Seeding: where someone becomes a coordinator — creating a programme
 * (programmes/create-programme.ts) and redeeming a co-coordinator invite (programmes/invites.ts)
 * call `seedDigest` — and, for coordinators from before the digest existed, whenever a pair of
 * their programme starts (checkins/schedule.ts, planCheckIns, calls `seedDigests`). Scheduling is
 * by key, so seeding twice keeps one.
 */
import type { Membership } from '../../domain.js';
import type { JobKind } from '../../kernel/feature.js';
import type { Work } from '../../kernel/work.js';
import { addToDate, localDate } from '../checkins/cadence.js';
import { zonedMoment } from '../matching/cohort-reveal.js';
import { digestView } from './view.js';

export const DIGEST_JOB = ['digest', 'weekly'].join('.');
const LOCAL_TIME = '08:00';
const MONDAY = 1;

/** The first Monday 08:00 in `zone` after `now`. */
export function nextMonday(now: Date, zone: string): { at: Date; date: string } {
  const today = localDate(now, zone);
  for (let d = 0; d <= 7; d += 1) {
    const date = addToDate(today, d);
    const at = zonedMoment(date, LOCAL_TIME, zone);
    if (new Date(`${date}T12:00:00Z`).getUTCDay() === MONDAY && at > now) return { at, date };
  }
  const date = addToDate(today, 7);
  return { at: zonedMoment(date, LOCAL_TIME, zone), date };
}

/** Schedules the coordinator's next digest (by key: seeding twice keeps one). */
export async function seedDigest(work: Work, membership: Pick<Membership, 'id' | 'personId'>): Promise<void> {
  const zone = (await work.personById(membership.personId))?.timeZone ?? 'Europe/Oslo';
  const next = nextMonday(work.clock.now(), zone);
  await work.schedule({ kind: DIGEST_JOB, key: `digest:${membership.id}:${next.date}`, dueAt: next.at, payload: { membershipId: membership.id } });
}

/** Seeds the digest of each of the programme's active coordinators. */
export async function seedDigests(work: Work, programmeId: string): Promise<void> {
  for (const c of await work.repos.memberships.listForProgramme(work.organisation.id, programmeId, { role: 'coordinator', status: 'active' })) await seedDigest(work, c);
}

export const digestJob: JobKind = {
  kind: DIGEST_JOB,
  async run(work, job) {
    const org = work.organisation.id;
    const membership = await work.repos.memberships.get(org, String(job.payload.membershipId ?? ''));
    if (membership?.role !== 'coordinator' || membership.status !== 'active') return;
    const programme = await work.repos.programmes.get(org, membership.programmeId);
    if (!programme || programme.status === 'closed') return;
    const reader = await work.personById(membership.personId);
    if (reader) work.sayTo(membership.personId, await digestView(work, work.tFor(reader), programme));
    await seedDigest(work, membership);
  },
};
