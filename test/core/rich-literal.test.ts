/**
 * A person's words never gain the bot's emphasis: what Texts interpolates is a literal span
 * (src/core/kernel/rich-text.ts), shown as the characters it is — no bold, italic, strike, link
 * or mention — in Slack's blocks and notification text, Teams' cards and plain messages, and
 * the playground, while the bot's own `*bold*` and `_italic_` around it still render. The marks
 * that delimit a literal never reach any of those outputs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/channels/slack/blocks.js';
import { renderCard } from '../../src/channels/teams/cards.js';
import { toActivity } from '../../src/channels/teams/sender.js';
import { toPlaygroundMessage } from '../../src/channels/playground/view.js';
import { LITERAL_CLOSE, LITERAL_OPEN, literal, parseRich, plainText, type Span } from '../../src/core/kernel/rich-text.js';
import type { Outbound } from '../../src/core/messages.js';
import { createFileLinks } from '../../src/files/links.js';
import { type Catalogue, CatalogueTexts } from '../../src/i18n/texts.js';
import { type Chat, createHarness, type Harness, texts } from '../support/harness.js';
import { JOIN_CODE, seedProgramme } from './fixtures.js';

const NAME = '*Kari*';
const GOAL = '_x_ ~y~ [a](https://evil.example) <!channel>';
const MARKS = /[\uE000\uE001]/;
const ui = { fillIn: 'Fill in', chooseOne: 'Choose…', chooseMany: 'Choose…' };
const translate = (key: string) => texts.t('en', key);

/** Every way the message leaves the bot, as strings and spans, for one reader. */
function rendered(message: Outbound) {
  const slack = renderMessage(message, ui);
  const card = renderCard(message, translate);
  const plain = toActivity({ text: message.text }, translate);
  const summary = toActivity({ ...message, context: ['x'] }, translate);
  const playground = toPlaygroundMessage({ id: 'o1', organisationId: 'org', createdAt: new Date(), payload: message }, 'en', {
    texts,
    links: createFileLinks('test-file-link-secret-of-32-chars!', 'https://mentor.example.test'),
    clock: { now: () => new Date() },
  });
  return { slack, card, plain, summary, playground };
}

/** The TextRuns of a card, in order. */
function runs(node: unknown): Array<{ text: string; weight?: string; italic?: boolean }> {
  if (Array.isArray(node)) return node.flatMap(runs);
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  return [...(n.type === 'TextRun' ? [n as { text: string }] : []), ...Object.values(n).flatMap(runs)];
}

/** Every mrkdwn text of a block tree (plain_text shows its characters as they are anyway). */
function mrkdwnTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(mrkdwnTexts);
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  return [...(n.type === 'mrkdwn' && typeof n.text === 'string' ? [n.text] : []), ...Object.values(n).flatMap(mrkdwnTexts)];
}

/** The person's words are shown as typed (made inert for the platform), never as markup. */
function expectInert(message: Outbound, words: string[]) {
  const out = rendered(message);
  for (const part of Object.values(out)) expect(JSON.stringify(part)).not.toMatch(MARKS);
  // Slack: formatting characters at a word's edge become look-alikes, < > & become entities.
  const slack = [out.slack.text, ...mrkdwnTexts(out.slack.blocks)].join('\n');
  expect(slack).not.toMatch(/<!channel>|<https?:|\*Kari\*|_x_|~y~/);
  expect(out.slack.text).toContain('∗Kari∗');
  // Teams: TextRuns show their text as it is: each person's words whole, markers and all, in one
  // run; the name (outside the bot's emphasis in every message here) neither bolder nor italic.
  for (const w of words) expect(runs(out.card).some((r) => r.text.includes(w)), w).toBe(true);
  const name = runs(out.card).find((r) => r.text.includes(NAME));
  expect(name?.weight).toBeUndefined();
  expect(name?.italic).toBeUndefined();
  expect(runs(out.card).map((r) => r.text).join('')).toContain(NAME);
  expect(out.plain.text).toContain('*Kari*');
  expect(out.plain.text).not.toMatch(/<(strong|em)>[^<]*Kari|<!channel>|<a /);
  expect(out.summary.summary).toContain(NAME);
  // Playground: spans of plain text.
  const spans = (JSON.parse(JSON.stringify(out.playground.message)) as { text: Span[][] }).text.flat();
  expect(spans.find((s) => s.text.includes(NAME))).toEqual(expect.not.objectContaining({ bold: true }));
  return out;
}

