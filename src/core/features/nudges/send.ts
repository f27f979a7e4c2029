/**
 * The send job: one chunk of a plan, in one unit of work. The logs go in first, one INSERT that
 * skips anyone nudged this ISO week already; only the people it inserted get their question
 * (one INSERT) and message (the unit's one outbox INSERT), so a chunk run twice, or a plan run
 * twice for one hour, sends nobody a second nudge. A chunk that waited more than an hour (the bot
 * was down) is dropped: its people may be asleep now, and the next hourly run plans them afresh.
 * Three ignored nudges in a row, and a pair with no meeting for twice its interval, reach the
 * programme's coordinators through escalations (raised once each, by their source key).
 */
import type { Answers, OpenQuestion } from '../../domain.js';
import type { Outbound } from '../../messages.js';
import type { JobKind } from '../../kernel/feature.js';
import { QUESTION_PREFIX, renderOpen } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { raiseEscalation } from '../escalations/raise.js';
import { decodeItems } from './items.js';
import { NUDGE_KIND, nudgeKind } from './question.js';
import { SEND_JOB } from './plan.js';
import { HOUR, isoWeek, WEEK } from './time.js';

interface Entry {
  personId: string;
  programmeId: string;
  membershipId: string;
  items: string[];
  ignoredBefore: number;
  escalate: boolean;
}

const obj = (v: unknown): Answers => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Answers) : {});

function entries(payload: Answers): Entry[] {
  return Object.entries(obj(payload.nudges)).map(([personId, raw]) => {
    const v = obj(raw);
    return {
      personId,
      programmeId: String(v.programmeId ?? ''),
      membershipId: String(v.membershipId ?? ''),
      items: Array.isArray(v.items) ? v.items.filter((s): s is string => typeof s === 'string') : [],
      ignoredBefore: Number(v.ignoredBefore ?? 0),
      escalate: v.escalate === true,
    };
  });
}

async function sendNudges(work: Work, list: Entry[], plannedAt: Date): Promise<void> {
  const org = work.organisation.id;
  const readers = new Map((await work.repos.nudges.readers(org, list.map((e) => e.personId))).map((r) => [r.id, r]));
  const week = isoWeek(plannedAt);
  const planned = list.filter((e) => readers.has(e.personId) && e.items.length > 0).map((entry) => ({ entry, questionId: `${QUESTION_PREFIX}${work.ids.next()}` }));
  const rows = planned.map(({ entry: e, questionId }) => ({ id: work.ids.next(), organisationId: org, programmeId: e.programmeId, personId: e.personId, week, sentAt: plannedAt, items: e.items, questionId, ignoredBefore: e.ignoredBefore }));
  const inserted = await work.repos.nudges.record(rows);
  const now = work.clock.now();
  // Answerable for a week: the next nudge, if any, comes with buttons of its own.
  const expiresAt = new Date(plannedAt.getTime() + WEEK);
  const questions: OpenQuestion[] = planned
    .filter(({ entry }) => inserted.has(entry.personId))
    .map(({ entry: e, questionId }) => ({
      id: questionId, organisationId: org, programmeId: e.programmeId, kind: NUDGE_KIND, subjectType: 'membership', subjectId: e.membershipId,
      audience: [e.personId], data: { membershipId: e.membershipId, items: e.items }, status: 'open', expiresAt,
      answeredById: null, answeredAt: null, answer: null, createdAt: now,
    }));
  await work.repos.nudges.createQuestions(questions);
  // Straight into the outbox, in this transaction, rather than through work.tell: `readers` has
  // each person's platform and language already, and most people of a chunk read the same words
  // (same language, same list), so each distinct text is formatted once and given each
  // question's own prompt id. (The unit's flush now reads its recipients' platforms in one
  // statement too; it once read them one by one, and a plan of 20,000 took half a minute.)
  const rendered = new Map<string, Outbound>();
  await work.repos.outbox.enqueueMany(
    questions.flatMap((q) => {
      const reader = readers.get(q.audience[0] as string);
      if (!reader) return [];
      const key = `${reader.locale}|${reader.timeZone}|${decodeItems(q.data.items).map((i) => `${i.code}:${i.count}:${i.days ?? ''}`).join()}`;
      const text = rendered.get(key) ?? renderOpen(nudgeKind, (k, params) => work.texts.t(reader.locale, k, params, reader.timeZone), q);
      rendered.set(key, text);
      const payload = text.prompt ? { ...text, prompt: { ...text.prompt, id: q.id } } : text;
      return [{ id: work.ids.next(), organisationId: org, personId: reader.id, platform: reader.platform ?? work.organisation.platform, payload, nextAttemptAt: now, createdAt: now }];
    }),
  );
  for (const e of planned.map((p) => p.entry).filter((e) => e.escalate && inserted.has(e.personId))) {
    await raiseEscalation(work, { programmeId: e.programmeId, matchId: null, membershipId: e.membershipId, trigger: 'nudges-ignored', sourceKey: `nudges-ignored:${e.membershipId}:${week}` });
  }
}

async function raiseStalls(work: Work, payload: Answers): Promise<void> {
  const stalls = Object.entries(obj(payload.stalls)).map(([matchId, raw]) => {
    const v = obj(raw);
    return { matchId, programmeId: String(v.programmeId ?? ''), membershipId: String(v.membershipId ?? ''), since: new Date(String(v.since ?? '')) };
  }).filter((s) => !Number.isNaN(s.since.getTime()));
  const fresh = await work.repos.nudges.recordStalls(work.organisation.id, stalls.map(({ matchId, since }) => ({ matchId, since })), work.clock.now());
  for (const s of stalls.filter((s) => fresh.has(s.matchId))) {
    await raiseEscalation(work, { programmeId: s.programmeId, matchId: s.matchId, membershipId: s.membershipId, trigger: 'no-meetings', sourceKey: `stalled:${s.matchId}:${s.since.toISOString()}` });
  }
}

export const sendJob: JobKind = {
  kind: SEND_JOB,
  async run(work, job) {
    const plannedAt = new Date(String(job.payload.plannedAt ?? ''));
    if (Number.isNaN(plannedAt.getTime())) return;
    if (work.clock.now().getTime() - plannedAt.getTime() <= HOUR) await sendNudges(work, entries(job.payload), plannedAt);
    // A stall stays true however late: the coordinators still hear of it.
    await raiseStalls(work, job.payload);
  },
};
