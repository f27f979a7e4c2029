// A form prompt: labelled fields, each with its hint, its limit and its own error line. Errors —
// the page's checks and the server's — are shown next to their field in the person's language,
// the form stays usable with what was typed, and what was typed survives a reload (drafts.js)
// until the server has taken it.
import { h, uid } from './dom.js';
import { clearDraft, loadDraft, saveDraft } from './drafts.js';
import { t } from './i18n.js';
import { lengthError, trackLength } from './limits.js';

export function checkboxes(name, options, checked = []) {
  return options.map((option) => {
    const input = h('input', { type: 'checkbox', name, value: option.value, checked: checked.includes(option.value) });
    return h('label', { className: 'check' }, input, h('span', {}, option.label));
  });
}

export function checkedValues(container) {
  return [...container.querySelectorAll('input[type=checkbox]:checked')].map((input) => input.value);
}

export function setDisabled(container, disabled) {
  for (const el of container.querySelectorAll('button, input, select, textarea')) el.disabled = disabled;
}

/** Locks the form while posting; unlocks it, with everything typed, unless the answer was taken. */
export async function submitOnce(form, post) {
  setDisabled(form, true);
  form.classList.add('sent');
  const result = await post();
  if (!result.ok) {
    setDisabled(form, false);
    form.classList.remove('sent');
  }
  return result;
}

function labelText(field) {
  return [field.label, field.required ? h('span', { className: 'req', 'aria-hidden': 'true' }, ' *') : null];
}

function control(field, id, describedBy) {
  const common = { id, name: field.name, required: field.required, 'aria-describedby': describedBy };
  switch (field.kind) {
    case 'text':
      return field.multiline ? h('textarea', { ...common, rows: 3, value: field.initial ?? '' }) : h('input', { ...common, type: 'text', value: field.initial ?? '' });
    case 'number':
      // Whole numbers (years, places): a digits keyboard, and the range shown before anyone types.
      return h('input', { ...common, type: 'number', min: field.min, max: field.max, step: 1, inputMode: 'numeric', placeholder: `${field.min}–${field.max}`, value: field.initial ?? '' });
    case 'date':
      return h('input', { ...common, type: 'date', value: field.initial ?? '' });
    case 'select': {
      const select = h('select', common, h('option', { value: '' }, t('playground.choose')));
      for (const option of field.options) select.append(h('option', { value: option.value, selected: option.value === field.initial }, option.label));
      return select;
    }
  }
  return h('input', { ...common, type: 'text' });
}

/** Lists longer than this get a search box (28 languages is a long scroll on a phone). */
const LONG_LIST = 10;

/** Folds case and accents, so "bokmal" finds "Bokmål" and "kurdisk" finds "Kurdisk (kurmanji)". */
const fold = (text) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/**
 * A search box above a long list of checkboxes: hides what does not match as the person types.
 * Ticked boxes always stay in sight, so a choice never disappears from view.
 */
function listFilter(boxes) {
  const id = uid('filter');
  const input = h('input', { id, type: 'search', className: 'list-filter', autocomplete: 'off', placeholder: t('playground.filterList') });
  const none = h('p', { className: 'hint', hidden: true, 'aria-live': 'polite' }, t('playground.filterNone'));
  input.addEventListener('input', () => {
    const wanted = fold(input.value.trim());
    let found = 0;
    for (const box of boxes) {
      const match = !wanted || fold(box.textContent ?? '').includes(wanted);
      box.hidden = !match && !box.querySelector('input')?.checked;
      if (match) found += 1;
    }
    none.hidden = found > 0;
  });
  // Enter in the search box filters; it must not send the form half-filled.
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault();
  });
  return [h('label', { htmlFor: id, className: 'sr-only' }, t('playground.filterList')), input, none];
}

