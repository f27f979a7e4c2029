/**
 * A coordinator creates a programme. The purpose comes first on purpose: clarity of purpose is
 * the first of the programme standards the coordinators work by.
 */
import type { MeetingFrequency } from '../../domain.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { FREQUENCY_OPTIONS } from '../../options.js';

function details(ctx: StepContext) {
  const v = ctx.answers.details;
  const o = v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  return {
    name: String(o.name ?? ''),
    purpose: String(o.purpose ?? ''),
    startsOn: String(o.startsOn ?? ''),
    endsOn: String(o.endsOn ?? ''),
    meetingFrequency: String(o.meetingFrequency ?? 'biweekly') as MeetingFrequency,
  };
}

export const createProgrammeFlow: FlowDefinition = {
  id: 'create-programme',
  version: 1,
  title: 'flows.createProgramme',
  start: 'details',
  steps: {
    details: {
      kind: 'ask',
      key: 'details',
      text: { key: 'programme.createIntro' },
      input: {
        kind: 'form',
        title: 'programme.createTitle',
        submitLabel: 'programme.createSubmit',
        fields: [
          { kind: 'text', name: 'name', label: 'programme.name', required: true, maxLength: 100 },
          { kind: 'text', name: 'purpose', label: 'programme.purpose', required: true, maxLength: 1000, multiline: true, hint: 'programme.purposeHint' },
          { kind: 'date', name: 'startsOn', label: 'programme.startsOn', required: true },
          { kind: 'date', name: 'endsOn', label: 'programme.endsOn', required: true },
          { kind: 'select', name: 'meetingFrequency', label: 'programme.meetingFrequency', required: true, options: FREQUENCY_OPTIONS },
        ],
        check: (v) => (String(v.endsOn) <= String(v.startsOn) ? { endsOn: 'errors.endBeforeStart' } : null),
      },
      next: 'create',
    },
    create: {
      kind: 'act',
      run: async (ctx) => {
        const d = details(ctx);
        const org = ctx.person.organisationId;
        const now = ctx.clock.now();
        const programme = await ctx.repos.programmes.create({
          id: ctx.ids.next(),
          organisationId: org,
          name: d.name,
          purpose: d.purpose,
          startsOn: d.startsOn,
          endsOn: d.endsOn,
          meetingFrequency: d.meetingFrequency,
          joinCode: ctx.ids.joinCode(),
          status: 'open',
          createdById: ctx.person.id,
        });
        await ctx.repos.memberships.create({
          id: ctx.ids.next(),
          organisationId: org,
          programmeId: programme.id,
          personId: ctx.person.id,
          role: 'coordinator',
          status: 'active',
          consentedAt: now,
          consentVersion: null,
          profileDoneAt: null,
          profile: { fullName: ctx.person.displayName, languages: [], field: null, profession: null, yearsExperience: null, region: null, availability: null, goals: [], helpWanted: null, offer: null, capacity: null },
          joinedAt: now,
          leftAt: null,
        });
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'programme:created', subjectType: 'Programme', subjectId: programme.id });
        ctx.say({ key: 'programme.created', params: { name: programme.name, code: programme.joinCode, startsOn: new Date(`${d.startsOn}T12:00:00Z`), endsOn: new Date(`${d.endsOn}T12:00:00Z`) } });
        return null;
      },
    },
  },
};
