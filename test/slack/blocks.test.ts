/**
 * Rendering stays inside Block Kit's limits whatever the core hands over: huge texts, long
 * labels and values, hundreds of options, emoji at the cut. A walker checks every limit Slack
 * documents for the elements we use, so a new renderer path cannot slip past.
 */
import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/channels/slack/blocks.js';
import { renderHome } from '../../src/channels/slack/home-tab.js';
import { decodeOptionValue, parseActionId } from '../../src/channels/slack/ids.js';
import { escapeMrkdwn, splitText, truncate } from '../../src/channels/slack/limits.js';
import { buildModal, modalErrors, readSubmission, resolveByIndex } from '../../src/channels/slack/modal.js';
import { literal } from '../../src/core/kernel/rich-text.js';
import type { ChoiceOption, FormField, Outbound } from '../../src/core/messages.js';

const ui = { fillIn: 'Fill in', chooseOne: 'Choose…', chooseMany: 'Choose one or more…' };
type Node = Record<string, unknown>;

/** Every documented limit we rely on, checked over a whole block tree. */
function assertWithinLimits(node: unknown, path = '$'): void {
  if (Array.isArray(node)) {
    node.forEach((n, i) => {
      assertWithinLimits(n, `${path}[${i}]`);
    });
    return;
  }
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  const text = (n.text as Node | undefined)?.text as string | undefined;
  const max = (limit: number, value: unknown, what: string) => expect(String(value ?? '').length, `${path} ${what}`).toBeLessThanOrEqual(limit);
  if (n.type === 'section') max(3000, text, 'section text');
  if (n.type === 'button') {
    max(75, text, 'button text');
    max(2000, n.value, 'button value');
  }
  if (typeof n.action_id === 'string') max(255, n.action_id, 'action_id');
  if (typeof n.block_id === 'string') max(255, n.block_id, 'block_id');
  if (Array.isArray(n.options)) {
    expect(n.options.length, `${path} options`).toBeLessThanOrEqual(n.type === 'checkboxes' ? 10 : 100);
    for (const o of n.options as Node[]) {
      max(75, (o.text as Node).text, 'option text');
      max(150, o.value, 'option value');
    }
  }
  if (n.type === 'actions') expect((n.elements as unknown[]).length).toBeLessThanOrEqual(25);
  if (n.type === 'modal') {
    max(24, (n.title as Node).text, 'modal title');
    max(24, (n.submit as Node).text, 'modal submit');
    max(3000, n.private_metadata, 'private_metadata');
    expect((n.blocks as unknown[]).length).toBeLessThanOrEqual(100);
  }
  if (n.type === 'input') max(2000, (n.label as Node).text, 'input label');
  if (n.type === 'plain_text' || n.type === 'mrkdwn') expect(String(n.text).length, `${path} empty text`).toBeGreaterThan(0);
  for (const [k, v] of Object.entries(n)) assertWithinLimits(v, `${path}.${k}`);
}

const huge = (n: number, unit = 'Lorem ipsum dolor sit amet. ') => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const options = (n: number, labelLength = 20, valueLength = 10): ChoiceOption[] =>
  Array.from({ length: n }, (_, i) => ({ value: `${i}-${'v'.repeat(valueLength)}`.slice(0, Math.max(valueLength, 2)), label: `${i} ${huge(labelLength, 'Label ')}` }));