describe('interpolated parameters are literal', () => {
  const catalogue: Catalogue = new Map([
    ['t.notice', '*New member:* {name} joined *{programme}*.\nGoal: _{goal}_ ({count, plural, one {# goal} other {# goals}})'],
    ['t.state', 'Join code: *{code}*'],
    ['t.line', '{who} — {state}'],
    ['t.hint', 'Write *cancel* to stop.'],
  ]);
  const own = new CatalogueTexts(new Map([['en', catalogue]]), 'en', 'Europe/Oslo');

  it('keeps the bot’s emphasis around a person’s words and none of theirs', () => {
    const text = own.t('en', 't.notice', { name: NAME, programme: 'Autumn *2026*', goal: GOAL, count: 1 });
    expect(parseRich(text)).toEqual([
      [{ text: 'New member:', bold: true }, { text: ` ${NAME} joined ` }, { text: 'Autumn *2026*', bold: true }, { text: '.' }],
      [{ text: 'Goal: ' }, { text: GOAL, italic: true }, { text: ' (1 goal)' }],
    ]);
    expect(plainText(text)).toBe(`New member: ${NAME} joined Autumn *2026*.\nGoal: ${GOAL} (1 goal)`);
  });

  it('keeps a line break a person wrote inside the emphasis around it, and numbers as numbers', () => {
    const text = own.t('en', 't.notice', { name: 'A\nB', programme: 'P', goal: 'one\n*two*', count: 2 });
    expect(parseRich(text)).toEqual([
      [{ text: 'New member:', bold: true }, { text: ' A' }],
      [{ text: 'B joined ' }, { text: 'P', bold: true }, { text: '.' }],
      [{ text: 'Goal: ' }, { text: 'one', italic: true }],
      [{ text: '*two*', italic: true }, { text: ' (2 goals)' }],
    ]);
  });

  it('leaves a text made by Texts, passed on as a parameter, with its own emphasis', () => {
    const state = own.t('en', 't.state', { code: 'AB_CD_' });
    expect(parseRich(own.t('en', 't.line', { who: NAME, state }))).toEqual([[{ text: `${NAME} — Join code: ` }, { text: 'AB_CD_', bold: true }]]);
    // A text without parameters holds no marks: it is known as one of the catalogue's texts.
    expect(parseRich(own.t('en', 't.line', { who: NAME, state: own.t('en', 't.hint') }))).toEqual([[{ text: `${NAME} — Write ` }, { text: 'cancel', bold: true }, { text: ' to stop.' }]]);
    expect(parseRich(own.t('en', 't.line', { who: NAME, state: 'Write *cancel* now' }))).toEqual([[{ text: `${NAME} — Write *cancel* now` }]]);
  });

  it('reads marks it did not expect safely: a stray close is dropped, an unclosed open runs to the end', () => {
    expect(parseRich(`a ${LITERAL_CLOSE}*b*`)).toEqual([[{ text: 'a ' }, { text: 'b', bold: true }]]);
    expect(parseRich(`a ${LITERAL_OPEN}*b* ${literal('c')} *d*`)).toEqual([[{ text: 'a *b* c *d*' }]]);
  });

  it('renders the bot’s emphasis and the person’s words inert on every channel', () => {
    const text = own.t('en', 't.notice', { name: NAME, programme: 'P', goal: GOAL, count: 1 });
    // (A title is bold as a whole on Teams — the bot's styling — so the person's words stay out of it here.)
    const out = expectInert({ text, title: own.t('en', 't.line', { who: 'Weekly', state: 'news' }) }, [NAME, GOAL]);
    expect(out.slack.blocks[1]).toMatchObject({ text: { text: expect.stringMatching(/^\*New member:\* ∗Kari∗ joined \*P\*\.\nGoal: _ˍx/) } });
    expect(out.slack.blocks[1]).toMatchObject({ text: { text: expect.stringContaining('&lt;!channel&gt;_') } });
    expect(runs(out.card)).toContainEqual({ type: 'TextRun', text: 'New member:', weight: 'bolder' });
    expect(runs(out.card)).toContainEqual({ type: 'TextRun', text: GOAL, italic: true });
    expect(out.plain.text).toMatch(/^<strong>New member:<\/strong> \*Kari\* joined <strong>P<\/strong>\.<br\/>Goal: <em>_x_ ~y~ \[a\]\(https:\/\/evil\.example\) &lt;!channel&gt;<\/em>/);
    expect(out.playground.message.text[0]).toEqual([{ text: 'New member:', bold: true }, { text: ` ${NAME} joined ` }, { text: 'P', bold: true }, { text: '.' }]);
  });

  it('takes the marks out of labels made with a parameter', () => {
    const label = own.t('en', 't.line', { who: NAME, state: 'ok' });
    const message: Outbound = { text: 'Pick', prompt: { id: 'p1', spec: { kind: 'choice', options: [{ value: 'a', label }] } } };
    const out = rendered(message);
    for (const part of Object.values(out)) expect(JSON.stringify(part)).not.toMatch(MARKS);
    expect(JSON.stringify(out.slack.blocks)).toContain('*Kari* — ok');
  });
});

