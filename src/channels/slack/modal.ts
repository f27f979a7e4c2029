/**
 * A form question as a Slack modal, and a submitted modal back as form values. Each field is an
 * input block whose block_id is the field name, so the core's per-field errors map straight onto
 * Slack's `response_action: "errors"` (which is keyed by block_id).
 */
import type { ChoiceOption, FormField, Outbound } from '../../core/messages.js';
import type { Block } from './blocks.js';
import { textBlocks, selectOptions } from './blocks.js';
import { decodeOptionValue, FIELD_ACTION_ID, FORM_CALLBACK_ID } from './ids.js';
import { LIMITS, plain, truncate } from './limits.js';

/** What the modal remembers between opening and submission (Slack returns it untouched). */
export interface ModalMetadata {
  promptId: string;
  /** The DM the form button was in, so the person's address is kept. */
  channel?: string;
}

export type FormSpec = Extract<NonNullable<Outbound['prompt']>['spec'], { kind: 'form' }>;

export function buildModal(question: Outbound, meta: ModalMetadata): Block | null {
  const spec = question.prompt?.spec;
  if (spec?.kind !== 'form') return null;
  const inputs = spec.fields.slice(0, LIMITS.blocksPerView - 1).map(inputBlock);
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    title: plain(spec.title, LIMITS.modalTitle),
    submit: plain(spec.submitLabel, LIMITS.modalSubmit),
    private_metadata: JSON.stringify(meta).slice(0, LIMITS.privateMetadata),
    blocks: [...textBlocks(question.text, Math.min(3, LIMITS.blocksPerView - inputs.length)), ...inputs],
  };
}

function inputBlock(field: FormField): Block {
  return {
    type: 'input',
    block_id: field.name,
    optional: !field.required,
    label: plain(field.label, LIMITS.inputLabel),
    ...(field.hint ? { hint: plain(field.hint, LIMITS.inputHint) } : {}),
    element: { action_id: FIELD_ACTION_ID, ...element(field) },
  };
}

function element(field: FormField): Block {
  switch (field.kind) {
    case 'text':
      return {
        type: 'plain_text_input',
        multiline: field.multiline ?? false,
        max_length: Math.min(field.maxLength, LIMITS.plainTextInputMax),
        ...(field.initial ? { initial_value: truncate(field.initial, LIMITS.plainTextInputMax) } : {}),
      };
    case 'number':
      return {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: String(field.min),
        max_value: String(field.max),
        ...(field.initial ? { initial_value: field.initial } : {}),
      };
    case 'date':
      return { type: 'datepicker', ...(field.initial && /^\d{4}-\d{2}-\d{2}$/.test(field.initial) ? { initial_date: field.initial } : {}) };
    case 'select': {
      const options = selectOptions(field.options);
      const initial = initialOptions(field.options, options, field.initial ? [field.initial] : []);
      return { type: 'static_select', options, ...(initial[0] ? { initial_option: initial[0] } : {}) };
    }
    case 'multiselect': {
      const options = selectOptions(field.options);
      const initial = initialOptions(field.options, options, field.initial ?? []);
      const max = Math.max(1, Math.min(field.max, options.length));
      // A short list a person may tick all of ("share my comment with the coordinator") reads
      // best as checkboxes, which Slack allows up to ten of; longer or capped lists stay a select.
      if (options.length <= LIMITS.checkboxOptions && max >= options.length) {
        return { type: 'checkboxes', options, ...(initial.length ? { initial_options: initial } : {}) };
      }
      return { type: 'multi_static_select', options, max_selected_items: max, ...(initial.length ? { initial_options: initial.slice(0, max) } : {}) };
    }
  }
}

/** Slack requires an initial option to equal one of the options exactly, so it is picked from them. */
function initialOptions(source: readonly ChoiceOption[], rendered: Block[], values: readonly string[]): Block[] {
  return values.map((v) => source.findIndex((o) => o.value === v)).filter((i) => i >= 0 && i < rendered.length).map((i) => rendered[i] as Block);
}

/** One input's state in a view_submission (only the properties we read). */
export interface InputState {
  type: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[] | null;
}

export interface Submission {
  values: Record<string, string | string[]>;
  /** Fields whose options travelled by position ("i:3") and need the open form to resolve. */
  byIndex: string[];
}

/**
 * Form values from `view.state.values` (block id → action id → state). Empty inputs are left
 * out, so the core reports a missing required field as missing. Select values are decoded here,
 * from the input's own type, so typed text is never mistaken for an option.
 */
export function readSubmission(state: Record<string, Record<string, InputState>>): Submission {
  const values: Record<string, string | string[]> = {};
  const byIndex: string[] = [];
  for (const [blockId, byAction] of Object.entries(state)) {
    const input = byAction[FIELD_ACTION_ID];
    if (!input) continue;
    if (input.selected_options || input.selected_option) {
      const chosen = input.selected_options ?? (input.selected_option ? [input.selected_option] : []);
      const decoded = chosen.map((o) => decodeOne(o.value, null));
      if (decoded.some((v) => /^i:\d+$/.test(v))) byIndex.push(blockId);
      values[blockId] = input.type === 'multi_static_select' || input.type === 'checkboxes' ? decoded : (decoded[0] ?? '');
      continue;
    }
    const value = input.selected_date ?? input.value;
    if (typeof value === 'string' && value !== '') values[blockId] = value;
  }
  return { values, byIndex };
}

/** Resolves "i:3" values of `fields` against the open form's options. */
export function resolveByIndex(submission: Submission, form: FormSpec | null): Record<string, string | string[]> {
  const out = { ...submission.values };
  for (const name of submission.byIndex) {
    const field = form?.fields.find((f) => f.name === name);
    const options = field && (field.kind === 'select' || field.kind === 'multiselect') ? field.options : null;
    const raw = out[name] ?? [];
    out[name] = Array.isArray(raw) ? raw.map((v) => decodeOne(v, options)) : decodeOne(raw, options);
  }
  return out;
}

/** An undecodable value is passed on as is: the core then answers "not an option". */
export function decodeOne(encoded: string, options: readonly ChoiceOption[] | null): string {
  const decoded = decodeOptionValue(encoded);
  if (!decoded) return encoded;
  if ('value' in decoded) return decoded.value;
  return options?.[decoded.index]?.value ?? encoded;
}

/** The core's field errors as Slack's modal error response (keyed by block id = field name). */
export function modalErrors(fieldErrors: Record<string, string>): { response_action: 'errors'; errors: Record<string, string> } {
  const errors = Object.fromEntries(Object.entries(fieldErrors).map(([name, message]) => [name, truncate(message, LIMITS.inputHint)]));
  return { response_action: 'errors', errors };
}

