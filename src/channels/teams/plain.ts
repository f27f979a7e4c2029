/**
 * Rich text as the small HTML subset Teams reads in a plain message (textFormat "xml"): the
 * core's spans as <strong> and <em>, line breaks as <br/>, and every character of the text
 * itself escaped, so a typed "<at>", "<a href…>" or "[text](url)" shows as the words it is.
 */
import { parseRich, type Span } from '../../core/kernel/rich-text.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function spanHtml(span: Span): string {
  let html = escapeHtml(span.text);
  if (span.italic) html = `<em>${html}</em>`;
  if (span.bold) html = `<strong>${html}</strong>`;
  return html;
}

export function htmlText(text: string): string {
  return parseRich(text)
    .map((line) => line.map(spanHtml).join(''))
    .join('<br/>');
}
