/**
 * A programme's mentors and mentees as the coordinator's matching views read them: every
 * membership once, with the name people know them by in this programme. One read per view, so a
 * programme of forty pairs costs the same few statements however many lines it shows.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';

/** Separates a stored option's value and label ("id␟name"); neither can contain it. */
export const SEP = '\u001f';
export const option = (value: string, label: string) => `${value}${SEP}${label}`;
/** A stored option back as a choice's option (labels are names: shown as written, never as keys). */
export const fromOption = (stored: string) => {
  const [value = '', label = ''] = stored.split(SEP);
  return { value, label, literal: true };
};
export const storedOptions = (answer: unknown) => (Array.isArray(answer) ? answer.map((s) => fromOption(String(s))) : []);

export interface Roster {
  /** Every membership of the programme, left ones included (history names them). */
  all: Membership[];
  byId: Map<string, Membership>;
  /** Active mentors and mentees with a finished profile (coordinators are not matched). */
  mentors: Membership[];
  mentees: Membership[];
  name(membershipId: string): string;
}

export async function rosterOf(work: Work, programmeId: string): Promise<Roster> {
  const all = await work.repos.memberships.listForProgramme(work.organisation.id, programmeId);
  const names = new Map<string, string>();
  for (const m of all) names.set(m.id, m.profile.fullName ?? (await work.personById(m.personId))?.displayName ?? '?');
  const ready = (role: Membership['role']) =>
    all.filter((m) => m.role === role && m.status === 'active' && m.profileDoneAt !== null).sort((a, b) => (names.get(a.id) ?? '').localeCompare(names.get(b.id) ?? ''));
  return { all, byId: new Map(all.map((m) => [m.id, m])), mentors: ready('mentor'), mentees: ready('mentee'), name: (id) => names.get(id) ?? '?' };
}

export const DAY_MS = 24 * 60 * 60 * 1000;
/** Whole days from `since` to `now` (0 on the first day). */
export const daysSince = (since: Date, now: Date) => Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
