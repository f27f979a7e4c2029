/**
 * Renders the core's neutral `Outbound` as an Adaptive Card (schema 1.5) with `Action.Execute`
 * universal actions. Action.Execute (not Action.Submit) because Teams then sends an
 * `adaptiveCard/action` invoke that we must answer, which lets the card show our reply instead of
 * a generic "something went wrong", and because it is what Microsoft's current docs recommend.
 *
 * Every button and submit carries `data.mbPrompt` (the prompt id the core checks, so a stale or
 * double-submitted card acts once) and `data.mbKind`; inputs keep the core's field names. Words
 * are RichTextBlocks of TextRuns (rich.ts), so nothing a person typed is read as markdown. Plain
 * JSON on purpose: no botbuilder import here, so the renderer survives an SDK move unchanged.
 */
import { withoutMarksIn } from '../../core/kernel/rich-text.js';
import type { ChoiceOption, FormField, Outbound, PromptSpec } from '../../core/messages.js';
import { contextBlocks, fileBlocks, imageBlocks, type Json, richBlocks, sectionBlocks, titleBlocks } from './rich.js';

export type { Json } from './rich.js';

export const CARD_VERSION = '1.5';
export const ANSWER_VERB = 'mb.answer';
/** Input id of the ChoiceSet that stands in for buttons (many options, multi-select). */
export const CHOICE_INPUT = 'mbChoice';
/** Teams shows at most six actions on a card; more become a compact ChoiceSet. */
export const MAX_BUTTONS = 6;

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** What an Action.Execute sends back in `action.data` (besides the inputs). */
export interface AnswerData {
  mbPrompt: string;
  mbKind: 'choice' | 'form';
  /** The option of a plain button. */
  mbValue?: string;
  /** Form fields whose ChoiceSet answers "a,b,c" and must be split into a list. */
  mbMulti?: string[];
}

/** What the sender fetched for the message's attachments (see attachments.ts). */
export interface CardParts {
  /** The picture as a data: URI, when its bytes could be read. */
  imageUri?: string;
  /** A signed download link for the file, when the channel has FileLinks. */
  fileUrl?: string;
}

export function renderCard(message: Outbound, t: Translate, parts: CardParts = {}): Json {
  const body: Json[] = [
    ...titleBlocks(message.title),
    ...richBlocks(message.text),
    ...(message.sections ?? []).flatMap(sectionBlocks),
    ...imageBlocks(message.image, parts.imageUri),
    ...fileBlocks(message.file, parts.fileUrl, { download: t('teams.download'), noLink: t('teams.fileNoLink') }),
    ...contextBlocks(message.context),
  ];
  // A card needs something to show; a blank TextBlock is inert.
  if (body.length === 0) body.push({ type: 'TextBlock', text: ' ', wrap: true });
  const actions: Json[] = [];
  if (message.prompt) addPrompt(message.prompt.id, message.prompt.spec, t, body, actions);
  // TextRuns come from spans, which never carry the literal marks; labels and titles lose them here.
  return withoutMarksIn({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: t('teams.cardFallback'),
    body,
    ...(actions.length > 0 ? { actions } : {}),
  });
}

function addPrompt(promptId: string, spec: PromptSpec, t: Translate, body: Json[], actions: Json[]): void {
  switch (spec.kind) {
    case 'text':
      return; // the person types the answer in the chat box
    case 'choice':
      if (spec.options.length <= MAX_BUTTONS) {
        for (const option of spec.options) actions.push(button(promptId, option));
        return;
      }
      body.push(choiceSet(CHOICE_INPUT, t('teams.choose'), spec.options, { required: true, multi: false, error: t('teams.required') }));
      actions.push(submit(t('teams.send'), { mbPrompt: promptId, mbKind: 'choice' }));
      return;
    case 'multi':
      body.push(choiceSet(CHOICE_INPUT, '', spec.options, { required: spec.min > 0, multi: true, error: t('teams.required') }));
      actions.push(submit(spec.submitLabel, { mbPrompt: promptId, mbKind: 'choice' }));
      return;
    case 'form': {
      body.push(...richBlocks(spec.title, { bold: true, size: 'medium' }).map((b, i) => (i === 0 ? { ...b, spacing: 'medium' } : b)));
      for (const field of spec.fields) body.push(...formInput(field, t));
      const multi = spec.fields.filter((f) => f.kind === 'multiselect').map((f) => f.name);
      actions.push(submit(spec.submitLabel, { mbPrompt: promptId, mbKind: 'form', ...(multi.length > 0 ? { mbMulti: multi } : {}) }));
      return;
    }
  }
}

function button(promptId: string, option: ChoiceOption): Json {
  const data: AnswerData = { mbPrompt: promptId, mbKind: 'choice', mbValue: option.value };
  const style = option.style === 'primary' ? 'positive' : option.style === 'danger' ? 'destructive' : undefined;
  return { type: 'Action.Execute', verb: ANSWER_VERB, title: option.label, data, ...(style ? { style } : {}) };
}

function submit(title: string, data: AnswerData): Json {
  return { type: 'Action.Execute', verb: ANSWER_VERB, title, data, style: 'positive' };
}

interface ChoiceSetOptions {
  required: boolean;
  multi: boolean;
  error: string;
  value?: string;
}

function choiceSet(id: string, label: string, options: ChoiceOption[], o: ChoiceSetOptions): Json {
  return {
    type: 'Input.ChoiceSet',
    id,
    ...(label ? { label } : {}),
    choices: options.map((opt) => ({ title: opt.label, value: opt.value })),
    style: o.multi ? 'expanded' : 'compact',
    isMultiSelect: o.multi,
    isRequired: o.required,
    ...(o.required ? { errorMessage: o.error } : {}),
    ...(o.value ? { value: o.value } : {}),
  };
}

/** One form field as an input (plus its hint as a subtle line, since inputs have no help text). */
function formInput(field: FormField, t: Translate): Json[] {
  const required = field.requiredMessage ?? t('teams.required');
  const common = { id: field.name, label: field.label, isRequired: field.required, ...(field.required ? { errorMessage: required } : {}) };
  const hint = field.hint ? richBlocks(field.hint, { isSubtle: true, size: 'small' }).map((b) => ({ ...b, spacing: 'none' })) : [];
  switch (field.kind) {
    case 'text':
      return [{ type: 'Input.Text', ...common, isMultiline: field.multiline ?? false, maxLength: field.maxLength, ...(field.initial ? { value: field.initial } : {}) }, ...hint];
    case 'number': {
      const initial = field.initial !== undefined && field.initial !== '' ? Number(field.initial) : undefined;
      return [{ type: 'Input.Number', ...common, min: field.min, max: field.max, ...(initial !== undefined && Number.isFinite(initial) ? { value: initial } : {}) }, ...hint];
    }
    case 'date':
      return [{ type: 'Input.Date', ...common, ...(field.initial ? { value: field.initial } : {}) }, ...hint];
    case 'select':
      return [{ ...choiceSet(field.name, field.label, field.options, { required: field.required, multi: false, error: required, ...(field.initial ? { value: field.initial } : {}) }) }, ...hint];
    case 'multiselect': {
      const value = field.initial && field.initial.length > 0 ? field.initial.join(',') : undefined;
      return [{ ...choiceSet(field.name, field.label, field.options, { required: field.required, multi: true, error: required, ...(value ? { value } : {}) }) }, ...hint];
    }
  }
}
