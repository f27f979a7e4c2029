/**
 * The coordinators' card: one shared open question (the kernel's claim makes the first click win
 * and tells the others who took it) with Acknowledge, "I will call", Rematch and Resolve. Taking
 * it (acknowledge, call, resolve) makes the escalation "taken" by that coordinator, who then gets
 * a follow-up only for them: Resolve with a note (a form; an empty note is refused beside the
 * field) or Rematch. Rematch ends the pair without blame through matching's endMatch, which
 * offers the mentee new suggestions as a coordinator's end match does.
 *
 * The questions' data hold ids and codes only; names and the shared words go into the copies
 * queued at asking (fillCard), so nothing stored with the question names anyone.
 */
import type { OpenQuestion } from '../../domain.js';
import type { Turn } from '../../engine/turn.js';
import { toPromptSpec } from '../../engine/prompt-spec.js';
import type { InputDef } from '../../engine/types.js';
import type { QuestionKind, QuestionOutcome } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import { literal } from '../../kernel/rich-text.js';
import type { Translate, Work } from '../../kernel/work.js';
import type { Section } from '../../messages.js';
import { checkForm } from '../closure/forms.js';
import { fillCard } from '../matching/cards.js';
import { endMatch } from '../matching/end-match.js';
import { rosterOf } from '../matching/roster.js';
import { FROM_PARTICIPANT, tellParticipant, triggerKey } from './notify.js';
import type { Escalation } from './ports.js';

// Built, not written out: the kinds in quotes would read as text keys to test/i18n.
const FEATURE = 'escalations';
export const CARD_KIND = `${FEATURE}.card`;
export const FOLLOW_UP_KIND = `${FEATURE}.follow-up`;
export const RESOLVE_KIND = `${FEATURE}.resolve`;
const NOTE_MAX = 1000;
type Form = Extract<InputDef, { kind: 'form' }>;

const noteForm: Form = {
  kind: 'form',
  title: 'escalations.resolveTitle',
  submitLabel: 'escalations.resolveSubmit',
  fields: [{ kind: 'text', name: 'note', label: 'escalations.noteLabel', required: true, requiredMessage: 'escalations.noteRequired', multiline: true, maxLength: NOTE_MAX, hint: 'escalations.noteHint' }],
};

const dataOf = (e: Escalation) => ({ escalationId: e.id, membershipId: e.membershipId, matchId: e.matchId ?? '', trigger: e.trigger, concerns: [...e.concerns], level: e.level });

/** The card's words for the reader: who it is about, the pair, and the shared words (never any others). */
async function details(work: Work, e: Escalation): Promise<(t: Translate) => Section[]> {
  const roster = await rosterOf(work, e.programmeId);
  const programme = (await work.repos.programmes.get(work.organisation.id, e.programmeId))?.name ?? '';
  const match = e.matchId ? await work.repos.matches.get(work.organisation.id, e.matchId) : null;
  const role = roster.byId.get(e.membershipId)?.role ?? 'mentee';
  const words = (await work.repos.escalations.sources(work.organisation.id, e.id)).flatMap((s) => (s.sharedWords ? [s.sharedWords] : []));
  return (t) => [
    {
      fields: [
        { label: t('escalations.fieldProgramme'), value: programme },
        { label: t('escalations.fieldAbout'), value: `${roster.name(e.membershipId)} (${t(`roles.${role}`)})` },
        ...(match ? [{ label: t('escalations.fieldPair'), value: t('escalations.pairValue', { mentor: roster.name(match.mentorMembershipId), mentee: roster.name(match.menteeMembershipId) }) }] : []),
      ],
    },
    ...words.map((w) => ({ heading: t('escalations.wordsHeading'), text: literal(w) })),
  ];
}

/** Asks the card of `e` to `audience`, each copy with the names and shared words. */
export async function askCard(work: Work, e: Escalation, audience: string[]): Promise<OpenQuestion> {
  const card = await ask(work, { kind: CARD_KIND, programmeId: e.programmeId, subjectType: 'escalation', subjectId: e.id, audience, data: dataOf(e) });
  const sections = await details(work, e);
  for (const personId of card.audience) {
    const reader = await work.personById(personId);
    if (reader) fillCard(work, card.id, personId, (copy) => ({ ...copy, sections: sections(work.tFor(reader)) }));
  }
  return card;
}

function cardText(t: Translate, q: OpenQuestion): string {
  const concerns = Array.isArray(q.data.concerns) ? q.data.concerns : [];
  const trigger = t(triggerKey(String(q.data.trigger ?? '')));
  return concerns.length > 0 ? `${trigger}\n${t('escalations.concernsLine', { concerns: concerns.map((c) => t(`escalations.concern_${String(c).replace(/-(\w)/g, (_, x: string) => x.toUpperCase())}`)).join(', ') })}` : trigger;
}

const hasPair = (q: OpenQuestion) => typeof q.data.matchId === 'string' && q.data.matchId !== '';

