// The page's own texts come from prompts/ as ICU MessageFormat templates (GET /playground/texts),
// so plurals and numbers follow the person's language as the bot's messages do. This is the small
// part of ICU those templates use — {name}, {n, number}, {n, plural, one {# …} other {# …}} and
// {x, select, …} — with Intl doing the numbers and plural rules; test/playground/format.test.ts
// checks it gives exactly what the server's intl-messageformat gives for every page text.

/** Parses `template` from `start` up to an unmatched "}" (or the end) into parts. */
function parse(template, start = 0) {
  const parts = [];
  let text = '';
  let i = start;
  while (i < template.length) {
    const c = template[i];
    if (c === '}') break;
    if (c === '{') {
      if (text) parts.push(text);
      text = '';
      const [arg, next] = parseArgument(template, i + 1);
      parts.push(arg);
      i = next;
      continue;
    }
    text += c;
    i += 1;
  }
  if (text) parts.push(text);
  return [parts, i];
}

function parseArgument(template, start) {
  const close = template.indexOf('}', start);
  const comma = template.indexOf(',', start);
  if (comma < 0 || comma > close) return [{ name: template.slice(start, close).trim(), type: 'text' }, close + 1];
  const name = template.slice(start, comma).trim();
  const second = template.indexOf(',', comma + 1);
  if (second < 0 || second > close) return [{ name, type: template.slice(comma + 1, close).trim() }, close + 1];
  const type = template.slice(comma + 1, second).trim();
  const options = {};
  let i = second + 1;
  for (;;) {
    while (/\s/.test(template[i] ?? '')) i += 1;
    if (template[i] === '}' || i >= template.length) return [{ name, type, options }, i + 1];
    const open = template.indexOf('{', i);
    const selector = template.slice(i, open).trim();
    const [parts, end] = parse(template, open + 1);
    options[selector] = parts;
    i = end + 1;
  }
}

/** Formats an ICU template with `params` in `locale`. */
export function format(template, params = {}, locale = 'en') {
  const [parts] = parse(template);
  return render(parts, params, locale, null);
}

function render(parts, params, locale, count) {
  const numbers = new Intl.NumberFormat(locale);
  return parts
    .map((part) => {
      if (typeof part === 'string') return count === null ? part : part.replaceAll('#', numbers.format(count));
      const value = params[part.name];
      if (part.type === 'number') return numbers.format(Number(value));
      if (part.type === 'plural') {
        const n = Number(value);
        const branch = part.options[`=${n}`] ?? part.options[new Intl.PluralRules(locale).select(n)] ?? part.options.other;
        return render(branch, params, locale, n);
      }
      if (part.type === 'select') return render(part.options[String(value)] ?? part.options.other, params, locale, count);
      return String(value ?? '');
    })
    .join('');
}
