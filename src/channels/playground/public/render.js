// Turns the messages the server sends into DOM: the rich parts (rich.js) and the interactive
// prompt — buttons, checkboxes, forms. Everything is built with elements and text nodes (dom.js),
// never innerHTML, so whatever a message contains is shown as text, not run as markup.
import { h } from './dom.js';
import { plainBlock, renderParts } from './rich.js';

let counter = 0;
/** Unique element ids, so every label points at its own input even with many forms on screen. */
const uid = (prefix) => `${prefix}-${++counter}`;

// ---- messages --------------------------------------------------------------------------------

function timeOf(iso) {
  const date = new Date(iso);
  const label = date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return h('time', { dateTime: iso, className: 'time' }, label);
}

/**
 * A bot message. `ctx.send(event)` posts an answer and resolves true when the server took it;
 * `ctx.locale` is the person's language, set as `lang` so screen readers pronounce it right.
 */
export function renderBotMessage(item, ctx) {
  const { message } = item;
  const bubble = h('div', { className: 'bubble' }, ...renderParts(message));
  if (message.prompt) bubble.append(renderPrompt(message.prompt, ctx));
  const li = h('li', { className: 'msg bot', lang: ctx.locale }, bubble, timeOf(item.at));
  li.dataset.id = item.id;
  if (message.prompt) li.dataset.promptId = message.prompt.id;
  // Forms need room for their inputs, and sections for their fields side by side.
  if (message.prompt?.spec.kind === 'form' || message.sections?.length) li.classList.add('wide');
  return li;
}

export function renderUserMessage(text) {
  return h('li', { className: 'msg me' }, h('div', { className: 'bubble' }, plainBlock(text)), timeOf(new Date().toISOString()));
}

function renderPrompt(prompt, ctx) {
  const { spec } = prompt;
  if (spec.kind === 'choice') return renderChoice(prompt.id, spec, ctx);
  if (spec.kind === 'multi') return renderMulti(prompt.id, spec, ctx);
  if (spec.kind === 'form') return renderForm(prompt.id, spec, ctx);
  return null; // 'text': answered in the message box
}

// ---- choice: one button per option ------------------------------------------------------------

function renderChoice(promptId, spec, ctx) {
  const group = h('div', { className: 'choices', role: 'group', 'aria-label': 'Answer' });
  for (const option of spec.options) {
    const button = h('button', { type: 'button', className: `choice ${option.style ?? ''}` }, option.label);
    button.addEventListener('click', async () => {
      // Disabled at once, so a double click cannot answer twice; re-enabled only if the post failed.
      setDisabled(group, true);
      button.classList.add('chosen');
      const ok = await ctx.send({ kind: 'choice', promptId, values: [option.value] });
      if (!ok) {
        setDisabled(group, false);
        button.classList.remove('chosen');
      }
    });
    group.append(button);
  }
  return group;
}

function setDisabled(container, disabled) {
  for (const el of container.querySelectorAll('button, input, select, textarea')) el.disabled = disabled;
}

// ---- multi: checkboxes and a submit button ----------------------------------------------------

function checkboxes(name, options, checked = []) {
  return options.map((option) => {
    const input = h('input', { type: 'checkbox', name, value: option.value, checked: checked.includes(option.value) });
    return h('label', { className: 'check' }, input, h('span', {}, option.label));
  });
}

function rangeHint(min, max) {
  if (min === max) return `Choose ${min}.`;
  return min > 0 ? `Choose ${min}–${max}.` : `Choose up to ${max}.`;
}

function renderMulti(promptId, spec, ctx) {
  const error = h('p', { className: 'error', role: 'alert' });
  const fieldset = h('fieldset', {}, h('legend', { className: 'hint' }, rangeHint(spec.min, spec.max)), ...checkboxes('values', spec.options));
  const form = h('form', { className: 'prompt multi', noValidate: true }, fieldset, error, h('button', { type: 'submit', className: 'primary' }, spec.submitLabel));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = checkedValues(fieldset);
    error.textContent = values.length < spec.min || values.length > spec.max ? rangeHint(spec.min, spec.max) : '';
    if (error.textContent) return;
    await submitOnce(form, () => ctx.send({ kind: 'choice', promptId, values }));
  });
  return form;
}

