/**
 * Joining a programme with its code: role, the privacy notice, then the profile. The
 * membership, consent and profile are stored together in the last step.
 */
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { MESSAGE_COPY_RETENTION_DAYS } from '../../kernel/retention.js';
import { ROLE_OPTIONS, yesNo } from '../../options.js';
import { profileFromAnswers, profileSteps, roleOf } from './profile-steps.js';

/**
 * Bumped when the privacy notice's text changes, so we know what each person agreed to.
 * 2026-12: says what leaving erases, what stays and for how long, and the copies' retention.
 */
export const PRIVACY_NOTICE_VERSION = '2026-12';

async function programmeOf(ctx: StepContext) {
  const programme = ctx.run.programmeId ? await ctx.repos.programmes.get(ctx.person.organisationId, ctx.run.programmeId) : null;
  if (!programme) throw new Error(`join run ${ctx.run.id} has no programme`);
  return programme;
}

export const joinFlow: FlowDefinition = {
  id: 'join',
  version: 1,
  title: 'flows.join',
  start: 'role',
  steps: {
    role: {
      kind: 'ask',
      key: 'role',
      text: (ctx) => ({ key: 'join.roleQuestion', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: { kind: 'choice', options: ROLE_OPTIONS },
      next: 'consent',
    },
    consent: {
      kind: 'ask',
      key: 'consent',
      text: (ctx) => ({ key: 'join.privacyNotice', params: { programme: String(ctx.answers.programmeName ?? ''), days: MESSAGE_COPY_RETENTION_DAYS } }),
      input: { kind: 'choice', options: yesNo('join.consentYes', 'join.consentNo') },
      next: (ctx) => (ctx.answers.consent === 'yes' ? 'about' : 'declined'),
    },
    declined: { kind: 'say', text: { key: 'join.declined' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    ...profileSteps('save'),
    save: {
      kind: 'act',
      run: async (ctx) => {
        const programme = await programmeOf(ctx);
        const org = ctx.person.organisationId;
        const role = roleOf(ctx);
        if (await ctx.repos.memberships.find(org, programme.id, ctx.person.id)) {
          ctx.say({ key: 'join.alreadyMember', params: { programme: programme.name } });
          return null;
        }
        const now = ctx.clock.now();
        const profile = profileFromAnswers(ctx.answers, role);
        const membership = await ctx.repos.memberships.create({
          id: ctx.ids.next(),
          organisationId: org,
          programmeId: programme.id,
          personId: ctx.person.id,
          role,
          status: 'active',
          consentedAt: now,
          consentVersion: PRIVACY_NOTICE_VERSION,
          profileDoneAt: now,
          profile,
          joinedAt: now,
          leftAt: null,
        });
        if (profile.fullName) await ctx.repos.people.update(org, ctx.person.id, { displayName: profile.fullName });
        await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'membership:joined', subjectType: 'Membership', subjectId: membership.id, data: { role, programmeId: programme.id, consentVersion: PRIVACY_NOTICE_VERSION } });
        ctx.say({ key: role === 'mentor' ? 'join.doneMentor' : 'join.doneMentee', params: { programme: programme.name } });
        const coordinators = await ctx.repos.memberships.listForProgramme(org, programme.id, { role: 'coordinator', status: 'active' });
        for (const c of coordinators) {
          await ctx.notify(c.personId, (t) => ({ text: t('join.coordinatorNotice', { name: profile.fullName ?? ctx.person.displayName, role: t(`roles.${role}`), programme: programme.name }) }));
        }
        return null;
      },
    },
  },
};
