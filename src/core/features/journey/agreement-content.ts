/**
 * What an agreement holds and how it reads. `answers` (Agreement.answers) has each side's part,
 * the shared practical frame, and `done`: which roles have answered their part and seen the
 * frame (roles only, never words). The forms and the card are built here; the flow
 * (agreement-flow.ts) and the confirmation (agreement-confirm.ts) only move them around.
 */
import type { AnswerValue } from '../../domain.js';
import type { FieldDef, InputDef } from '../../engine/types.js';
import { literal } from '../../kernel/rich-text.js';
import type { Translate } from '../../kernel/work.js';
import type { Outbound, Section } from '../../messages.js';
import { FREQUENCIES, FREQUENCY_OPTIONS } from '../../options.js';
import type { PairRole } from './guide-pairs.js';

/** The seeds: at most three goals. */
export const MAX_GOALS = 3;
const TEXT_MAX = 1000;

export const PART_FIELDS = { mentee: ['help', 'hopes', 'goals'], mentor: ['offer', 'hopes', 'limits'] } as const;
/** `summary`: "yes" when the mentee writes a short summary for the mentor after each meeting (the seeds' roles); absent (older versions) reads as no. */
export const FRAME_FIELDS = ['confidentiality', 'confidentialityText', 'frequency', 'initiator', 'cancelling', 'evaluation', 'summary'] as const;

export interface Content {
  mentee?: { help: string; hopes: string; goals: string[] };
  mentor?: { offer: string; hopes: string; limits: string };
  frame?: Record<(typeof FRAME_FIELDS)[number], string>;
  done: { parts: PairRole[]; frame: PairRole[] };
}

const text = (v: AnswerValue | undefined) => (typeof v === 'string' ? v.trim() : '');
const roles = (v: unknown): PairRole[] => (Array.isArray(v) ? v.filter((r): r is PairRole => r === 'mentor' || r === 'mentee') : []);

/** A stored `answers` object read back, nothing trusted blindly. */
export function readContent(answers: Record<string, unknown>): Content {
  const done = (answers.done ?? {}) as Record<string, unknown>;
  return { ...(answers as Partial<Content>), done: { parts: roles(done.parts), frame: roles(done.frame) } };
}

export const goalsOf = (value: AnswerValue | undefined) =>
  text(value)
    .split('\n')
    .map((g) => g.trim())
    .filter((g) => g !== '');

/** A submitted part into the content; `done` gains the role. */
export function withPart(content: Content, role: PairRole, values: Record<string, AnswerValue>): Content {
  const part =
    role === 'mentee'
      ? { mentee: { help: text(values.help), hopes: text(values.hopes), goals: goalsOf(values.goals).slice(0, MAX_GOALS) } }
      : { mentor: { offer: text(values.offer), hopes: text(values.hopes), limits: text(values.limits) } };
  return { ...content, ...part, done: { ...content.done, parts: [...new Set([...content.done.parts, role])] } };
}

export function withFrame(content: Content, role: PairRole, values: Record<string, AnswerValue>): Content {
  const frame = Object.fromEntries(FRAME_FIELDS.map((f) => [f, text(values[f])])) as Content['frame'];
  return { ...content, frame, done: { ...content.done, frame: [...new Set([...content.done.frame, role])] } };
}

/** Both parts answered and the frame seen by both: ready to be proposed to the pair. */
export const complete = (c: Content) => c.done.parts.length === 2 && c.done.frame.length === 2 && !!c.mentee && !!c.mentor && !!c.frame;

const field = (name: string, required: boolean, hint?: string): FieldDef => ({ kind: 'text', name, label: `agreement.f_${name}`, required, maxLength: TEXT_MAX, multiline: true, ...(hint ? { hint } : {}) });

/** The person's own part as a form, prefilled with what is stored. */
export function partForm(role: PairRole, initial?: Record<string, string>): InputDef {
  const fields = role === 'mentee' ? [field('help', true), field('hopes', true), field('goals', true, 'agreement.goalsHint')] : [field('offer', true), field('hopes', true), field('limits', false)];
  return {
    kind: 'form',
    title: `agreement.${role}PartTitle`,
    submitLabel: 'agreement.save',
    fields,
    ...(initial ? { initial } : {}),
    check: (values) => (goalsOf(values.goals).length > MAX_GOALS ? { goals: 'agreement.tooManyGoals' } : null),
  };
}