function checkedValues(container) {
  return [...container.querySelectorAll('input[type=checkbox]:checked')].map((input) => input.value);
}

/** Locks the whole form while posting, and keeps it locked once the answer was taken. */
async function submitOnce(form, post) {
  setDisabled(form, true);
  form.classList.add('sent');
  const ok = await post();
  if (!ok) {
    setDisabled(form, false);
    form.classList.remove('sent');
  }
}

// ---- form: labelled fields and a submit button ------------------------------------------------

function labelText(field) {
  return [field.label, field.required ? h('span', { className: 'req', 'aria-hidden': 'true' }, ' *') : null];
}

function control(field, id, hintId) {
  const common = { id, name: field.name, required: field.required, 'aria-describedby': hintId };
  switch (field.kind) {
    case 'text':
      return field.multiline
        ? h('textarea', { ...common, rows: 3, maxLength: field.maxLength, value: field.initial ?? '' })
        : h('input', { ...common, type: 'text', maxLength: field.maxLength, value: field.initial ?? '' });
    case 'number':
      return h('input', { ...common, type: 'number', min: field.min, max: field.max, step: 'any', inputMode: 'decimal', value: field.initial ?? '' });
    case 'date':
      return h('input', { ...common, type: 'date', value: field.initial ?? '' });
    case 'select': {
      const select = h('select', common, h('option', { value: '' }, 'Choose…'));
      for (const option of field.options) select.append(h('option', { value: option.value, selected: option.value === field.initial }, option.label));
      return select;
    }
  }
  return h('input', { ...common, type: 'text' });
}

function renderField(field) {
  const hintId = field.hint ? uid('hint') : undefined;
  const hint = field.hint ? h('p', { className: 'hint', id: hintId }, field.hint) : null;
  if (field.kind === 'multiselect') {
    const note = field.max > 1 ? h('span', { className: 'hint' }, ` (up to ${field.max})`) : null;
    const legend = h('legend', {}, ...labelText(field), note);
    const set = h('fieldset', { className: 'field multiselect', 'aria-describedby': hintId }, legend, hint, ...checkboxes(field.name, field.options, field.initial));
    set.dataset.name = field.name;
    return set;
  }
  const id = uid('field');
  return h('div', { className: 'field' }, h('label', { htmlFor: id }, ...labelText(field)), hint, control(field, id, hintId));
}

/** Checks the browser cannot do itself (checkbox groups); true when the form may be sent. */
function checkGroups(form, fields, error) {
  for (const field of fields.filter((f) => f.kind === 'multiselect')) {
    const count = checkedValues(form.querySelector(`fieldset[data-name="${CSS.escape(field.name)}"]`)).length;
    const problem = field.required && count === 0 ? 'choose at least one' : count > field.max ? `choose at most ${field.max}` : '';
    if (problem) {
      error.textContent = `${field.label}: ${problem}.`;
      return false;
    }
  }
  error.textContent = '';
  return form.reportValidity();
}

function formValues(form, fields) {
  const values = {};
  for (const field of fields) {
    values[field.name] = field.kind === 'multiselect'
      ? checkedValues(form.querySelector(`fieldset[data-name="${CSS.escape(field.name)}"]`))
      : form.elements.namedItem(field.name).value;
  }
  return values;
}

function renderForm(promptId, spec, ctx) {
  const error = h('p', { className: 'error', role: 'alert' });
  const anyRequired = spec.fields.some((f) => f.required);
  const form = h(
    'form',
    { className: 'prompt form' },
    h('h2', { className: 'form-title' }, spec.title),
    anyRequired ? h('p', { className: 'hint' }, 'Fields marked * are required.') : null,
    ...spec.fields.map(renderField),
    error,
    h('button', { type: 'submit', className: 'primary' }, spec.submitLabel),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!checkGroups(form, spec.fields, error)) return;
    const values = formValues(form, spec.fields);
    await submitOnce(form, () => ctx.send({ kind: 'form', promptId, values }));
  });
  return form;
}
