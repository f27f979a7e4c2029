// The rich parts of a bot message. The server sends every text already split into lines of
// spans ({ text, bold, italic }) by the core's one emphasis rule, so nothing here reads markup:
// a span's text goes into a text node, inside <strong>/<em> when the span says so.
import { h } from './dom.js';

/** One line of spans as nodes. */
function spans(line) {
  return line.map((span) => {
    let node = document.createTextNode(span.text);
    if (span.italic) node = h('em', {}, node);
    if (span.bold) node = h('strong', {}, node);
    return node;
  });
}

const isEmpty = (lines) => !lines || lines.every((line) => line.every((span) => span.text === ''));

/** Lines of spans in one element, with <br> between lines; null when there is no text at all. */
export function richBlock(tag, attrs, lines) {
  if (isEmpty(lines)) return null;
  const el = h(tag, attrs);
  lines.forEach((line, index) => {
    if (index > 0) el.append(h('br'));
    el.append(...spans(line));
  });
  return el;
}

/** What a person typed, shown as they typed it: line breaks kept, nothing else interpreted. */
export function plainBlock(text) {
  return richBlock('div', { className: 'text' }, text.split('\n').map((line) => [{ text: line }]));
}

function renderSection(section) {
  const fields = section.fields?.length
    ? h('dl', { className: 'fields' }, ...section.fields.map((f) => h('div', { className: 'field-pair' }, richBlock('dt', {}, f.label), richBlock('dd', {}, f.value) ?? h('dd', {}, '–'))))
    : null;
  const bullets = section.bullets?.length ? h('ul', { className: 'bullets' }, ...section.bullets.map((b) => richBlock('li', {}, b) ?? h('li'))) : null;
  return h('section', { className: 'section' }, section.heading ? richBlock('h3', { className: 'section-heading' }, section.heading) : null, richBlock('p', { className: 'text' }, section.text), fields, bullets);
}

function renderImage(image) {
  // width/height reserve the picture's place, so the conversation does not jump when it loads.
  const img = h('img', { src: image.url, alt: image.alt, width: image.width, height: image.height, decoding: 'async' });
  return h('figure', { className: 'image' }, img);
}

/** The file's type as a short badge ("CSV", "ICS"), from its name; decoration only. */
function badge(name) {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1) : '';
  return /^[A-Za-z0-9]{1,5}$/.test(ext) ? ext.toUpperCase() : 'FILE';
}

function renderFile(file) {
  const size = file.size ? h('span', { className: 'file-size' }, ` (${file.size})`) : null;
  return h(
    'a',
    { className: 'file', href: file.url, download: file.name, type: file.mediaType },
    h('span', { className: 'file-badge', 'aria-hidden': 'true' }, badge(file.name)),
    h('span', { className: 'file-info' }, h('span', { className: 'file-name' }, file.name), size),
    // A space, so the link's accessible name reads "report.csv (2 kB) Download", not "…)Download".
    ' ',
    h('span', { className: 'file-action' }, file.action),
  );
}

/** Title, text, sections, picture, file and small print, in reading order. */
export function renderParts(message) {
  return [
    message.title ? richBlock('h2', { className: 'msg-title' }, message.title) : null,
    richBlock('div', { className: 'text' }, message.text),
    ...(message.sections ?? []).map(renderSection),
    message.image ? renderImage(message.image) : null,
    message.file ? renderFile(message.file) : null,
    message.context?.length ? h('div', { className: 'context' }, ...message.context.map((line) => richBlock('p', {}, line))) : null,
  ].filter(Boolean);
}
