/**
 * When a pair ends (the year is over, someone ended it, someone left), the meetings it had
 * proposed or planned are called off: no reminder, no "did it happen?", no reflection offer, and
 * a cancelling calendar file for whoever is still in the programme, so the meeting leaves their
 * calendar too. closure/record.ts calls this for every ending.
 */
import type { Work } from '../../kernel/work.js';
import type { Match } from '../matching/ports.js';
import { fileFor } from './notify.js';
import { cancelJobs, paramsOf, withdrawQuestions } from './shared.js';

export async function callOffMeetingsOfEndedPair(work: Work, match: Match): Promise<number> {
  const org = work.organisation.id;
  const now = work.clock.now();
  const open = (await work.repos.meetings.listForMatch(org, match.id)).filter((m) => m.status === 'proposed' || m.status === 'planned');
  let calledOff = 0;
  for (const meeting of open) {
    const cancelled = await work.repos.meetings.update(org, meeting.id, { status: ['proposed', 'planned'], sequence: meeting.sequence }, { status: 'cancelled', sequence: meeting.sequence + 1, cancelledById: null }, now);
    if (!cancelled) continue;
    calledOff += 1;
    await cancelJobs(work, meeting);
    await withdrawQuestions(work, meeting.id);
    // Only a planned meeting still to come is in anyone's calendar.
    if (meeting.status !== 'planned' || meeting.startsAt.getTime() <= now.getTime()) continue;
    for (const [mine, other] of [[match.mentorMembershipId, match.menteeMembershipId], [match.menteeMembershipId, match.mentorMembershipId]] as const) {
      const member = await work.repos.memberships.get(org, mine);
      if (member?.status !== 'active') continue;
      const partner = await work.repos.memberships.get(org, other);
      const partnerName = partner?.profile.fullName ?? (partner ? (await work.personById(partner.personId))?.displayName : undefined) ?? '?';
      await work.tell(member.personId, (t, reader) => ({ text: t('meetings.calledOffPairEnded', { name: partnerName, ...paramsOf(cancelled) }), file: fileFor(work, t, reader, cancelled, partnerName) }));
    }
  }
  return calledOff;
}
