/**
 * `edit programme`: the create form again, filled in with what is stored, checked the same way;
 * the change is stored in one step at the end, with an audit entry naming the fields changed.
 */
import type { FlowDefinition } from '../../engine/types.js';
import { coordinatedProgramme, coordinatorSteps } from './coordinating.js';
import { detailsFrom, formValues, programmeForm } from './form.js';
import type { ProgrammeDetails } from './ports.js';

const FIELDS: readonly (keyof ProgrammeDetails)[] = ['name', 'purpose', 'startsOn', 'endsOn', 'meetingFrequency'];

export const editProgrammeFlow: FlowDefinition = {
  id: 'edit-programme',
  version: 1,
  title: 'programme.flowEdit',
  start: 'route',
  steps: {
    ...coordinatorSteps('prefill'),
    prefill: {
      kind: 'act',
      run: async (ctx) => {
        const programme = await coordinatedProgramme(ctx);
        if (!programme) return null;
        ctx.remember('initial', formValues(programme));
        return 'details';
      },
    },
    details: {
      kind: 'ask',
      key: 'details',
      text: (ctx) => ({ key: 'programme.editIntro', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: (ctx) => {
        const stored = ctx.answers.initial;
        const initial = stored && typeof stored === 'object' && !Array.isArray(stored) ? Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, String(v ?? '')])) : undefined;
        return programmeForm('programme.editTitle', 'programme.editSubmit', initial);
      },
      next: 'save',
    },
    save: {
      kind: 'act',
      run: async (ctx) => {
        const programme = await coordinatedProgramme(ctx);
        if (!programme) return null;
        const details = detailsFrom(ctx.answers.details);
        const changed = FIELDS.filter((f) => details[f] !== programme[f]);
        if (changed.length === 0) {
          ctx.say({ key: 'programme.editUnchanged', params: { programme: programme.name } });
          return null;
        }
        const org = ctx.person.organisationId;
        const updated = await ctx.repos.programmes.update(org, programme.id, details);
        // Field names only: the audit log never holds what people wrote.
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'programme:updated', subjectType: 'Programme', subjectId: programme.id, data: { fields: changed } });
        ctx.say({ key: 'programme.edited', params: { programme: updated.name } });
        return null;
      },
    },
  },
};
