/**
 * Outbound → Block Kit message: the title as a header, the text and sections as mrkdwn sections
 * (rich-blocks.ts), the small print as a context block, then the question: a choice becomes
 * buttons (a select when there are more than five); a multi answer becomes checkboxes (a
 * multi-select beyond ten) plus a submit button; a form becomes one "fill in" button that opens
 * a modal (modal.ts). Every string passes through limits.ts, so no input can make Slack refuse
 * the message, and every rich text through mrkdwn.ts, so nothing typed can link or mention.
 * Images and files are uploaded by the sender (uploads.ts), not rendered here.
 */
import { withoutMarks, withoutMarksIn } from '../../core/kernel/rich-text.js';
import type { ChoiceOption, Outbound, PromptSpec } from '../../core/messages.js';
import { actionId, optionValue } from './ids.js';
import { LIMITS, plain, truncate } from './limits.js';
import { plainMrkdwn, truncateMrkdwn } from './mrkdwn.js';
import { contextBlock, headerBlock, keep, notificationSource, sectionBlocks, textSections } from './rich-blocks.js';

export type Block = Record<string, unknown>;

/** Texts the channel adds itself, already in the recipient's language (prompts/<locale>/slack.json). */
export interface SlackUiTexts {
  fillIn: string;
  chooseOne: string;
  chooseMany: string;
}

export interface RenderedMessage {
  /** The notification and accessibility text; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks: Block[];
}

/** Buttons for up to this many options; beyond it a select is easier to read on a phone. */
export const MAX_BUTTONS = 5;

export function renderMessage(message: Outbound, ui: SlackUiTexts): RenderedMessage {
  const prompt = message.prompt ? promptBlocks(message.prompt.id, message.prompt.spec, ui) : [];
  const header = headerBlock(message.title);
  const context = contextBlock(message.context);
  const room = LIMITS.blocksPerMessage - prompt.length - header.length - context.length;
  const body = keep([...textSections(message.text), ...(message.sections ?? []).flatMap(sectionBlocks)], room);
  const text = truncateMrkdwn(plainMrkdwn(notificationSource(message)), LIMITS.fallbackText);
  // Rich text loses its literal marks in parseRich; a label made with a parameter loses them here.
  return withoutMarksIn({ text, blocks: [...header, ...body, ...context, ...prompt] });
}

/** At most `room` sections; the last one says "…" when the text had to be cut. */
export function textBlocks(text: string, room: number): Block[] {
  return keep(textSections(text), room);
}

function promptBlocks(promptId: string, spec: PromptSpec, ui: SlackUiTexts): Block[] {
  switch (spec.kind) {
    case 'text':
      return [];
    case 'choice':
      return [choiceBlock(promptId, spec.options, ui)];
    case 'multi':
      return [multiBlock(promptId, spec, ui)];
    case 'form':
      return [actions(promptId, [button(actionId('form', promptId), `${ui.fillIn}: ${spec.title}`, 'form', 'primary')])];
  }
}

function actions(promptId: string, elements: Block[]): Block {
  return { type: 'actions', block_id: truncate(`mb:${promptId}`, LIMITS.blockId), elements };
}

function button(id: string, label: string, value: string, style?: ChoiceOption['style']): Block {
  return {
    type: 'button',
    action_id: id,
    text: plain(label, LIMITS.buttonText),
    value: truncate(value, LIMITS.buttonValue),
    ...(style ? { style } : {}),
  };
}

export function selectOptions(options: readonly ChoiceOption[]): Block[] {
  // The modal uses these too, without renderMessage's last pass.
  return options.slice(0, LIMITS.selectOptions).map((o, i) => ({ text: plain(withoutMarks(o.label), LIMITS.optionText), value: optionValue(o.value, i, LIMITS.optionValue) }));
}

function choiceBlock(promptId: string, options: ChoiceOption[], ui: SlackUiTexts): Block {
  if (options.length <= MAX_BUTTONS) {
    return actions(promptId, options.map((o, i) => button(actionId('choice', promptId, i), o.label, o.value, o.style)));
  }
  const select = { type: 'static_select', action_id: actionId('select', promptId), placeholder: plain(ui.chooseOne, LIMITS.placeholder), options: selectOptions(options) };
  return actions(promptId, [select]);
}

function multiBlock(promptId: string, spec: Extract<PromptSpec, { kind: 'multi' }>, ui: SlackUiTexts): Block {
  const options = selectOptions(spec.options);
  // Checkboxes show every choice at once; Slack allows ten, a multi-select beyond that.
  const input =
    spec.options.length <= LIMITS.checkboxOptions
      ? { type: 'checkboxes', action_id: actionId('multi', promptId), options }
      : {
          type: 'multi_static_select',
          action_id: actionId('multi', promptId),
          placeholder: plain(ui.chooseMany, LIMITS.placeholder),
          options,
          max_selected_items: Math.max(1, Math.min(spec.max, options.length)),
        };
  return actions(promptId, [input, button(actionId('multisubmit', promptId), spec.submitLabel, 'submit', 'primary')]);
}
