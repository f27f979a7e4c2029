/**
 * A coordinator's view of her programme: its details and join code, then how many people are at
 * each stage, then the names by role and stage. Built for forty pairs: counts first, and one line
 * of names per stage rather than a line per person. Names, roles and stages only: what people
 * wrote in their profiles (goals, what they want help with) is never shown here.
 */
import type { Membership, Programme, Role } from '../../domain.js';
import type { Section } from '../../messages.js';
import type { Translate, Work } from '../../kernel/work.js';
import { memberStage, STAGE_LABELS, STAGES, stageFacts, type StageFacts } from './stages.js';

const STATUS_LABELS: Record<Programme['status'], string> = {
  draft: 'programme.statusDraft',
  open: 'programme.statusOpen',
  paused: 'programme.statusPaused',
  closed: 'programme.statusClosed',
};

/** A date stored as YYYY-MM-DD, at noon UTC so every time zone shows the same day. */
export const calendarDate = (iso: string): Date => new Date(`${iso}T12:00:00Z`);

type Named = { membership: Membership; name: string };

export async function programmeView(work: Work, t: Translate, programme: Programme): Promise<{ text: string; title: string; sections: Section[]; context: string[] }> {
  const org = work.organisation.id;
  const members = await named(work, await work.repos.memberships.listForProgramme(org, programme.id, { status: 'active' }));
  const facts = await stageFacts(work, programme.id);
  const byRole = (role: Role) => members.filter((m) => m.membership.role === role);
  const unfinished = (await work.repos.flowRuns.listByFlow(org, 'join', 'active')).filter((r) => r.programmeId === programme.id).length;
  const [coordinators, mentors, mentees] = [byRole('coordinator'), byRole('mentor'), byRole('mentee')];
  const status = t(STATUS_LABELS[programme.status]);
  return {
    // Through Texts, like every name below: what people typed stays literal, never the bot's emphasis.
    title: t('programme.viewTitle', { programme: programme.name }),
    // One line (the notification's text): the details, counts and code follow once each, below.
    text: t('programme.viewSummary', { programme: programme.name, status }),
    sections: [
      {
        text: t('programme.viewPurpose', { purpose: programme.purpose }),
        fields: [
          { label: t('programme.viewStatus'), value: status },
          { label: t('programme.viewDates'), value: t('programme.dates', { startsOn: calendarDate(programme.startsOn), endsOn: calendarDate(programme.endsOn) }) },
          { label: t('programme.meetingFrequency'), value: t(`frequency.${programme.meetingFrequency}`) },
          { label: t('programme.viewJoinCode'), value: `*${programme.joinCode}*` },
        ],
      },
      {
        heading: t('programme.viewStages'),
        bullets: [
          t('programme.viewCoordinatorCount', { count: coordinators.length }),
          stageCounts(t, 'programme.viewMentorCount', mentors, facts),
          stageCounts(t, 'programme.viewMenteeCount', mentees, facts),
          ...(unfinished > 0 ? [t('programme.viewUnfinished', { count: unfinished })] : []),
        ],
      },
      { heading: t('programme.viewCoordinators', { count: coordinators.length }), text: t('programme.viewNames', { names: names(coordinators) }) },
      roleSection(t, t('programme.viewMentors', { count: mentors.length }), mentors, facts),
      roleSection(t, t('programme.viewMentees', { count: mentees.length }), mentees, facts),
    ],
    context: [t('programme.viewCommands')],
  };
}

/** "Mentors: 40 (profile done: 38 · signed up: 2)". */
function stageCounts(t: Translate, key: string, members: Named[], facts: StageFacts): string {
  const parts = STAGES.map((stage) => ({ stage, count: members.filter((m) => memberStage(m.membership, facts) === stage).length }))
    .filter((p) => p.count > 0)
    .map((p) => t('programme.stageCount', { stage: t(STAGE_LABELS[p.stage]), count: p.count }));
  return t(key, { count: members.length, stages: parts.join(' · ') });
}

/** One bullet per stage that has anyone, latest stage first: "*Profile done (38):* Amina, …". */
function roleSection(t: Translate, heading: string, members: Named[], facts: StageFacts): Section {
  if (members.length === 0) return { heading, text: t('programme.viewNobody') };
  const bullets = [...STAGES].reverse().flatMap((stage) => {
    const here = members.filter((m) => memberStage(m.membership, facts) === stage);
    return here.length ? [t('programme.viewStageNames', { stage: t(STAGE_LABELS[stage]), count: here.length, names: names(here) })] : [];
  });
  return { heading, bullets };
}

const names = (members: Named[]): string => members.map((m) => m.name).join(', ');

/** Each member's name as given for this programme (the person's name where none was given), sorted. */
async function named(work: Work, memberships: Membership[]): Promise<Named[]> {
  const out: Named[] = [];
  for (const membership of memberships) {
    const name = membership.profile.fullName ?? (await work.personById(membership.personId))?.displayName ?? '?';
    out.push({ membership, name });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
