// The page's own words, in the viewer's language: ICU templates from prompts/ (GET
// /playground/texts), formatted here (format.js). Before anyone is chosen the browser's languages
// decide; once a person is chosen, theirs. Elements in index.html name their text with data-t
// (content), data-t-placeholder and data-t-label (aria-label).
import { format } from './format.js';

const state = { locale: document.documentElement.lang || 'en', texts: {}, limits: { text: 2000 } };

/** Loads the texts for `?user=` or `?lang=`; false when the server could not be reached. */
export async function loadTexts(query) {
  try {
    const res = await fetch(`/playground/texts?${new URLSearchParams(query)}`);
    if (!res.ok) return false;
    const data = await res.json();
    state.locale = data.locale;
    state.texts = data.texts;
    state.limits = data.limits;
    return true;
  } catch {
    // Offline: the page keeps the words it has; the caller says the server cannot be reached.
    return false;
  }
}

export function t(key, params = {}) {
  const template = state.texts[key];
  return template === undefined ? key : format(template, params, state.locale);
}

export const currentLocale = () => state.locale;
/** The longest message the core takes (MAX_TEXT_LENGTH), as the server says. */
export const textLimit = () => state.limits.text;

/** Puts the current language's words into the page's own elements. */
export function translatePage() {
  document.documentElement.lang = state.locale;
  for (const el of document.querySelectorAll('[data-t]')) el.textContent = t(el.dataset.t);
  for (const el of document.querySelectorAll('[data-t-placeholder]')) el.placeholder = t(el.dataset.tPlaceholder);
  for (const el of document.querySelectorAll('[data-t-label]')) el.setAttribute('aria-label', t(el.dataset.tLabel));
}
