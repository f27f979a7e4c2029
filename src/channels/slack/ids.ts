/**
 * How our interactive elements name themselves. Slack echoes `action_id`, `block_id` and `value`
 * back in block_actions, so they carry everything the click means: the prompt it answers and
 * the option chosen. The index comes before the prompt id so the prompt id may hold any character.
 */
export type ActionKind = 'choice' | 'select' | 'multi' | 'multisubmit' | 'form' | 'cmd';

export interface ParsedAction {
  kind: ActionKind;
  promptId: string;
  index?: number;
}

const PREFIX = 'mb';
const PATTERN = /^mb:(choice|select|multi|multisubmit|form|cmd):(?:(\d+):)?(.*)$/s;

export function actionId(kind: ActionKind, promptId: string, index?: number): string {
  return index === undefined ? `${PREFIX}:${kind}:${promptId}` : `${PREFIX}:${kind}:${index}:${promptId}`;
}

export function parseActionId(id: string): ParsedAction | null {
  const m = PATTERN.exec(id);
  if (!m) return null;
  const [, kind, index, promptId = ''] = m;
  return { kind: kind as ActionKind, promptId, ...(index !== undefined ? { index: Number(index) } : {}) };
}

/**
 * Select options may carry only 150 characters of value; core values may be longer (up to 500).
 * Those that fit travel as themselves ("v:…"), the rest by position ("i:3") and are looked up in
 * the open question when the answer comes back.
 */
export function optionValue(value: string, index: number, max: number): string {
  const direct = `v:${value}`;
  return direct.length <= max ? direct : `i:${index}`;
}

export type DecodedOption = { value: string } | { index: number };

export function decodeOptionValue(encoded: string): DecodedOption | null {
  if (encoded.startsWith('v:')) return { value: encoded.slice(2) };
  const m = /^i:(\d+)$/.exec(encoded);
  return m ? { index: Number(m[1]) } : null;
}

/** The modal's callback id: view_submission listeners match on it. */
export const FORM_CALLBACK_ID = 'mb-form';
/** Inside a modal every input's element has this action id; the block id is the field name. */
export const FIELD_ACTION_ID = 'value';
