/**
 * What leaving a programme does to matching: her active matches end, her open requests and draft
 * pairs are withdrawn, she leaves the waitlist. The other person is told without blame and without
 * her name (the notice is a new message, and a copy naming her would outlive the erasure leaving
 * promises; they know whom it is about). A mentee left without a mentor is offered new
 * suggestions; a mentor's freed place goes to the waitlist. Runs after the erasure, in the same
 * unit of work as the leaving.
 */
import type { Membership } from '../../domain.js';
import type { Work } from '../../kernel/work.js';
import { recordEnding } from '../closure/record.js';
import { offerSuggestions, offerToWaitlist } from './offer.js';
import { rosterOf } from './roster.js';

export async function endMatchesOnLeaving(work: Work, leaver: Membership, programme: string): Promise<void> {
  const org = work.organisation.id;
  const now = work.clock.now();
  const mine = await work.repos.matches.listForMembership(org, leaver.id, ['active', 'requested', 'draft']);
  const roster = await rosterOf(work, leaver.programmeId);
  const coordinators = await work.repos.memberships.listForProgramme(org, leaver.programmeId, { role: 'coordinator', status: 'active' });
  const rematch = new Set<string>();
  let freed = false;
  for (const match of mine) {
    const otherId = match.mentorMembershipId === leaver.id ? match.menteeMembershipId : match.mentorMembershipId;
    const other = roster.byId.get(otherId);
    if (match.status === 'draft') {
      // Nobody has been told of a draft pair: it simply goes, and the cohort shows her as gone.
      await work.repos.matches.transition(org, match.id, ['draft'], 'withdrawn');
      continue;
    }
    if (match.status === 'requested') {
      if (!(await work.repos.matches.transition(org, match.id, ['requested'], 'withdrawn', { respondedAt: now }))) continue;
      const closed = match.questionId ? await work.repos.questions.close(org, match.questionId, 'withdrawn', now) : null;
      // The mentor's request card loses its buttons (erasure may have done it already: then nothing is closed twice).
      if (closed) for (const p of closed.audience.filter((p) => p !== leaver.personId)) await work.tell(p, (t) => ({ text: t('questions.withdrawnMark'), replacesPromptId: closed.id }));
      if (other && otherId === match.menteeMembershipId) {
        await work.tell(other.personId, () => ({ key: 'cohort.leftRequestToMentee', params: { programme } }));
        rematch.add(otherId);
      }
      continue;
    }
    if (!(await work.repos.matches.transition(org, match.id, ['active'], 'ended', { endedAt: now, endedById: leaver.personId }))) continue;
    await work.repos.audit.record({ organisationId: org, actorPersonId: leaver.personId, action: 'match:ended', subjectType: 'Match', subjectId: match.id, data: { by: 'left' } });
    const leaverIsMentor = match.mentorMembershipId === leaver.id;
    if (other) await work.tell(other.personId, () => ({ key: leaverIsMentor ? 'cohort.leftToMentee' : 'cohort.leftToMentor', params: { programme } }));
    for (const c of coordinators.filter((c) => c.personId !== leaver.personId)) {
      await work.tell(c.personId, (t) => ({ key: 'cohort.leftNotice', params: { name: roster.name(otherId), role: t(`roles.${leaverIsMentor ? 'mentor' : 'mentee'}`), programme } }));
    }
    // Ended early; the one who stays gets the closing (the leaver's membership is gone already).
    await recordEnding(work, match, { endedBy: 'left', endedById: leaver.personId });
    if (leaverIsMentor) rematch.add(otherId);
    else freed = true;
  }
  // A mentor's leaving took back the cards that suggested him (erasure withdraws questions naming
  // him): those mentees get fresh suggestions rather than nothing to choose from.
  if (leaver.role === 'mentor') {
    const suggested = await work.repos.matches.listForMembership(org, leaver.id, ['suggested']);
    for (const s of suggested) if (s.mentorMembershipId === leaver.id) rematch.add(s.menteeMembershipId);
  }
  await work.repos.waitlist.remove(org, leaver.id);
  for (const menteeId of rematch) if (roster.byId.get(menteeId)?.status === 'active') await offerSuggestions(work, menteeId);
  if (freed) await offerToWaitlist(work, leaver.programmeId);
}
