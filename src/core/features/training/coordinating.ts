/**
 * What a programme's active coordinators do about training, and nobody else: see who has done
 * what (`training status`), record attendance at an in-person workshop (`record workshop`), and
 * remind everyone with modules left (`remind training`). With one programme the status and the
 * reminder happen at once; with several she picks which first (coordinating.ts of programmes).
 */
import type { Membership } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import type { CommandDef } from '../../kernel/feature.js';
import { coordinatedProgramme, coordinatorActionFlow, coordinatorSteps, onCoordinatedProgramme, type ProgrammeAction, startAsCoordinator } from '../programmes/coordinating.js';
import { trainingCompleted } from './done.js';
import { REMIND_JOB } from './offers.js';
import { WORKSHOP_MODULE } from './ports.js';
import { modulesLeft } from './status.js';
import { trainingStatusView } from './status-view.js';

/** Separates a member's id and label in a stored option (as which-programme.ts does). */
const SEP = '\u001f';

type Action = ProgrammeAction;

const showStatus: Action = async (turn, programme) => turn.say(await trainingStatusView(turn, turn.t, programme));

/** The day in the coordinator's time zone: a second reminder that day reminds nobody again. */
const dayOf = (turn: Turn): string => new Intl.DateTimeFormat('en-CA', { timeZone: turn.person.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(turn.clock.now());

/**
 * One reminder job per member with modules left, keyed by member and day, so reminding twice in
 * a day schedules nothing more. The job sends it moments later and checks again first.
 */
const remind: Action = async (turn, programme) => {
  const org = turn.organisation.id;
  const members = await turn.repos.memberships.listForProgramme(org, programme.id, { status: 'active' });
  const records = await turn.repos.training.listForProgramme(org, programme.id);
  const left = members.filter((m) => modulesLeft(m, records.filter((r) => r.membershipId === m.id)).length > 0);
  let sent = 0;
  for (const m of left) {
    if (await turn.schedule({ kind: REMIND_JOB, key: `${REMIND_JOB}:${m.id}:${dayOf(turn)}`, dueAt: turn.clock.now(), payload: { membershipId: m.id } })) sent += 1;
  }
  const key = left.length === 0 ? 'course.remindNobody' : sent === 0 ? 'course.remindAlready' : 'course.remindSent';
  turn.say({ key, params: { count: sent, left: left.length, programme: programme.name } });
};

export const statusFlow = coordinatorActionFlow('training-status', 'course.flowStatus', showStatus);
export const remindFlow = coordinatorActionFlow('training-remind', 'course.flowRemind', remind);

/** `record workshop`: she ticks who attended; each gets a workshop record and is told. */
export const workshopFlow: FlowDefinition = {
  id: 'training-workshop',
  version: 1,
  title: 'course.flowWorkshop',
  start: 'route',
  steps: {
    ...coordinatorSteps('people'),
    people: {
      kind: 'act',
      run: async (ctx) => {
        const org = ctx.person.organisationId;
        const programmeId = String(ctx.answers.programmeId);
        const records = await ctx.repos.training.listForProgramme(org, programmeId);
        const recorded = new Set(records.filter((r) => r.moduleId === WORKSHOP_MODULE).map((r) => r.membershipId));
        const members = (await ctx.repos.memberships.listForProgramme(org, programmeId, { status: 'active' })).filter((m) => m.role !== 'coordinator' && !recorded.has(m.id));
        if (members.length === 0) {
          ctx.say({ key: 'course.workshopNobody', params: { programme: String(ctx.answers.programmeName ?? '') } });
          return null;
        }
        const labelled = await Promise.all(members.map(async (m) => `${m.id}${SEP}${ctx.t('course.workshopOption', { name: await nameOf(ctx, m), role: ctx.t(`roles.${m.role}`) })}`));
        ctx.remember('people', labelled.sort((a, b) => (a.split(SEP)[1] ?? '').localeCompare(b.split(SEP)[1] ?? '')));
        return 'pick';
      },
    },
    pick: {
      kind: 'ask',
      key: 'chosen',
      text: (ctx) => ({ key: 'course.workshopWho', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: (ctx) => {
        const people = Array.isArray(ctx.answers.people) ? ctx.answers.people : [];
        const options = people.map((p) => {
          const [value = '', label = ''] = p.split(SEP);
          return { value, label, literal: true };
        });
        return { kind: 'multi', options, min: 1, max: options.length, submitLabel: 'course.workshopSubmit' };
      },
      next: 'save',
    },
    save: { kind: 'act', run: saveWorkshop },
  },
};

async function saveWorkshop(ctx: StepContext): Promise<null> {
  const chosen = Array.isArray(ctx.answers.chosen) ? ctx.answers.chosen : [];
  // The members' names were only needed for the question: the finished run keeps none of them.
  ctx.forgetAnswers();
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  let count = 0;
  for (const id of chosen) {
    const member = await ctx.repos.memberships.get(org, id);
    if (!member || member.programmeId !== programme.id || member.status !== 'active' || member.role === 'coordinator') continue;
    const before = modulesLeft(member, await ctx.repos.training.listForMembership(org, member.id));
    const recorded = await ctx.repos.training.record({ id: ctx.ids.next(), organisationId: org, programmeId: programme.id, membershipId: member.id, moduleId: WORKSHOP_MODULE, via: 'workshop', recordedById: ctx.person.id, completedAt: ctx.clock.now() });
    if (!recorded) continue; // another coordinator recorded it first
    count += 1;
    await ctx.turn.tell(member.personId, (t) => ({ text: t('course.workshopNotice', { programme: programme.name, name: ctx.person.displayName }) }));
    if (before.length > 0) await trainingCompleted(ctx.turn, member, false);
  }
  ctx.say({ key: 'course.workshopDone', params: { count, programme: programme.name } });
  return null;
}

async function nameOf(ctx: StepContext, m: Membership): Promise<string> {
  return m.profile.fullName ?? (await ctx.turn.personById(m.personId))?.displayName ?? '?';
}

export const coordinatorCommands: CommandDef[] = [
  { name: 'trainingStatus', run: (turn, _a, { active }) => onCoordinatedProgramme(turn, active, 'training-status', showStatus) },
  { name: 'recordWorkshop', run: (turn, _a, { active }) => startAsCoordinator(turn, 'training-workshop', active) },
  { name: 'remindTraining', run: (turn, _a, { active }) => onCoordinatedProgramme(turn, active, 'training-remind', remind) },
];