export const cardKind: QuestionKind = {
  kind: CARD_KIND,
  render: (t, q) => ({
    title: t(Number(q.data.level ?? 0) > 0 ? 'escalations.cardTitleAgain' : 'escalations.cardTitle'),
    text: cardText(t, q),
    context: [t('escalations.cardContext')],
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [
          { value: 'ack', label: t('escalations.ack') },
          { value: 'call', label: t('escalations.call') },
          ...(hasPair(q) ? [{ value: 'rematch', label: t('escalations.rematch'), style: 'danger' as const }] : []),
          { value: 'resolve', label: t('escalations.resolve') },
        ],
      },
    },
  }),
  summary: (t, q) => t('escalations.cardSummary', { trigger: t(triggerKey(String(q.data.trigger ?? ''))) }),
  async answeredSections(work, q) {
    const e = await work.repos.escalations.get(work.organisation.id, String(q.data.escalationId ?? ''));
    return e ? details(work, e) : () => [];
  },
  async answer(turn, q, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (value !== 'ack' && value !== 'call' && value !== 'resolve' && !(value === 'rematch' && hasPair(q))) return { status: 'invalid' };
    const e = await turn.repos.escalations.get(turn.organisation.id, String(q.data.escalationId ?? ''));
    if (e?.status !== 'open') return gone(turn);
    if (value === 'rematch') return rematch(turn, e, 'card');
    const taken = await turn.repos.escalations.update(turn.organisation.id, e.id, ['open'], { status: 'taken', takenById: turn.person.id, takenAt: turn.clock.now() });
    if (!taken) return gone(turn);
    await audit(turn, e, 'escalation:taken', { how: value, level: e.level });
    if (!FROM_PARTICIPANT.has(e.trigger)) await tellParticipant(turn, e.membershipId, turn.person.id);
    if (value === 'resolve') return askNote(turn, taken);
    turn.say({ key: value === 'call' ? 'escalations.takenCall' : 'escalations.takenAck' });
    await ask(turn, { kind: FOLLOW_UP_KIND, programmeId: e.programmeId, subjectType: 'escalation', subjectId: e.id, audience: [turn.person.id], data: dataOf(taken) });
    return { status: 'answered' };
  },
};

export const followUpKind: QuestionKind = {
  kind: FOLLOW_UP_KIND,
  render: (t, q) => ({
    text: `${t('escalations.followUpText')}\n${cardText(t, q)}`,
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [{ value: 'resolve', label: t('escalations.resolve') }, ...(hasPair(q) ? [{ value: 'rematch', label: t('escalations.rematch'), style: 'danger' as const }] : [])],
      },
    },
  }),
  summary: (t, q) => t('escalations.followUpSummary', { trigger: t(triggerKey(String(q.data.trigger ?? ''))) }),
  async answer(turn, q, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (value !== 'resolve' && !(value === 'rematch' && hasPair(q))) return { status: 'invalid' };
    const e = await turn.repos.escalations.get(turn.organisation.id, String(q.data.escalationId ?? ''));
    if (e?.status !== 'taken' || e.takenById !== turn.person.id) return gone(turn);
    return value === 'rematch' ? rematch(turn, e, 'follow-up') : askNote(turn, e);
  },
};

export const resolveKind: QuestionKind = {
  kind: RESOLVE_KIND,
  render: (t, q) => ({ text: `${t('escalations.resolveAsk')}\n${cardText(t, q)}`, prompt: { id: q.id, spec: toPromptSpec(noteForm, t) } }),
  summary: (t) => t('escalations.resolveSummary'),
  async answer(turn, q, answer) {
    const checked = checkForm(turn, noteForm, answer);
    if ('outcome' in checked) return checked.outcome;
    // Required, so never empty here (an empty note is refused with escalations.noteRequired, next to the field).
    const note = String(checked.values.note ?? '').trim();
    const org = turn.organisation.id;
    // The note lives on the escalation (erased when either of them leaves), not in the question's row.
    await turn.repos.escalations.forgetQuestionAnswer(org, q.id);
    const e = await turn.repos.escalations.get(org, String(q.data.escalationId ?? ''));
    if (!e || e.takenById !== turn.person.id) return gone(turn);
    const done = await turn.repos.escalations.update(org, e.id, ['taken'], { status: 'resolved', openKey: null, resolvedById: turn.person.id, resolvedAt: turn.clock.now(), resolution: 'resolved', resolutionNote: note });
    if (!done) return gone(turn);
    await audit(turn, e, 'escalation:resolved', { resolution: 'resolved' });
    turn.say({ key: 'escalations.resolved' });
    return { status: 'answered' };
  },
};

async function askNote(turn: Turn, e: Escalation): Promise<QuestionOutcome> {
  await ask(turn, { kind: RESOLVE_KIND, programmeId: e.programmeId, subjectType: 'escalation', subjectId: e.id, audience: [turn.person.id], data: dataOf(e) });
  return { status: 'answered' };
}

/** Ends the pair without blame (matching's endMatch offers the mentee new suggestions) and resolves the escalation. */
async function rematch(turn: Turn, e: Escalation, from: 'card' | 'follow-up'): Promise<QuestionOutcome> {
  const org = turn.organisation.id;
  const match = e.matchId ? await turn.repos.matches.get(org, e.matchId) : null;
  const ended = match?.status === 'active' ? await endMatch(turn, match, { personId: turn.person.id, as: 'coordinator' }) : null;
  const fields = { status: 'resolved' as const, openKey: null, resolvedById: turn.person.id, resolvedAt: turn.clock.now(), resolution: 'rematch' as const };
  const done = await turn.repos.escalations.update(org, e.id, from === 'card' ? ['open'] : ['taken'], from === 'card' ? { ...fields, takenById: turn.person.id, takenAt: turn.clock.now() } : fields);
  if (!done) return gone(turn);
  await audit(turn, e, 'escalation:resolved', { resolution: 'rematch', pairEnded: !!ended });
  turn.say({ key: ended ? 'escalations.rematched' : 'escalations.rematchPairGone' });
  return { status: 'answered' };
}

function gone(turn: Turn): QuestionOutcome {
  turn.say({ key: 'escalations.gone' });
  return { status: 'answered' };
}

function audit(turn: Turn, e: Escalation, action: string, data: Record<string, unknown>): Promise<void> {
  return turn.repos.audit.record({ organisationId: turn.organisation.id, actorPersonId: turn.person.id, action, subjectType: 'Escalation', subjectId: e.id, data: { trigger: e.trigger, ...data } });
}
