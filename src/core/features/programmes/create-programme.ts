/**
 * A coordinator creates a programme. The purpose comes first on purpose: clarity of purpose is
 * the first of the programme standards the coordinators work by.
 */
import type { FlowDefinition } from '../../engine/types.js';
import { coordinatorMembership } from './coordinating.js';
import { seedDigest } from '../digest/jobs.js';
import { seedPlanner } from '../nudges/plan.js';
import { detailsFrom, programmeForm } from './form.js';

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
      input: programmeForm('programme.createTitle', 'programme.createSubmit'),
      next: 'create',
    },
    create: {
      kind: 'act',
      run: async (ctx) => {
        const d = detailsFrom(ctx.answers.details);
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
        await seedDigest(ctx.turn, await ctx.repos.memberships.create(coordinatorMembership(ctx, programme.id, now)));
        // The organisation's hourly nudge planner (idempotent: one chain per organisation).
        await seedPlanner(ctx.turn);
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'programme:created', subjectType: 'Programme', subjectId: programme.id });
        ctx.say({ key: 'programme.created', params: { name: programme.name, code: programme.joinCode, startsOn: new Date(`${d.startsOn}T12:00:00Z`), endsOn: new Date(`${d.endsOn}T12:00:00Z`) } });
        return null;
      },
    },
  },
};