describe('a hostile name and goal, joining for real', () => {
  let h: Harness;
  let orgId: string;
  beforeEach(async () => {
    h = await createHarness();
    orgId = await h.organisation();
    await seedProgramme(h, orgId);
  });
  afterEach(() => h.close());

  it('reaches the coordinator as inert words, in every channel', async () => {
    const mentee = h.chat('mentee', { locale: 'en', displayName: NAME });
    await joinAnsweringEverything(mentee);
    const kari = h.chat('kari');
    const notices = (await kari.stored()).filter((m) => plainText(m.text).includes(NAME));
    expect(notices).toHaveLength(1);
    const notice = notices[0] as Outbound;
    expectInert(notice, [NAME]);

    // The coordinator's overview: the bot's bold stage label and the person's name in one line.
    await kari.say(texts.t('nb', 'commands.programme').split('|')[0] ?? '');
    const view = (await kari.stored()).at(-1) as Outbound;
    const bullet = view.sections?.flatMap((s) => s.bullets ?? []).find((b) => plainText(b).includes(NAME)) ?? '';
    const [line] = parseRich(bullet);
    expect(line?.[0]).toMatchObject({ bold: true });
    expect(line?.at(-1)).toEqual({ text: ` ${NAME}` });
    expectInert({ ...view, text: `${view.text}\n${bullet}` }, [NAME]);

    // Erasure still finds the person's words in stored copies: the marks sit around them, not inside.
    const stored = await h.prisma.outboxMessage.findMany({ where: { personId: 'coord-' + orgId } });
    expect(stored.some((row) => JSON.stringify(row.payload).includes(`${LITERAL_OPEN}${NAME}${LITERAL_CLOSE}`))).toBe(true);
  });
});

/**
 * Walks the join flow whatever its steps are (the flow changes; the point here is its notice):
 * a choice takes "mentee" or "yes" or the first option, a form gets the hostile name and goal
 * in its name and goal fields and a valid value everywhere else.
 */
async function joinAnsweringEverything(chat: Chat): Promise<void> {
  await chat.say(`join ${JOIN_CODE}`);
  let last = '';
  for (let step = 0; step < 20; step++) {
    const prompt = await chat.lastPrompt();
    if (prompt.id === last) return;
    last = prompt.id;
    const spec = prompt.spec;
    if (spec.kind === 'choice') {
      const values = spec.options.map((o) => o.value);
      await chat.click(values.find((v) => v === 'mentee') ?? values.find((v) => v === 'yes') ?? values[0] ?? '');
    } else if (spec.kind === 'multi') {
      await chat.click(spec.options.slice(0, Math.max(1, spec.min)).map((o) => o.value));
    } else if (spec.kind === 'form') {
      await chat.submit(Object.fromEntries(spec.fields.map((f) => [f.name, answer(f)])));
    } else return;
  }
}

function answer(field: Extract<NonNullable<Outbound['prompt']>['spec'], { kind: 'form' }>['fields'][number]): string | string[] {
  switch (field.kind) {
    case 'text':
      return /name/i.test(field.name) ? NAME : /goal|help|offer/i.test(field.name) ? GOAL : 'x';
    case 'number':
      return String(field.min);
    case 'date':
      return '2026-10-01';
    case 'select':
      return field.options[0]?.value ?? '';
    case 'multiselect':
      return field.options.slice(0, 1).map((o) => o.value);
  }
}