describe('Block Kit rendering', () => {
  it('splits a 200,000-character text into at most 50 sections of at most 3,000 characters, marking the cut', () => {
    const { blocks, text } = renderMessage({ text: huge(200_000) }, ui);
    expect(blocks.length).toBe(50);
    assertWithinLimits(blocks);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(String((blocks.at(-1) as { text: { text: string } }).text.text).endsWith('…')).toBe(true);
  });

  it('keeps room for the question under a huge text', () => {
    const message: Outbound = { text: huge(500_000), prompt: { id: 'p1', spec: { kind: 'choice', options: options(3) } } };
    const { blocks } = renderMessage(message, ui);
    expect(blocks.length).toBe(50);
    expect(blocks.at(-1)).toMatchObject({ type: 'actions' });
    assertWithinLimits(blocks);
  });

  it('escapes &, < and > so typed text cannot ping or link, without splitting an entity', () => {
    expect(escapeMrkdwn('<@U123> & <!channel> *bold* _it_')).toBe('&lt;@U123&gt; &amp; &lt;!channel&gt; *bold* _it_');
    const pieces = splitText(escapeMrkdwn('<'.repeat(7000)), 3000);
    expect(pieces.every((p) => /^(&lt;)+$/.test(p) && p.length <= 3000)).toBe(true);
  });

  it('never cuts an emoji in half', () => {
    const cut = truncate(`${'a'.repeat(73)}😀😀`, 75);
    expect(cut.length).toBeLessThanOrEqual(75);
    expect(cut).toBe(`${'a'.repeat(73)}…`);
    expect(truncate('short', 75)).toBe('short');
  });

  it('shows a label made with a person’s words (a literal span) without the marks, in buttons, selects and modals', () => {
    const label = `Meet ${literal('*Kari*')}`;
    const many = Array.from({ length: 8 }, (_, i) => ({ value: `v${i}`, label }));
    const rendered = [
      renderMessage({ text: 'Pick', prompt: { id: 'p1', spec: { kind: 'choice', options: [{ value: 'a', label }] } } }, ui),
      renderMessage({ text: 'Pick', prompt: { id: 'p2', spec: { kind: 'choice', options: many } } }, ui),
      buildModal({ text: 'Form', prompt: { id: 'p3', spec: { kind: 'form', title: 'T', submitLabel: 'S', fields: [{ kind: 'select', name: 'f', label: 'F', required: true, options: many }] } } }, { promptId: 'p3' }),
    ];
    for (const r of rendered) {
      expect(JSON.stringify(r)).not.toMatch(/[\uE000\uE001]/);
      expect(JSON.stringify(r)).toContain('Meet *Kari*');
    }
  });

  it('renders up to five choices as buttons carrying the prompt id and the value', () => {
    const { blocks } = renderMessage({ text: 'Role?', prompt: { id: 'p42', spec: { kind: 'choice', options: [{ value: 'mentee', label: 'Mentee', style: 'primary' }, { value: 'mentor', label: 'Mentor' }] } } }, ui);
    const [, actions] = blocks as [Node, { elements: Node[] }];
    expect(actions.elements.map((e) => [e.type, e.action_id, e.value, e.style])).toEqual([
      ['button', 'mb:choice:0:p42', 'mentee', 'primary'],
      ['button', 'mb:choice:1:p42', 'mentor', undefined],
    ]);
    expect(parseActionId('mb:choice:1:p42')).toEqual({ kind: 'choice', index: 1, promptId: 'p42' });
  });

  it('renders many long choices as one select, capped at 100 options, long values sent by position', () => {
    const spec = { kind: 'choice' as const, options: options(250, 400, 300) };
    const { blocks } = renderMessage({ text: 'Pick', prompt: { id: 'x'.repeat(200), spec } }, ui);
    assertWithinLimits(blocks);
    const select = (blocks[1] as { elements: Node[] }).elements[0] as { type: string; options: { value: string }[] };
    expect(select.type).toBe('static_select');
    expect(select.options).toHaveLength(100);
    expect(decodeOptionValue(select.options[7]?.value ?? '')).toEqual({ index: 7 });
  });

  it('renders multi answers as checkboxes (≤10) or a multi-select, each with a submit button', () => {
    const small = renderMessage({ text: 'Languages', prompt: { id: 'm1', spec: { kind: 'multi', options: options(8), min: 0, max: 8, submitLabel: huge(200) } } }, ui);
    const big = renderMessage({ text: 'Languages', prompt: { id: 'm2', spec: { kind: 'multi', options: options(40), min: 0, max: 3, submitLabel: 'Next' } } }, ui);
    assertWithinLimits([small.blocks, big.blocks]);
    const kinds = (r: typeof small) => (r.blocks[1] as { elements: Node[] }).elements.map((e) => e.type);
    expect(kinds(small)).toEqual(['checkboxes', 'button']);
    expect(kinds(big)).toEqual(['multi_static_select', 'button']);
    expect((big.blocks[1] as { elements: Node[] }).elements[0]).toMatchObject({ max_selected_items: 3 });
  });

  it('renders a short multiselect form field as checkboxes, nothing ticked unless given, and reads the ticks back', () => {
    const fields: FormField[] = [
      { kind: 'multiselect', name: 'share', label: 'Share', required: false, options: [{ value: 'yes', label: 'Share my comment with the coordinator' }], max: 1 },
      { kind: 'multiselect', name: 'langs', label: 'Languages', required: false, options: options(20), max: 3 },
    ];
    const modal = buildModal({ text: 'Check-in', prompt: { id: 'pc', spec: { kind: 'form', title: 'Check-in', fields, submitLabel: 'Send' } } }, { promptId: 'pc', channel: 'D1' });
    assertWithinLimits(modal);
    const blocks = (modal as { blocks: Node[] }).blocks as { block_id?: string; element?: { type: string; initial_options?: unknown } }[];
    const share = blocks.find((b) => b.block_id === 'share')?.element;
    expect(share?.type).toBe('checkboxes');
    expect(share?.initial_options).toBeUndefined();
    expect(blocks.find((b) => b.block_id === 'langs')?.element?.type).toBe('multi_static_select');
    const ticked = readSubmission({ share: { value: { type: 'checkboxes', selected_options: [{ value: 'v:yes' }] } } });
    expect(ticked.values).toEqual({ share: ['yes'] });
    expect(readSubmission({ share: { value: { type: 'checkboxes', selected_options: [] } } }).values).toEqual({ share: [] });
  });

  it('builds a modal inside the limits from a form with absurd sizes, and reads its submission back', () => {
    const fieldOptions = options(150, 100, 300);
    const fields: FormField[] = [
      { kind: 'text', name: 'bio', label: huge(5000), required: true, multiline: true, maxLength: 20_000, initial: huge(9000), hint: huge(5000) },
      { kind: 'number', name: 'years', label: 'Years', required: true, min: 0, max: 60, initial: '4' },
      { kind: 'date', name: 'start', label: 'Start', required: false, initial: '2027-01-15' },
      { kind: 'select', name: 'field', label: 'Field', required: true, options: fieldOptions, initial: fieldOptions[3]?.value },
      { kind: 'multiselect', name: 'langs', label: 'Languages', required: false, options: options(20), max: 50, initial: ['1-vvvvvvvv', 'nope'] },
      ...Array.from({ length: 120 }, (_, i): FormField => ({ kind: 'text', name: `f${i}`, label: `F${i}`, required: false, maxLength: 10 })),
    ];
    const modal = buildModal({ text: huge(20_000), prompt: { id: 'pf', spec: { kind: 'form', title: 'A very long form title indeed', fields, submitLabel: 'Save everything now please' } } }, { promptId: 'pf', channel: 'D1' });
    assertWithinLimits(modal);
    const blocks = (modal as { blocks: Node[] }).blocks;
    expect(blocks.length).toBe(100);
    const select = blocks.find((b) => b.block_id === 'field') as { element: { initial_option?: unknown; options: unknown[] } };
    expect(select.element.initial_option).toEqual(select.element.options[3]);

    const submission = readSubmission({
      bio: { value: { type: 'plain_text_input', value: 'v:not an option, just text' } },
      field: { value: { type: 'static_select', selected_option: { value: 'i:5' } } },
      langs: { value: { type: 'multi_static_select', selected_options: [{ value: 'v:1-vvvvvvvv' }] } },
      start: { value: { type: 'datepicker', selected_date: null } },
    });
    expect(submission.byIndex).toEqual(['field']);
    const form = { kind: 'form' as const, title: 't', fields, submitLabel: 's' };
    expect(resolveByIndex(submission, form)).toEqual({ bio: 'v:not an option, just text', field: fieldOptions[5]?.value, langs: ['1-vvvvvvvv'] });
  });

  it('maps field errors to block ids for response_action errors', () => {
    expect(modalErrors({ endsOn: 'The end must be after the start.' })).toEqual({ response_action: 'errors', errors: { endsOn: 'The end must be after the start.' } });
  });

  it('renders a home tab within the limits, shortcuts as buttons carrying the command words', () => {
    const view = renderHome({ title: huge(500), sections: Array.from({ length: 80 }, () => ({ text: huge(7000) })), shortcuts: [{ label: 'What can I do?', command: 'help' }] });
    assertWithinLimits(view);
    const blocks = (view as { blocks: Node[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ type: 'button', value: 'help', action_id: 'mb:cmd:0:home' }] });
  });
});
