/**
 * Pausing, reopening and closing a programme. Paused: it takes no new members for now and can be
 * reopened; closed: it takes no new members, for good (so closing asks first). Members already in
 * it stay. Each change is one conditional update, so two coordinators acting at once cannot both
 * succeed; the other coordinators are told, and an audit entry records who did it.
 */
import type { Programme } from '../../domain.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { coordinatedProgramme, coordinatorSteps, tellOtherCoordinators } from './coordinating.js';

type Status = Programme['status'];

interface Change {
  from: readonly Status[];
  to: Status;
  action: string;
  done: string;
  notice: string;
}

export const PAUSE: Change = { from: ['open', 'draft'], to: 'paused', action: 'programme:paused', done: 'programme.pausedDone', notice: 'programme.pausedNotice' };
export const REOPEN: Change = { from: ['paused'], to: 'open', action: 'programme:reopened', done: 'programme.reopenedDone', notice: 'programme.reopenedNotice' };
export const CLOSE: Change = { from: ['open', 'draft', 'paused'], to: 'closed', action: 'programme:closed', done: 'programme.closedDone', notice: 'programme.closedNotice' };

/** Why a change does not apply to a programme in this status (already paused, closed for good…). */
const NOT_NOW: Record<Status, string> = {
  draft: 'programme.notOpen',
  open: 'programme.alreadyOpen',
  paused: 'programme.alreadyPaused',
  closed: 'programme.alreadyClosed',
};

export function notApplicable(programme: Programme): { key: string; params: { programme: string } } {
  return { key: NOT_NOW[programme.status], params: { programme: programme.name } };
}

async function apply(ctx: StepContext, change: Change): Promise<null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const org = ctx.person.organisationId;
  const changed = await ctx.repos.programmes.changeStatus(org, programme.id, change.from, change.to);
  if (!changed) {
    // Someone changed it first (or it was never in a state this applies to): say how it stands now.
    ctx.say(notApplicable((await ctx.repos.programmes.get(org, programme.id)) ?? programme));
    return null;
  }
  await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: change.action, subjectType: 'Programme', subjectId: programme.id, data: { from: programme.status } });
  ctx.say({ key: change.done, params: { programme: programme.name } });
  await tellOtherCoordinators(ctx.turn, programme.id, (t) => t(change.notice, { name: ctx.person.displayName, programme: programme.name }));
  return null;
}

function changeFlow(id: string, title: string, change: Change): FlowDefinition {
  return { id, version: 1, title, start: 'route', steps: { ...coordinatorSteps('apply'), apply: { kind: 'act', run: (ctx) => apply(ctx, change) } } };
}

export const pauseProgrammeFlow = changeFlow('pause-programme', 'programme.flowPause', PAUSE);
export const reopenProgrammeFlow = changeFlow('reopen-programme', 'programme.flowReopen', REOPEN);

export const closeProgrammeFlow: FlowDefinition = {
  id: 'close-programme',
  version: 1,
  title: 'programme.flowClose',
  start: 'route',
  steps: {
    ...coordinatorSteps('confirm'),
    confirm: {
      kind: 'ask',
      key: 'confirm',
      text: (ctx) => ({ key: 'programme.closeConfirm', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: { kind: 'choice', options: [{ value: 'yes', label: 'programme.closeYes', style: 'danger' }, { value: 'no', label: 'programme.closeNo' }] },
      next: (ctx) => (ctx.answers.confirm === 'yes' ? 'apply' : 'kept'),
    },
    kept: { kind: 'say', text: (ctx) => ({ key: 'programme.closeKept', params: { programme: String(ctx.answers.programmeName ?? '') } }), next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    apply: { kind: 'act', run: (ctx) => apply(ctx, CLOSE) },
  },
};
