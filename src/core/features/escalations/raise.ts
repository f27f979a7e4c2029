/**
 * Raising an escalation: the one entry point every trigger calls (a low rating, a check-in, words
 * that signal trouble, silence, ignored nudges, a request for help). Idempotent by sourceKey; one
 * unresolved escalation per programme, pair (or participant) and trigger, so a second source adds
 * to it instead of opening another card. A new one becomes a shared card for the programme's
 * active coordinators (card.ts), is sent again when nobody takes it (reescalate.ts), and every
 * step goes to the audit trail with ids and codes only. The participant's words reach the
 * coordinators only when the participant shared them with the coordinator (`sharedWords`).
 */
import type { Work } from '../../kernel/work.js';
import { literal } from '../../kernel/rich-text.js';
import { askCard } from './card.js';
import { coordinatorsOf, FROM_PARTICIPANT, tellParticipant, triggerKey } from './notify.js';
import type { Escalation, EscalationTrigger } from './ports.js';
import { scheduleReescalation } from './reescalate.js';
import { type ConcernKind, detectConcerns } from './words.js';

export type { ConcernKind, EscalationTrigger };
export { detectConcerns };

export interface RaiseInput {
  programmeId: string;
  /** The pair it is about, when there is one. */
  matchId: string | null;
  /** The participant it is about (whose rating, comment, silence or request it is). */
  membershipId: string;
  trigger: EscalationTrigger;
  /** For 'words': what the rules found. */
  concerns?: ConcernKind[];
  /** The participant's own words, ONLY when they chose to share them with the coordinator; else null. */
  sharedWords?: string | null;
  /** Idempotency: the same sourceKey never raises twice. */
  sourceKey: string;
}


/** Raises (or, when one is open for the same pair and trigger, adds to) an escalation; false when the sourceKey was seen. */
export async function raiseEscalation(work: Work, input: RaiseInput): Promise<boolean> {
  const org = work.organisation.id;
  if (await work.repos.escalations.sourceSeen(org, input.sourceKey)) return false;
  const membership = await work.repos.memberships.get(org, input.membershipId);
  if (membership?.programmeId !== input.programmeId || membership.status !== 'active') return false;
  const now = work.clock.now();
  const concerns = [...new Set(input.concerns ?? [])];
  const words = input.sharedWords?.trim() || null;
  const fresh: Escalation = {
    id: work.ids.next(),
    organisationId: org,
    programmeId: input.programmeId,
    matchId: input.matchId,
    membershipId: input.membershipId,
    trigger: input.trigger,
    concerns,
    status: 'open',
    level: 0,
    // Per participant: the other side of the pair saying the same is their own card, never
    // added to one that names their partner.
    openKey: `${input.programmeId}:${input.matchId ?? '-'}:${input.membershipId}:${input.trigger}`,
    questionId: null,
    takenById: null,
    takenAt: null,
    resolvedById: null,
    resolvedAt: null,
    resolution: null,
    resolutionNote: null,
    createdAt: now,
  };
  const { escalation, created } = await work.repos.escalations.openOrCreate(fresh);
  const source = { id: work.ids.next(), organisationId: org, escalationId: escalation.id, sourceKey: input.sourceKey, membershipId: input.membershipId, concerns, sharedWords: words, createdAt: now };
  if (!(await work.repos.escalations.addSource(source))) return false;
  const audit = { trigger: input.trigger, concerns, wordsShared: words !== null, matchId: input.matchId };
  if (created) {
    const card = await askCard(work, escalation, await coordinatorsOf(work, input.programmeId));
    await work.repos.escalations.update(org, escalation.id, ['open'], { questionId: card.id });
    await scheduleReescalation(work, escalation);
    await work.repos.audit.record({ organisationId: org, actorPersonId: null, action: 'escalation:raised', subjectType: 'Escalation', subjectId: escalation.id, data: audit });
  } else {
    await addTo(work, escalation, concerns, words);
    await work.repos.audit.record({ organisationId: org, actorPersonId: null, action: 'escalation:added', subjectType: 'Escalation', subjectId: escalation.id, data: audit });
  }
  if (FROM_PARTICIPANT.has(input.trigger)) await tellParticipant(work, input.membershipId, null);
  return true;
}

/** A second source: its concerns join the escalation's, and whoever has the card hears of it (with the words, if shared). */
async function addTo(work: Work, escalation: Escalation, concerns: ConcernKind[], words: string | null): Promise<void> {
  const merged = [...new Set([...escalation.concerns, ...concerns])];
  if (merged.length !== escalation.concerns.length) await work.repos.escalations.update(work.organisation.id, escalation.id, ['open', 'taken'], { concerns: merged });
  const readers = escalation.takenById ? [escalation.takenById] : await cardAudience(work, escalation);
  for (const personId of readers) {
    await work.tell(personId, (t) => ({
      text: t('escalations.added', { trigger: t(triggerKey(escalation.trigger)) }),
      ...(words ? { sections: [{ heading: t('escalations.wordsHeading'), text: literal(words) }] } : {}),
    }));
  }
}

async function cardAudience(work: Work, escalation: Escalation): Promise<string[]> {
  const card = escalation.questionId ? await work.repos.questions.get(work.organisation.id, escalation.questionId) : null;
  return card?.audience ?? (await coordinatorsOf(work, escalation.programmeId));
}
