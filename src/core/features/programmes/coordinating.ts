/**
 * What only a programme's coordinators may do, and how a command settles which programme: the
 * person's programmes where they are an active coordinator; one is used as it is, several are
 * offered as a choice fixed when the flow starts; the flow checks again when it acts, since a
 * click may come after she has left.
 */
import { EMPTY_PROFILE, type FlowRun, type Membership, type Programme } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import type { FlowDefinition, Msg, Step, StepContext } from '../../engine/types.js';
import { programmeAnswers, whichProgrammeSteps } from '../../kernel/which-programme.js';

export type Coordinated = { membership: Membership; programme: Programme }[];

/** The programmes the turn's person actively coordinates, oldest first (one read). */
export async function coordinatedBy(turn: Turn): Promise<Coordinated> {
  const mine = await turn.repos.memberships.listWithProgrammes(turn.organisation.id, turn.person.id, 'active');
  return mine.filter((m) => m.membership.role === 'coordinator');
}

/** Whether `personId` is an active coordinator of the programme now. */
export async function isCoordinatorOf(ctx: Pick<StepContext, 'repos'>, organisationId: string, programmeId: string, personId: string): Promise<boolean> {
  const membership = await ctx.repos.memberships.find(organisationId, programmeId, personId);
  return membership?.status === 'active' && membership.role === 'coordinator';
}

/**
 * Starts `flowId` about one of the programmes the person coordinates that `applies` to. Nobody
 * but a coordinator gets further than the refusal; `none` is said when she coordinates some but
 * none it applies to (no paused programme to reopen).
 */
export async function startAsCoordinator(
  turn: Turn,
  flowId: string,
  active: FlowRun | null,
  opts: { applies?: (p: Programme) => boolean; none?: Msg } = {},
): Promise<void> {
  const mine = await coordinatedBy(turn);
  if (mine.length === 0) return turn.say({ key: 'programme.coordinatorsOnly' });
  const eligible = mine.map((m) => m.programme).filter((p) => !opts.applies || opts.applies(p));
  if (eligible.length === 0) return turn.say(opts.none ?? { key: 'programme.coordinatorsOnly' });
  await turn.engine.start(turn, flowId, { answers: programmeAnswers(eligible), active });
}

/**
 * Steps `route`, `pick`, `load`, then `next`, with answers programmeId and programmeName. `load`
 * ends the flow with the refusal when the person no longer coordinates the programme.
 */
export function coordinatorSteps(next: string): Record<string, Step> {
  return whichProgrammeSteps({
    kind: 'act',
    run: async (ctx) => {
      const programme = await coordinatedProgramme(ctx);
      if (!programme) return null;
      ctx.remember('programmeName', programme.name);
      return next;
    },
  });
}

/**
 * The run's programme when the person still coordinates it; otherwise says so and gives null.
 * Act steps that change something call it again, right before the change.
 */
export async function coordinatedProgramme(ctx: StepContext): Promise<Programme | null> {
  const org = ctx.person.organisationId;
  const programmeId = String(ctx.answers.programmeId ?? '');
  const programme = programmeId ? await ctx.repos.programmes.get(org, programmeId) : null;
  if (!programme || !(await isCoordinatorOf(ctx, org, programme.id, ctx.person.id))) {
    ctx.say({ key: 'programme.coordinatorsOnly' });
    return null;
  }
  return programme;
}

/** Tells the programme's other active coordinators something (each in their own language). */
export async function tellOtherCoordinators(turn: Turn, programmeId: string, build: (t: Turn['t']) => string): Promise<void> {
  const coordinators = await turn.repos.memberships.listForProgramme(turn.organisation.id, programmeId, { role: 'coordinator', status: 'active' });
  for (const c of coordinators) {
    if (c.personId !== turn.person.id) await turn.tell(c.personId, (t) => ({ text: build(t) }));
  }
}

/**
 * A new coordinator's membership. Coordinators keep no matching profile, only the name people
 * know them by; they consent to no programme notice (they run the programme), hence no version.
 */
export function coordinatorMembership(ctx: Pick<StepContext, 'ids' | 'person'>, programmeId: string, now: Date): Membership {
  return {
    id: ctx.ids.next(),
    organisationId: ctx.person.organisationId,
    programmeId,
    personId: ctx.person.id,
    role: 'coordinator',
    status: 'active',
    consentedAt: now,
    consentVersion: null,
    profileDoneAt: null,
    profile: { ...EMPTY_PROFILE, fullName: ctx.person.displayName },
    joinedAt: now,
    leftAt: null,
  };
}

/** Something a coordinator does to one of her programmes (show a view, send reminders…). */
export type ProgrammeAction = (turn: Turn, programme: Programme) => Promise<void>;

/**
 * Runs `action` on her one programme at once (whatever she was doing stays as it was), or starts
 * `flowId` (made with `coordinatorActionFlow`) for her to pick one of several.
 */
export async function onCoordinatedProgramme(turn: Turn, active: FlowRun | null, flowId: string, action: ProgrammeAction): Promise<void> {
  const mine = await coordinatedBy(turn);
  if (mine.length === 1 && mine[0]) return action(turn, mine[0].programme);
  await startAsCoordinator(turn, flowId, active);
}

/** A flow that settles the programme, checks she still coordinates it, then runs `action`. */
export function coordinatorActionFlow(id: string, title: string, action: ProgrammeAction): FlowDefinition {
  const run = async (ctx: StepContext) => {
    const programme = await coordinatedProgramme(ctx);
    if (programme) await action(ctx.turn, programme);
    return null;
  };
  return { id, version: 1, title, start: 'route', steps: { ...coordinatorSteps('act'), act: { kind: 'act', run } } };
}
