// The one way the page makes elements: properties and attributes set one by one, children
// appended as nodes or text nodes — never innerHTML — so whatever a message contains is shown
// as text, not run as markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    // Properties where the element has one (value, checked, htmlFor…), attributes otherwise (aria-*).
    if (key in el) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  el.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

let counter = 0;
/** Unique element ids, so every label points at its own input even with many forms on screen. */
export const uid = (prefix) => `${prefix}-${++counter}`;
