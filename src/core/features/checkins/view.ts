/**
 * `check-ins`: the coordinator's view of a programme's check-ins, pair by pair — each side's last
 * scores as a trend ("4 → 3 → 2"), how many contacts were answered and left unanswered, the last
 * contact's date, and the comments their authors chose to share with the coordinator. Never an
 * unshared comment: the repository does not hand one out (CheckInRepo.listForMatch).
 */
import type { FlowRun, Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import type { Match } from '../matching/ports.js';
import { rosterOf } from '../matching/roster.js';
import { coordinatorActionFlow, onCoordinatedProgramme } from '../programmes/coordinating.js';
import type { CheckIn } from './ports.js';

/** How many of a side's last scores the trend shows. */
const TREND = 5;

function sideLine(t: Translate, rows: CheckIn[]): string {
  if (rows.length === 0) return t('checkins.viewNone');
  const scores = rows.filter((r) => r.score !== null).map((r) => String(r.score));
  const trend = scores.length > 0 ? scores.slice(-TREND).join(' → ') : t('checkins.viewNoScore');
  const answered = rows.filter((r) => r.status === 'answered').length;
  const unanswered = rows.filter((r) => r.status === 'unanswered').length;
  const last = rows.at(-1)?.sentAt ?? new Date(0);
  return t('checkins.viewSide', { trend, answered, unanswered, date: last });
}

async function pairSection(work: Work, t: Translate, match: Match, name: (id: string) => string): Promise<Section> {
  const rows = await work.repos.checkIns.listForMatch(work.organisation.id, match.id);
  const of = (id: string) => rows.filter((r) => r.membershipId === id);
  const notGood = rows.filter((r) => r.goodMatch === 'no' || r.goodMatch === 'not-sure');
  const shared = rows.filter((r) => r.commentShared && r.comment);
  return {
    heading: t('checkins.viewPair', { mentor: name(match.mentorMembershipId), mentee: name(match.menteeMembershipId) }),
    fields: [
      { label: t('checkins.viewMentor', { name: name(match.mentorMembershipId) }), value: sideLine(t, of(match.mentorMembershipId)) },
      { label: t('checkins.viewMentee', { name: name(match.menteeMembershipId) }), value: sideLine(t, of(match.menteeMembershipId)) },
    ],
    bullets: [
      ...notGood.map((r) => t('checkins.viewGoodMatch', { name: name(r.membershipId), answer: t(`checkins.gm_${(r.goodMatch ?? '').replaceAll('-', '')}`) })),
      ...shared.map((r) => t('checkins.viewShared', { name: name(r.membershipId), date: r.answeredAt ?? r.sentAt, comment: r.comment ?? '' })),
    ],
  };
}

export async function checkInsView(work: Work, t: Translate, programme: Programme): Promise<Outbound> {
  const roster = await rosterOf(work, programme.id);
  const active = await work.repos.matches.listForProgramme(work.organisation.id, programme.id, ['active']);
  const sections = await Promise.all(active.map((m) => pairSection(work, t, m, roster.name)));
  return {
    title: t('checkins.viewTitle', { programme: programme.name }),
    text: active.length > 0 ? t('checkins.viewSummary', { pairs: active.length }) : t('checkins.viewNoPairs', { programme: programme.name }),
    sections,
    context: [t('checkins.viewPrivacy')],
  };
}

const show = async (turn: Turn, programme: Programme) => turn.say(await checkInsView(turn, turn.t, programme));

export const checkInsCommand = (turn: Turn, active: FlowRun | null) => onCoordinatedProgramme(turn, active, 'checkins-view', show);

export const checkInsViewFlow = coordinatorActionFlow('checkins-view', 'checkins.viewFlowTitle', show);
