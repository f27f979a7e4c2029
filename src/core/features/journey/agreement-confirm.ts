/**
 * Proposing an agreement to the pair and their answers. Each of the two gets one open question
 * ("Confirm" / "Propose a change"); the question's data holds ids only, the card's words are put
 * into the queued copy (fillCard), so an answered copy shows no content. Both confirmations make
 * the version confirmed; a change makes a new draft (agreement-flow.ts) and, when proposed, the
 * old version superseded and its unanswered question withdrawn.
 */
import type { Turn } from '../../engine/turn.js';
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import type { Work } from '../../kernel/work.js';
import { fillCard } from '../matching/cards.js';
import { agreementCard, readContent } from './agreement-content.js';
import { pairsOf, type Pair } from './guide-pairs.js';
import type { Agreement } from './ports.js';
import { scheduleReview } from './agreement-review.js';

export const AGREEMENT_KIND = 'journey.agreement-confirm';
export const AGREEMENT_FLOW = 'agreement';

/** The pair of a match as each of its two people sees it (their own role, the partner's name). */
export async function bothSides(work: Work, matchId: string, programmeId: string): Promise<{ personId: string; pair: Pair }[]> {
  const match = await work.repos.matches.get(work.organisation.id, matchId);
  if (match?.status !== 'active' || match.programmeId !== programmeId) return [];
  const sides: { personId: string; pair: Pair }[] = [];
  for (const membershipId of [match.mentorMembershipId, match.menteeMembershipId]) {
    const membership = await work.repos.memberships.get(work.organisation.id, membershipId);
    const pair = membership ? (await pairsOf(work, membership.personId)).find((p) => p.match.id === matchId && p.mine.id === membershipId) : undefined;
    if (membership && pair) sides.push({ personId: membership.personId, pair });
  }
  return sides;
}

/** Moves a finished draft to proposed, supersedes the version before it, and asks both to confirm. */
export async function propose(work: Work, draft: Agreement, byPersonId: string): Promise<boolean> {
  const org = work.organisation.id;
  // Read before the move: afterwards the newest proposed version is this one.
  const older = await work.repos.agreements.current(org, draft.matchId);
  const proposed = await work.repos.agreements.transition(org, draft.id, ['draft'], 'proposed', { proposedById: byPersonId });
  if (!proposed) return false;
  // A pending proposal is replaced by this one; a confirmed version stays in force (its goals,
  // its frame) until both have confirmed the change (confirm, below).
  if (older && older.version < proposed.version && older.status === 'proposed') {
    await work.repos.agreements.transition(org, older.id, ['proposed'], 'superseded');
    for (const q of await work.repos.questions.listBySubject(org, 'agreement', older.id)) {
      if (q.status === 'open') await work.repos.questions.close(org, q.id, 'withdrawn', work.clock.now());
    }
  }
  await askBoth(work, proposed);
  return true;
}

async function askBoth(work: Work, agreement: Agreement): Promise<void> {
  const content = readContent(agreement.answers);
  for (const { personId, pair } of await bothSides(work, agreement.matchId, agreement.programmeId)) {
    const question = await ask(work, {
      kind: AGREEMENT_KIND,
      programmeId: agreement.programmeId,
      subjectType: 'agreement',
      subjectId: agreement.id,
      audience: [personId],
      data: { agreementId: agreement.id, matchId: agreement.matchId, version: agreement.version },
    });
    const reader = await work.personById(personId);
    if (!reader) continue;
    const t = work.tFor(reader);
    fillCard(work, question.id, personId, (copy) => ({ ...copy, ...agreementCard(t, content, agreement.version, pair.partnerName), context: [t('agreement.confirmAsk')] }));
  }
}

async function confirm(turn: Turn, agreement: Agreement): Promise<void> {
  const org = turn.organisation.id;
  const sides = await bothSides(turn, agreement.matchId, agreement.programmeId);
  const mine = sides.find((s) => s.personId === turn.person.id);
  if (!mine || agreement.status !== 'proposed') return turn.say({ key: 'agreement.notCurrent' });
  const now = turn.clock.now();
  const confirmed = await turn.repos.agreements.confirm(org, agreement.id, mine.pair.role, now);
  if (!confirmed) return turn.say({ key: 'agreement.alreadyConfirmed' });
  if (!confirmed.mentorConfirmedAt || !confirmed.menteeConfirmedAt) {
    turn.say({ key: 'agreement.confirmedWaiting', params: { name: mine.pair.partnerName } });
    const other = sides.find((s) => s.personId !== turn.person.id);
    if (other) await turn.tell(other.personId, (t) => ({ text: t('agreement.partnerConfirmed', { name: other.pair.partnerName, version: confirmed.version }) }));
    return;
  }
  const before = await turn.repos.agreements.inForce(org, agreement.matchId);
  await turn.repos.agreements.transition(org, agreement.id, ['proposed'], 'confirmed', { confirmedAt: now });
  if (before && before.version < agreement.version) await turn.repos.agreements.transition(org, before.id, ['confirmed'], 'superseded');
  await scheduleReview(turn, { ...confirmed, confirmedAt: now });
  for (const side of sides) await turn.tell(side.personId, (t) => ({ text: t('agreement.confirmedBoth', { name: side.pair.partnerName, version: confirmed.version }) }));
}

export const agreementKind: QuestionKind = {
  kind: AGREEMENT_KIND,
  render: (t, q) => ({
    text: t('agreement.questionText', { version: Number(q.data.version ?? 1) }),
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [
          { value: 'confirm', label: t('agreement.confirm'), style: 'primary' },
          { value: 'change', label: t('agreement.proposeChange') },
        ],
      },
    },
  }),
  summary: (t, q) => t('agreement.summary', { version: Number(q.data.version ?? 1) }),
  async answer(turn, question, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (value !== 'confirm' && value !== 'change') return { status: 'invalid' };
    const agreement = await turn.repos.agreements.get(turn.organisation.id, String(question.data.agreementId ?? ''));
    if (!agreement) turn.say({ key: 'agreement.notCurrent' });
    else if (value === 'confirm') await confirm(turn, agreement);
    else await turn.engine.start(turn, AGREEMENT_FLOW, { programmeId: agreement.programmeId, answers: { matchId: agreement.matchId, intent: 'change' } });
    return { status: 'answered' };
  },
};
