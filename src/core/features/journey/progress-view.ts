/**
 * `progress`: the coordinator's view of how each pair is doing, for a programme of forty pairs:
 * one line per pair with what the programme needs to see and nothing a participant keeps to
 * themselves: since when, whether the agreement is confirmed (the date, never its words),
 * meetings held and the next one, the meeting ratings and how many reflections were done (never
 * their text), and each agreed goal's step (never the goal's words). Pairs that need a look (no
 * agreement after a month, no meeting for six weeks, a low rating) come first.
 */
import type { FlowRun, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound } from '../../messages.js';
import { goalProgressFacts } from '../goals/ask.js';
import type { Match } from '../matching/ports.js';
import { DAY_MS, rosterOf } from '../matching/roster.js';
import { meetingFacts } from '../meetings/view.js';
import { coordinatorActionFlow, onCoordinatedProgramme } from '../programmes/coordinating.js';
import { reflectionFacts } from '../reflections/view.js';
import { agreementStatus } from './agreement-side.js';

/** How long a pair may go without an agreement or a meeting before the view puts it first. */
const AGREEMENT_DUE_DAYS = 30;
const MEETING_DUE_DAYS = 42;
/** A meeting rated this or lower puts the pair first. */
const LOW_RATING = 2;

interface PairLine {
  attention: string[];
  text: string;
}

async function pairLine(work: Work, t: Translate, match: Match, name: (id: string) => string): Promise<PairLine> {
  const now = work.clock.now();
  const since = match.startedAt ?? match.createdAt;
  const [agreement, meetings, reflections, goals] = await Promise.all([
    agreementStatus(work, match.id),
    meetingFacts(work, match.id),
    reflectionFacts(work, match.id),
    goalProgressFacts(work, match.id),
  ]);
  const attention: string[] = [];
  const days = (d: Date) => (now.getTime() - d.getTime()) / DAY_MS;
  if (!agreement?.confirmedAt && days(since) > AGREEMENT_DUE_DAYS) attention.push(t('progress.flagNoAgreement'));
  const lastContact = meetings.lastHeldAt ?? since;
  if (!meetings.nextAt && days(lastContact) > MEETING_DUE_DAYS) attention.push(t('progress.flagNoMeeting', { days: Math.floor(days(lastContact)) }));
  const ratings = reflections ? [...reflections.mentor.ratings, ...reflections.mentee.ratings] : [];
  const lastRating = ratings.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
  if (lastRating && lastRating.rating <= LOW_RATING) attention.push(t('progress.flagLowRating', { rating: lastRating.rating }));
  const parts = [
    t('progress.since', { date: since }),
    agreementText(t, agreement),
    t('progress.meetings', { held: meetings.held, planned: meetings.planned }),
    ...(meetings.nextAt ? [t('progress.next', { date: meetings.nextAt })] : []),
    ...(ratings.length > 0 ? [t('progress.ratings', { average: average(ratings.map((r) => r.rating)), count: ratings.length })] : []),
    t('progress.reflections', { mentee: reflections?.mentee.reflections ?? 0, mentor: reflections?.mentor.reflections ?? 0 }),
    ...(goals.length > 0 ? [t('progress.goals', { done: goals.filter((g) => g.step === 'done').length, total: goals.length })] : []),
  ];
  const pair = t('progress.pair', { mentor: name(match.mentorMembershipId), mentee: name(match.menteeMembershipId) });
  return { attention, text: `${pair}: ${parts.join(' · ')}${attention.length > 0 ? ` — ${attention.join(', ')}` : ''}` };
}

function agreementText(t: Translate, agreement: Awaited<ReturnType<typeof agreementStatus>>): string {
  if (!agreement) return t('progress.agreementNone');
  if (!agreement.confirmedAt) return t('progress.agreementProposed');
  const confirmed = t('progress.agreementConfirmed', { version: agreement.version, date: agreement.confirmedAt });
  return agreement.pending ? `${confirmed} (${t('progress.agreementChanging')})` : confirmed;
}

/** One decimal, as people read a rating ("4.5"); the locale's comma comes from the message format. */
const average = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;

/** No pair running: after the year "no pairs yet" would be wrong, so the ended ones are counted and outcomes named. */
async function noneRunning(work: Work, t: Translate, programme: Programme): Promise<string> {
  const ended = await work.repos.matches.listForProgramme(work.organisation.id, programme.id, ['ended']);
  return ended.length > 0 ? t('progress.noneRunning', { programme: programme.name, ended: ended.length }) : t('progress.noPairs', { programme: programme.name });
}

export async function progressView(work: Work, t: Translate, programme: Programme): Promise<Outbound> {
  const roster = await rosterOf(work, programme.id);
  const active = await work.repos.matches.listForProgramme(work.organisation.id, programme.id, ['active']);
  const lines = await Promise.all(active.map((m) => pairLine(work, t, m, roster.name)));
  const first = lines.filter((l) => l.attention.length > 0);
  const rest = lines.filter((l) => l.attention.length === 0);
  const sections = [
    ...(first.length > 0 ? [{ heading: t('progress.needsLook', { count: first.length }), bullets: first.map((l) => l.text) }] : []),
    ...(rest.length > 0 ? [{ heading: t('progress.onTrack', { count: rest.length }), bullets: rest.map((l) => l.text) }] : []),
  ];
  return {
    title: t('progress.title', { programme: programme.name }),
    text: active.length > 0 ? t('progress.summary', { programme: programme.name, pairs: active.length, attention: first.length }) : await noneRunning(work, t, programme),
    sections,
    context: [t('progress.privacy')],
  };
}

const showProgress = async (turn: Turn, programme: Programme) => turn.say(await progressView(turn, turn.t, programme));

export const progressCommand = (turn: Turn, active: FlowRun | null) => onCoordinatedProgramme(turn, active, 'progress-view', showProgress);

export const progressViewFlow = coordinatorActionFlow('progress-view', 'progress.flowTitle', showProgress);
