// Turns the messages the server sends into DOM: the rich parts (rich.js) and the interactive
// prompt — buttons, checkboxes, forms (form.js). Everything is built with elements and text nodes
// (dom.js), never innerHTML, so whatever a message contains is shown as text, not run as markup.
// The page's own words come from prompts/ in the person's language (i18n.js).
import { h } from './dom.js';
import { checkboxes, checkedValues, renderForm, setDisabled, submitOnce } from './form.js';
import { t } from './i18n.js';
import { plainBlock, renderParts } from './rich.js';

// ---- messages --------------------------------------------------------------------------------

function timeOf(iso, locale) {
  const date = new Date(iso);
  const label = date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  return h('time', { dateTime: iso, className: 'time' }, label);
}

/**
 * A bot message. `ctx.send(event)` posts an answer and resolves { ok, fieldErrors?, message? };
 * `ctx.notify(text)` shows a problem that belongs to no form; `ctx.locale` is the person's
 * language, set as `lang` so screen readers pronounce it right; `ctx.draftKey(promptId)` names
 * where a form's unsent answers are kept.
 */
export function renderBotMessage(item, ctx) {
  const { message } = item;
  const bubble = h('div', { className: 'bubble' }, ...renderParts(message));
  if (message.prompt) bubble.append(renderPrompt(message.prompt, ctx));
  const li = h('li', { className: 'msg bot', lang: ctx.locale }, bubble, timeOf(item.at, ctx.locale));
  li.dataset.id = item.id;
  if (message.prompt) li.dataset.promptId = message.prompt.id;
  // Forms need room for their inputs, and sections for their fields side by side.
  if (message.prompt?.spec.kind === 'form' || message.sections?.length) li.classList.add('wide');
  return li;
}

export function renderUserMessage(text, locale) {
  return h('li', { className: 'msg me' }, h('div', { className: 'bubble' }, plainBlock(text)), timeOf(new Date().toISOString(), locale));
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
  const group = h('div', { className: 'choices', role: 'group', 'aria-label': t('playground.answer') });
  for (const option of spec.options) {
    const button = h('button', { type: 'button', className: `choice ${option.style ?? ''}` }, option.label);
    button.addEventListener('click', async () => {
      // Disabled at once, so a double click cannot answer twice; re-enabled only if the post failed.
      setDisabled(group, true);
      button.classList.add('chosen');
      const result = await ctx.send({ kind: 'choice', promptId, values: [option.value] });
      if (!result.ok) {
        setDisabled(group, false);
        button.classList.remove('chosen');
        ctx.notify(result.message);
      }
    });
    group.append(button);
  }
  return group;
}

// ---- multi: checkboxes and a submit button ----------------------------------------------------

function rangeHint(min, max) {
  if (min === max) return t('playground.chooseExactly', { count: min });
  return min > 0 ? t('playground.chooseRange', { min, max }) : t('playground.chooseUpTo', { max });
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
    const result = await submitOnce(form, () => ctx.send({ kind: 'choice', promptId, values }));
    if (!result.ok) error.textContent = result.message ?? '';
  });
  return form;
}
