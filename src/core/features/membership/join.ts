/**
 * Joining a programme with its code: role, the privacy notice, then the profile. The
 * membership, consent and profile are stored together in the last step. Someone who gave a
 * profile for another programme is offered that one, to use as it is or to change a part; someone
 * who left this programme comes back with a new consent and the same membership row.
 */
import type { Membership, Profile, Programme, Role } from '../../domain.js';
import type { FlowDefinition, StepContext } from '../../engine/types.js';
import { MESSAGE_COPY_RETENTION_DAYS } from '../../kernel/retention.js';
import { ROLE_OPTIONS, yesNo } from '../../options.js';
import { mergedAnswers } from './profile-answers.js';
import { completeStep, firstStepOf, partQuestion, profileFromAnswers, profileSteps, roleOf } from './profile-steps.js';
import { profileLines } from './views.js';
import { acceptsMembers } from '../programmes/rules.js';
import { offerSuggestions, offerToWaitlist } from '../matching/offer.js';
import { offerTraining } from '../training/offers.js';

/**
 * Bumped when the privacy notice's text changes, so we know what each person agreed to.
 * 2026-12: says what leaving erases, what stays and for how long, and the copies' retention.
 * 2026-12.2: says that education is stored too.
 * 2026-12.3 (nb only): how to leave is written as people say it, "meld meg ut".
 */
export const PRIVACY_NOTICE_VERSION = '2026-12.3';

async function programmeOf(ctx: StepContext) {
  const programme = ctx.run.programmeId ? await ctx.repos.programmes.get(ctx.person.organisationId, ctx.run.programmeId) : null;
  if (!programme) throw new Error(`join run ${ctx.run.id} has no programme`);
  return programme;
}

export const joinFlow: FlowDefinition = {
  id: 'join',
  // 2: offers a profile given for another programme; languages are a form, with "other".
  version: 2,
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
      next: (ctx) => (ctx.answers.consent !== 'yes' ? 'declined' : ctx.answers.initial ? 'reuse' : 'about'),
    },
    declined: { kind: 'say', text: { key: 'join.declined' }, next: 'stop' },
    stop: { kind: 'act', run: async () => null },
    reuse: {
      kind: 'ask',
      key: 'reuse',
      text: (ctx) => ({ key: 'join.reuseProfile', params: { programme: String(ctx.answers.reuseFromName ?? ''), profile: reusedSummary(ctx) } }),
      input: { kind: 'choice', options: yesNo('join.reuseYes', 'join.reuseChange') },
      next: (ctx) => (ctx.answers.reuse === 'yes' ? 'complete' : 'part'),
    },
    part: partQuestion('join.whichPart', 'firstStep'),
    firstStep: { kind: 'act', run: async (ctx) => firstStepOf(ctx) },
    ...profileSteps('complete'),
    complete: completeStep('save'),
    save: { kind: 'act', run: save },
  },
};

/** The profile offered for reuse, as this role would store it (goals only if she gave them). */
function reusedSummary(ctx: StepContext): string {
  const profile = profileFromAnswers(mergedAnswers(ctx.answers), roleOf(ctx));
  return profileLines(ctx.t, profile).join('\n');
}

async function save(ctx: StepContext): Promise<null> {
  const programme = await programmeOf(ctx);
  const org = ctx.person.organisationId;
  const role = roleOf(ctx);
  const existing = await ctx.repos.memberships.find(org, programme.id, ctx.person.id);
  if (existing?.status === 'active') {
    ctx.say({ key: 'join.alreadyMember', params: { programme: programme.name } });
    return null;
  }
  // Paused or closed while the person was answering: nothing is stored, and they are told why.
  if (!acceptsMembers(programme)) {
    ctx.say({ key: programme.status === 'paused' ? 'join.paused' : 'join.closed', params: { programme: programme.name } });
    return null;
  }
  const profile = profileFromAnswers(mergedAnswers(ctx.answers), role);
  const membership = existing ? await rejoin(ctx, existing, role, profile) : await firstJoin(ctx, programme, role, profile);
  // The copy of another programme's profile has done its work: this run keeps only what was asked in it.
  ctx.remember('initial', null);
  ctx.remember('initialFrom', null);
  if (profile.fullName) await ctx.repos.people.update(org, ctx.person.id, { displayName: profile.fullName });
  ctx.say({ key: role === 'mentor' ? 'join.doneMentor' : 'join.doneMentee', params: { programme: programme.name } });
  const coordinators = await ctx.repos.memberships.listForProgramme(org, programme.id, { role: 'coordinator', status: 'active' });
  for (const c of coordinators) {
    await ctx.notify(c.personId, (t) => ({ text: t('join.coordinatorNotice', { name: profile.fullName ?? ctx.person.displayName, role: t(`roles.${role}`), programme: programme.name }) }));
  }
  // Where the programme asks for training first, that is the next step (and matching follows its
  // completion, training/done.ts). Otherwise her suggestions come at once, and a new mentor may be
  // the place someone waits for.
  if (await offerTraining(ctx.turn, membership)) return null;
  if (role === 'mentee') await offerSuggestions(ctx.turn, membership.id);
  if (role === 'mentor') await offerToWaitlist(ctx.turn, programme.id);
  return null;
}

async function firstJoin(ctx: StepContext, programme: Programme, role: Role, profile: Profile): Promise<Membership> {
  const org = ctx.person.organisationId;
  const now = ctx.clock.now();
  const membership = await ctx.repos.memberships.create({ id: ctx.ids.next(), organisationId: org, programmeId: programme.id, personId: ctx.person.id, ...activeStint(role, profile, now) });
  await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'membership:joined', subjectType: 'Membership', subjectId: membership.id, data: { role, programmeId: programme.id, consentVersion: PRIVACY_NOTICE_VERSION } });
  return membership;
}

/**
 * Coming back after leaving reactivates the same row, with a new consent and the new role and
 * profile, rather than adding a second: one row per person and programme (the unique key stays,
 * so two racing joins cannot make two), so "how many took part" counts people, not stints, and
 * erasing on a later leave has one membership to empty. The row's dates are the current stint's;
 * the earlier stint's are in the audit trail (membership:joined and membership:left, and this
 * entry names them), which holds no words of theirs.
 */
async function rejoin(ctx: StepContext, left: Membership, role: Role, profile: Profile): Promise<Membership> {
  const org = ctx.person.organisationId;
  const now = ctx.clock.now();
  const membership = await ctx.repos.memberships.update(org, left.id, activeStint(role, profile, now));
  await ctx.repos.audit.record({
    organisationId: org,
    actorPersonId: ctx.person.id,
    action: 'membership:joined',
    subjectType: 'Membership',
    subjectId: membership.id,
    data: { role, programmeId: left.programmeId, consentVersion: PRIVACY_NOTICE_VERSION, rejoined: true, previousRole: left.role, previousJoinedAt: left.joinedAt.toISOString(), previousLeftAt: left.leftAt?.toISOString() ?? null },
  });
  return membership;
}

/** A stint that starts now, with this consent: the same for a first join and a return. */
function activeStint(role: Role, profile: Profile, now: Date) {
  return { role, status: 'active', consentedAt: now, consentVersion: PRIVACY_NOTICE_VERSION, profileDoneAt: now, profile, joinedAt: now, leftAt: null } as const;
}
