/**
 * `training status`: who in a programme has done what. Built for forty pairs: one summary line,
 * then one short bullet per member (modules done x/y, workshop, follow-ups, last activity), those
 * with training left first, since they are the ones a coordinator follows up. Names and counts
 * only: reflections are never stored, and nothing people wrote in their profiles is shown.
 */
import type { Membership, Programme } from '../../domain.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import { TRAINING_MODULES } from './modules.js';
import type { TrainingRecord } from './ports.js';
import { type Progress, progressOf } from './progress.js';

interface Row {
  name: string;
  progress: Progress;
}

const FOLLOW_UP_IDS = new Set(TRAINING_MODULES.filter((m) => m.followUp).map((m) => m.id));

const complete = (p: Progress): boolean => p.workshop || p.initialDone === p.initial.length;

export async function trainingStatusView(work: Work, t: Translate, programme: Programme): Promise<Outbound> {
  const org = work.organisation.id;
  const members = await work.repos.memberships.listForProgramme(org, programme.id, { status: 'active' });
  const records = await work.repos.training.listForProgramme(org, programme.id);
  const byMember = new Map<string, TrainingRecord[]>();
  for (const r of records) byMember.set(r.membershipId, [...(byMember.get(r.membershipId) ?? []), r]);
  const rows: { role: Membership['role']; row: Row }[] = [];
  for (const m of members) {
    const mine = byMember.get(m.id) ?? [];
    // Follow-ups are counted once someone has done one; offers are not read per member here.
    const progress = progressOf(m, mine, mine.some((r) => FOLLOW_UP_IDS.has(r.moduleId)));
    if (progress) rows.push({ role: m.role, row: { name: await nameOf(work, m), progress } });
  }
  const of = (role: 'mentor' | 'mentee') => rows.filter((r) => r.role === role).map((r) => r.row);
  const [mentors, mentees] = [of('mentor'), of('mentee')];
  const settings = await work.repos.matchingSettings.get(org, programme.id);
  return {
    title: t('course.statusTitle', { programme: programme.name }),
    text: t('course.statusSummary', {
      programme: programme.name,
      mentorsDone: mentors.filter((r) => complete(r.progress)).length,
      mentors: mentors.length,
      menteesDone: mentees.filter((r) => complete(r.progress)).length,
      mentees: mentees.length,
    }),
    sections: [roleSection(t, 'course.statusMentors', mentors), roleSection(t, 'course.statusMentees', mentees)],
    context: [t(settings.trainingRequired ? 'course.statusRequired' : 'course.statusOptional'), t('course.statusCommands')],
  };
}

function roleSection(t: Translate, heading: string, rows: Row[]): Section {
  const done = rows.filter((r) => complete(r.progress)).length;
  const head = t(heading, { count: rows.length, done });
  if (rows.length === 0) return { heading: head, text: t('course.statusNobody') };
  const sorted = [...rows].sort((a, b) => Number(complete(a.progress)) - Number(complete(b.progress)) || a.name.localeCompare(b.name));
  return { heading: head, bullets: sorted.map((r) => memberLine(t, r)) };
}

/** "*Amina Yusuf* 3/7 · workshop · last 12 Oct 2026". */
function memberLine(t: Translate, { name, progress: p }: Row): string {
  const parts = [t('course.statusMember', { name, done: p.initialDone, total: p.initial.length })];
  if (p.workshop) parts.push(t('course.statusWorkshop'));
  if (p.followUpsDone > 0) parts.push(t('course.statusFollowUps', { count: p.followUpsDone }));
  parts.push(p.lastActivity ? t('course.statusLast', { when: p.lastActivity }) : t('course.statusNotStarted'));
  return parts.join(' · ');
}

/** The name given for this programme, else the person's own. */
async function nameOf(work: Work, m: Membership): Promise<string> {
  return m.profile.fullName ?? (await work.personById(m.personId))?.displayName ?? '?';
}
