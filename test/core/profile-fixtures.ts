/**
 * Walks a chat through the profile questions of `join` (and of "edit profile", everything) with
 * answers a test can look for. The one place that knows the walk: role, consent, then the forms
 * about, languages (ticked in a form), levels (Norwegian in CEFR steps), work (education
 * optional, years optional for a mentee), and the role's own form.
 */
import type { Chat } from '../support/harness.js';

export interface ProfileAnswers {
  name?: string;
  region?: string;
  availability?: string;
  languages?: string[];
  levels?: Record<string, string>;
  field?: string;
  profession?: string;
  education?: string;
  /** Years of experience as typed; '' leaves it empty (a mentee may). */
  years?: string;
  goal?: string;
  goal2?: string;
  helpWanted?: string;
  offer?: string;
  capacity?: string;
}

type Role = 'mentee' | 'mentor';

const DEFAULTS: Record<Role, Required<Omit<ProfileAnswers, 'goal2'>>> = {
  mentee: {
    name: 'Amina Yusuf',
    region: 'Oslo',
    availability: 'weekdayEvening',
    languages: ['ar', 'ti'],
    levels: { nb: 'A2', ar: 'native', ti: 'fluent' },
    field: 'health',
    profession: 'Nurse',
    education: 'Nursing degree',
    years: '',
    goal: 'Get authorisation as a nurse',
    helpWanted: 'Understand Norwegian working life',
    offer: '',
    capacity: '',
  },
  mentor: {
    name: 'Ola Nordmann',
    region: 'Oslo',
    availability: 'flexible',
    languages: ['en'],
    levels: { nb: 'native', en: 'fluent' },
    field: 'health',
    profession: 'Doctor',
    education: '',
    years: '20',
    goal: '',
    helpWanted: '',
    offer: 'Network in hospitals',
    capacity: '2',
  },
};

/** Answers every profile form from "about" to the role's own, as `role`. */
export async function fillProfile(chat: Chat, role: Role, a: ProfileAnswers = {}): Promise<void> {
  const d = { ...DEFAULTS[role], ...a };
  await chat.submit({ fullName: d.name, region: d.region, availability: d.availability });
  await chat.submit({ languages: d.languages });
  await chat.submit(d.levels);
  await chat.submit({ field: d.field, profession: d.profession, education: d.education, yearsExperience: d.years });
  if (role === 'mentee') await chat.submit({ goal1: d.goal, ...(a.goal2 ? { goal2: a.goal2 } : {}), helpWanted: d.helpWanted });
  else await chat.submit({ offer: d.offer, capacity: d.capacity });
}

/**
 * From `join CODE` to the saved membership, and reads what it said. When offered the profile
 * given for another programme, she uses it as it is (the forms are not asked, `a` is unused).
 */
export async function joinAs(chat: Chat, role: Role, code: string, a: ProfileAnswers = {}): Promise<void> {
  await chat.say(`join ${code}`);
  await chat.click(role);
  await chat.click('yes');
  const next = await chat.lastPrompt();
  if (next.spec.kind === 'choice') await chat.click('yes'); // "Use it"
  else await fillProfile(chat, role, a);
  await chat.replies();
}

/** From the role question to the saved membership, as a mentee. */
export function joinAsMentee(chat: Chat, code: string, a: ProfileAnswers = {}): Promise<void> {
  return joinAs(chat, 'mentee', code, a);
}

/** From the role question to the saved membership, as a mentor. */
export function joinAsMentor(chat: Chat, code: string, a: ProfileAnswers = {}): Promise<void> {
  return joinAs(chat, 'mentor', code, a);
}