const CONFIDENTIALITY = [{ value: 'between', label: 'agreement.confBetween' }, { value: 'custom', label: 'agreement.confCustom' }];
const INITIATORS = ['mentee', 'mentor', 'both'].map((value) => ({ value, label: `agreement.init_${value}` }));
const SUMMARY = [{ value: 'no', label: 'agreement.summaryNo' }, { value: 'yes', label: 'agreement.summaryYes' }];

/** The shared frame; the later of the two sees what the earlier wrote. */
export function frameForm(initial?: Record<string, string>): InputDef {
  return {
    kind: 'form',
    title: 'agreement.frameTitle',
    submitLabel: 'agreement.save',
    fields: [
      { kind: 'select', name: 'confidentiality', label: 'agreement.f_confidentiality', required: true, options: CONFIDENTIALITY },
      { kind: 'text', name: 'confidentialityText', label: 'agreement.f_confidentialityText', required: false, maxLength: TEXT_MAX, multiline: true },
      { kind: 'select', name: 'frequency', label: 'agreement.f_frequency', required: true, options: FREQUENCY_OPTIONS },
      { kind: 'select', name: 'initiator', label: 'agreement.f_initiator', required: true, options: INITIATORS },
      field('cancelling', true, 'agreement.cancellingHint'),
      field('evaluation', true),
      { kind: 'select', name: 'summary', label: 'agreement.f_summary', required: false, options: SUMMARY },
    ],
    ...(initial ? { initial } : {}),
    check: (values) => (values.confidentiality === 'custom' && text(values.confidentialityText) === '' ? { confidentialityText: 'agreement.confTextNeeded' } : null),
  };
}

/** What a form shows as its initial values: the stored part or frame, as strings. */
export function initialPart(content: Content, role: PairRole): Record<string, string> | undefined {
  if (role === 'mentee') return content.mentee ? { help: content.mentee.help, hopes: content.mentee.hopes, goals: content.mentee.goals.join('\n') } : undefined;
  return content.mentor ? { ...content.mentor } : undefined;
}

const section = (t: Translate, heading: string, words: string): Section[] => (words ? [{ heading: t(heading), text: literal(words) }] : []);

/** The agreement as a readable card, in the reader's language. */
export function agreementCard(t: Translate, c: Content, version: number, partner: string): Pick<Outbound, 'text' | 'sections'> {
  const f = c.frame;
  const frequency = f && (FREQUENCIES as readonly string[]).includes(f.frequency) ? t(`frequency.${f.frequency}`) : '';
  const frame = f
    ? [
        t('agreement.lineConfidentiality', { value: f.confidentiality === 'custom' ? f.confidentialityText : t('agreement.confBetween') }),
        t('agreement.lineFrequency', { value: frequency }),
        t('agreement.lineInitiator', { value: t(`agreement.init_${f.initiator === 'mentor' || f.initiator === 'mentee' ? f.initiator : 'both'}`) }),
        t('agreement.lineCancelling', { value: f.cancelling }),
        t('agreement.lineSummary', { value: t(f.summary === 'yes' ? 'agreement.summaryYes' : 'agreement.summaryNo') }),
      ].join('\n')
    : '';
  return {
    text: t('agreement.cardTitle', { version, name: partner }),
    sections: [
      ...section(t, 'agreement.hGoals', (c.mentee?.goals ?? []).map((g, i) => `${i + 1}. ${g}`).join('\n')),
      ...section(t, 'agreement.hMenteeAsks', c.mentee?.help ?? ''),
      ...section(t, 'agreement.hMentorOffers', c.mentor?.offer ?? ''),
      ...section(t, 'agreement.hMenteeHopes', c.mentee?.hopes ?? ''),
      ...section(t, 'agreement.hMentorHopes', c.mentor?.hopes ?? ''),
      ...section(t, 'agreement.hLimits', c.mentor?.limits ?? ''),
      ...(frame ? [{ heading: t('agreement.hFrame'), text: frame }] : []),
      ...section(t, 'agreement.hEvaluation', f?.evaluation ?? ''),
    ],
  };
}