/** One field: its element, where its error goes, and (text fields) how to refresh its counter. */
function renderField(field) {
  const hintId = field.hint ? uid('hint') : null;
  const errorId = uid('error');
  const hint = hintId ? h('p', { className: 'hint', id: hintId }, field.hint) : null;
  const error = h('p', { className: 'error field-error', id: errorId });
  if (field.kind === 'multiselect') {
    const note = field.max > 1 ? h('span', { className: 'hint' }, ` ${t('playground.upTo', { max: field.max })}`) : null;
    const legend = h('legend', {}, ...labelText(field), note);
    const boxes = checkboxes(field.name, field.options, field.initial);
    const search = boxes.length > LONG_LIST ? listFilter(boxes) : [];
    const set = h('fieldset', { className: 'field multiselect', 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') }, legend, hint, ...search, ...boxes, error);
    set.dataset.name = field.name;
    return { field, el: set, error };
  }
  const id = uid('field');
  const counterId = field.kind === 'text' ? uid('count') : null;
  const input = control(field, id, [hintId, counterId, errorId].filter(Boolean).join(' '));
  const counter = counterId ? h('span', { className: 'counter', id: counterId }) : null;
  const refresh = counter ? trackLength(input, counter, field.maxLength) : () => undefined;
  const el = h('div', { className: 'field' }, h('label', { htmlFor: id }, ...labelText(field)), hint, input, h('div', { className: 'field-meta' }, error, counter));
  el.dataset.name = field.name;
  return { field, el, error, input, refresh };
}

function answerOf({ field, el, input }) {
  return field.kind === 'multiselect' ? checkedValues(el) : input.value;
}

/** The checks the page can make itself, in the core's words; the server checks everything again. */
function problemOf(field, value) {
  const empty = Array.isArray(value) ? value.length === 0 : value.trim() === '';
  if (field.required && empty) return field.requiredMessage || t('errors.required');
  if (field.kind === 'text') return lengthError(value, field.maxLength);
  if (field.kind === 'multiselect' && value.length > field.max) return t('errors.tooMany', { max: field.max });
  return '';
}

/** Shows each field's error by it (clearing the others); focuses the first. True when any was shown. */
function showErrors(parts, errors) {
  let first = null;
  for (const part of parts) {
    const message = errors[part.field.name] ?? '';
    part.error.textContent = message;
    part.el.classList.toggle('invalid', message !== '');
    const target = part.input ?? part.el;
    if (message) target.setAttribute('aria-invalid', 'true');
    else target.removeAttribute('aria-invalid');
    if (message && !first) first = part;
  }
  if (first) {
    (first.input ?? first.el.querySelector('input'))?.focus({ preventScroll: true });
    first.el.scrollIntoView({ block: 'center' });
  }
  return first !== null;
}

function restore(parts, draft) {
  for (const part of parts) {
    const value = draft[part.field.name];
    if (value === undefined) continue;
    if (part.field.kind === 'multiselect') {
      for (const box of part.el.querySelectorAll('input[type=checkbox]')) box.checked = Array.isArray(value) && value.includes(box.value);
    } else {
      part.input.value = typeof value === 'string' ? value : '';
      part.refresh();
    }
  }
}

/** `ctx.send(event)` resolves { ok, fieldErrors?, message? }; `ctx.draftKey(promptId)` names the draft. */
export function renderForm(promptId, spec, ctx) {
  const summary = h('p', { className: 'error', role: 'alert' });
  const parts = spec.fields.map(renderField);
  const anyRequired = spec.fields.some((f) => f.required);
  const form = h(
    'form',
    { className: 'prompt form', noValidate: true },
    h('h2', { className: 'form-title' }, spec.title),
    anyRequired ? h('p', { className: 'hint' }, t('playground.requiredNote')) : null,
    ...parts.map((p) => p.el),
    summary,
    h('button', { type: 'submit', className: 'primary' }, spec.submitLabel),
  );
  const draftKey = ctx.draftKey(promptId);
  const values = () => Object.fromEntries(parts.map((p) => [p.field.name, answerOf(p)]));
  const draft = loadDraft(draftKey);
  if (draft && typeof draft === 'object') restore(parts, draft);
  const keep = () => saveDraft(draftKey, values());
  form.addEventListener('input', keep);
  form.addEventListener('change', keep);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answer = values();
    const problems = Object.fromEntries(parts.map((p) => [p.field.name, problemOf(p.field, answer[p.field.name])]).filter(([, m]) => m));
    summary.textContent = '';
    if (showErrors(parts, problems)) return;
    const result = await submitOnce(form, () => ctx.send({ kind: 'form', promptId, values: answer }));
    if (result.ok) {
      clearDraft(draftKey);
      return;
    }
    summary.textContent = result.message ?? '';
    showErrors(parts, result.fieldErrors ?? {});
  });
  return form;
}
