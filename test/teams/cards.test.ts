/**
 * Every kind of question the core can ask, rendered as an Adaptive Card and read back by
 * Microsoft's own `adaptivecards` library with no parse or validation problems.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_VERB, CHOICE_INPUT, renderCard, toActivity } from '../../src/channels/teams/index.js';
import type { ChoiceOption, Outbound } from '../../src/core/messages.js';
import { cardProblems, parsedSummary } from '../support/teams/adaptive.js';
import { texts } from '../support/teams/app.js';

const en = (key: string, params?: Record<string, string | number>) => texts.t('en', key, params);
const options = (n: number): ChoiceOption[] => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));

const samples: Record<string, Outbound> = {
  text: { text: 'Hello *Sara*!\n_Welcome_ to the programme.\n\n• one\n• two' },
  answered: { text: 'Do you agree?\n✓ I agree', replacesPromptId: 'p0' },
  textQuestion: { text: 'What is your name?', prompt: { id: 'p1', spec: { kind: 'text' } } },
  buttons: { text: 'Mentee or mentor?', prompt: { id: 'p2', spec: { kind: 'choice', options: [{ value: 'mentee', label: 'Mentee', style: 'primary' }, { value: 'no', label: 'No', style: 'danger' }] } } },
  manyOptions: { text: 'Which field?', prompt: { id: 'p3', spec: { kind: 'choice', options: options(9) } } },
  multi: { text: 'Languages?', prompt: { id: 'p4', spec: { kind: 'multi', options: options(5), min: 0, max: 3, submitLabel: 'Next' } } },
  form: {
    text: 'About you',
    prompt: {
      id: 'p5',
      spec: {
        kind: 'form',
        title: 'About you',
        submitLabel: 'Save',
        fields: [
          { kind: 'text', name: 'fullName', label: 'Full name', required: true, maxLength: 100, initial: 'Sara', hint: 'As in your passport' },
          { kind: 'text', name: 'help', label: 'Help wanted', required: false, multiline: true, maxLength: 1000 },
          { kind: 'number', name: 'years', label: 'Years', required: true, min: 0, max: 60, initial: '7' },
          { kind: 'date', name: 'start', label: 'Start', required: false, initial: '2026-08-17' },
          { kind: 'select', name: 'field', label: 'Field', required: true, options: options(4), initial: 'v2' },
          { kind: 'multiselect', name: 'langs', label: 'Languages', required: false, options: options(4), max: 3, initial: ['v1', 'v3'] },
        ],
      },
    },
  },
};

describe('Adaptive Cards for Teams', () => {
  for (const [name, message] of Object.entries(samples)) {
    it(`renders "${name}" as a card the adaptivecards library parses without problems`, () => {
      const card = renderCard(message, en);
      expect(cardProblems(card)).toEqual([]);
      expect(parsedSummary(card).version).toBe('1.5');
    });
  }

  it('has a judge that does see problems (unknown element, duplicate input ids)', () => {
    expect(cardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Texxt', id: 'a' }] }).length).toBeGreaterThan(0);
    const twice = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] };
    expect(cardProblems(twice).join()).toMatch(/a/);
  });

  it('renders the core’s *bold* and _italic_ as TextRuns (the span rule), never as markdown', () => {
    const card = renderCard({ text: 'Welcome to *Mentorprogram høst 2026*! _Hi_ 2*3' }, en);
    expect(card.body).toEqual([
      {
        type: 'RichTextBlock',
        spacing: 'default',
        inlines: [
          { type: 'TextRun', text: 'Welcome to ' },
          { type: 'TextRun', text: 'Mentorprogram høst 2026', weight: 'bolder' },
          { type: 'TextRun', text: '! ' },
          { type: 'TextRun', text: 'Hi', italic: true },
          { type: 'TextRun', text: ' 2*3' },
        ],
      },
    ]);
  });

  it('uses Action.Execute buttons for up to six options, carrying the prompt id and the value', () => {
    const card = renderCard(samples.buttons as Outbound, en);
    expect(parsedSummary(card).actions).toEqual(['Action.Execute', 'Action.Execute']);
    expect(card.actions).toEqual([
      { type: 'Action.Execute', verb: ANSWER_VERB, title: 'Mentee', style: 'positive', data: { mbPrompt: 'p2', mbKind: 'choice', mbValue: 'mentee' } },
      { type: 'Action.Execute', verb: ANSWER_VERB, title: 'No', style: 'destructive', data: { mbPrompt: 'p2', mbKind: 'choice', mbValue: 'no' } },
    ]);
  });

  it('turns more than six options into a compact ChoiceSet and one submit', () => {
    const card = renderCard(samples.manyOptions as Outbound, en);
    expect(parsedSummary(card)).toMatchObject({ elements: ['RichTextBlock', 'Input.ChoiceSet'], actions: ['Action.Execute'] });
    const set = (card.body as Array<Record<string, unknown>>)[1];
    expect(set).toMatchObject({ id: CHOICE_INPUT, style: 'compact', isMultiSelect: false, isRequired: true });
    expect(card.actions).toEqual([expect.objectContaining({ title: 'Send', data: { mbPrompt: 'p3', mbKind: 'choice' } })]);
  });

  it('renders multi-choice as an expanded multi-select ChoiceSet', () => {
    const card = renderCard(samples.multi as Outbound, en);
    expect((card.body as Array<Record<string, unknown>>)[1]).toMatchObject({ type: 'Input.ChoiceSet', isMultiSelect: true, style: 'expanded', isRequired: false });
    expect(card.actions).toEqual([expect.objectContaining({ title: 'Next' })]);
  });

  it('renders every form field kind with label, required flag, error message, limits and initial values', () => {
    const card = renderCard(samples.form as Outbound, en);
    const inputs = (card.body as Array<Record<string, unknown>>).filter((b) => String(b.type).startsWith('Input.'));
    expect(inputs).toEqual([
      expect.objectContaining({ type: 'Input.Text', id: 'fullName', label: 'Full name', isRequired: true, errorMessage: 'Please fill this in.', maxLength: 100, isMultiline: false, value: 'Sara' }),
      expect.objectContaining({ type: 'Input.Text', id: 'help', isRequired: false, isMultiline: true, maxLength: 1000 }),
      expect.objectContaining({ type: 'Input.Number', id: 'years', min: 0, max: 60, value: 7 }),
      expect.objectContaining({ type: 'Input.Date', id: 'start', value: '2026-08-17' }),
      expect.objectContaining({ type: 'Input.ChoiceSet', id: 'field', style: 'compact', value: 'v2' }),
      expect.objectContaining({ type: 'Input.ChoiceSet', id: 'langs', isMultiSelect: true, value: 'v1,v3' }),
    ]);
    expect(card.actions).toEqual([expect.objectContaining({ title: 'Save', data: { mbPrompt: 'p5', mbKind: 'form', mbMulti: ['langs'] } })]);
    expect(JSON.stringify(card)).toContain('As in your passport');
  });

  it('sends plain text as an HTML (xml) message and questions or answered questions as cards', () => {
    expect(toActivity(samples.text as Outbound, en)).toEqual({ type: 'message', textFormat: 'xml', text: 'Hello <strong>Sara</strong>!<br/><em>Welcome</em> to the programme.<br/><br/>• one<br/>• two' });
    expect(toActivity(samples.textQuestion as Outbound, en).attachments).toBeUndefined();
    for (const name of ['answered', 'buttons', 'form'] as const) {
      const [attachment] = toActivity(samples[name] as Outbound, en).attachments ?? [];
      expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    }
    expect(renderCard(samples.answered as Outbound, en).actions).toBeUndefined();
  });

  it('says something a person can read in both languages when a client cannot show the card', () => {
    expect(renderCard(samples.text as Outbound, en).fallbackText).toBe(en('teams.cardFallback'));
    expect(renderCard(samples.text as Outbound, (k, p) => texts.t('nb', k, p)).fallbackText).toBe(texts.t('nb', 'teams.cardFallback'));
    expect(texts.t('nb', 'teams.cardFallback')).not.toBe(en('teams.cardFallback'));
  });
});
