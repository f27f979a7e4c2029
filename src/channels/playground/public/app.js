// The playground page: pick a person, talk to the bot as them, and watch what it sends them
// arrive over Server-Sent Events. Plain ES modules, no build step. Every word the page shows
// itself comes from prompts/ in the person's language (i18n.js).
import { clearDraft, loadDraft, saveDraft } from './drafts.js';
import { currentLocale, loadTexts, t, textLimit, translatePage } from './i18n.js';
import { lengthError, trackLength } from './limits.js';
import { renderBotMessage, renderUserMessage } from './render.js';

const $ = (id) => document.getElementById(id);
// Only which demo person was chosen (a demo id, nothing personal): kept across visits.
const STORAGE_KEY = 'mentor-bridge.playground.user';

const state = {
  /** The chosen person: { id, name, role, locale }. */
  person: null,
  people: [],
  source: null,
  /** Outbox ids already on screen: history is resent on every reconnect. */
  seen: new Set(),
  /** The message element carrying each open prompt id, for replacement. */
  byPrompt: new Map(),
  /** Refreshes the message box's counter (after its text is set from code). */
  refreshCount: () => undefined,
};

const ROLE_GROUPS = [
  ['coordinator', 'playground.groupCoordinator'],
  ['mentor', 'playground.groupMentors'],
  ['mentee', 'playground.groupMentees'],
  [null, 'playground.groupNew'],
];

// ---- talking to the server ---------------------------------------------------------------------

/** One key per action, reused on a network retry, so a resent request acts once. */
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; a plain-http LAN address still has getRandomValues.
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function post(body, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch('/playground/inbound', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 800 * attempt));
    }
  }
}

/** What went wrong, in the person's words: never the server's developer-facing `error`. */
function problemFor(status) {
  if (status === 413) return t('playground.tooLarge');
  if (status === 404) return t('playground.unknownPerson');
  if (status === 409) return t('playground.notSeeded');
  if (status === 400 || status === 422) return t('playground.rejected');
  return t('playground.serverError', { status });
}

/** Sends one event as the chosen person; resolves { ok } or { ok: false, message, fieldErrors? }. */
async function send(event) {
  if (!state.person) return { ok: false, message: '' };
  let res;
  try {
    res = await post({ user: state.person.id, dedupeKey: newKey(), event });
  } catch {
    return { ok: false, message: t('playground.unreachable') };
  }
  if (res.ok) return { ok: true };
  const body = await res.json().catch(() => ({}));
  if (body.fieldErrors && typeof body.fieldErrors === 'object') return { ok: false, fieldErrors: body.fieldErrors, message: t('playground.checkAnswers') };
  return { ok: false, message: problemFor(res.status) };
}

let noticeTimer;
function notify(text) {
  if (!text) return;
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.hidden = true), 8000);
}

function setStatus(key, params, live) {
  const status = $('status');
  // Its words depend on who is connected, so translatePage must leave it alone from now on.
  delete status.dataset.t;
  status.textContent = t(key, params);
  status.classList.toggle('live', live);
}

// ---- the conversation --------------------------------------------------------------------------

/** Follows new messages, but not while the person is working in a form: that would pull it away. */
function scrollToEnd() {
  if (document.activeElement?.closest('form.prompt')) return;
  $('log').lastElementChild?.scrollIntoView({ block: 'end' });
}

const draftKey = (promptId) => `${state.person?.id}.${promptId}`;

/** Shows a bot message once; a replacement takes the place of the message whose prompt it answers. */
function show(item) {
  if (state.seen.has(item.id)) return;
  state.seen.add(item.id);
  const li = renderBotMessage(item, { send, notify, locale: currentLocale(), draftKey });
  const old = item.message.replacesPromptId && state.byPrompt.get(item.message.replacesPromptId);
  if (old) {
    old.replaceWith(li);
    state.byPrompt.delete(item.message.replacesPromptId);
  } else {
    $('log').append(li);
  }
  if (item.message.prompt) state.byPrompt.set(item.message.prompt.id, li);
  $('empty').hidden = true;
  scrollToEnd();
}

function connect(person) {
  const source = new EventSource(`/playground/stream?user=${encodeURIComponent(person.id)}`);
  source.onmessage = (event) => show(JSON.parse(event.data));
  source.addEventListener('ready', () => setStatus('playground.connectedAs', { name: person.name }, true));
  source.onerror = () => setStatus('playground.reconnecting', {}, false);
  return source;
}

/** Switches to another person, in their language; `opened` tells the bot they just opened it. */
async function choose(person, opened) {
  state.source?.close();
  state.person = person;
  state.seen.clear();
  state.byPrompt.clear();
  $('log').replaceChildren();
  $('empty').hidden = false;
  try {
    localStorage.setItem(STORAGE_KEY, person.id);
  } catch {
    // Private mode: the choice is just not remembered.
  }
  if (!(await loadTexts({ user: person.id }))) notify(t('playground.unreachable'));
  if (state.person !== person) return; // Another person was picked meanwhile.
  translatePage();
  fillPicker(state.people);
  $('person').value = person.id;
  document.title = t('playground.personTitle', { name: person.name });
  $('text').disabled = false;
  $('send').disabled = false;
  $('text').value = loadDraft(`${person.id}.composer`) ?? '';
  state.refreshCount();
  setStatus('playground.connecting', {}, false);
  state.source = connect(person);
  if (opened) notify((await send({ kind: 'opened' })).message);
}

// ---- the person picker and the message box ---------------------------------------------------

function fillPicker(people) {
  const picker = $('person');
  picker.replaceChildren(new Option(t(people.length ? 'playground.choosePerson' : 'playground.noPeople'), ''));
  for (const [role, label] of ROLE_GROUPS) {
    const members = people.filter((p) => p.role === role);
    if (members.length === 0) continue;
    const group = document.createElement('optgroup');
    group.label = t(label);
    for (const p of members) group.append(new Option(role ? p.name : t('playground.newPerson', { name: p.name }), p.id));
    picker.append(group);
  }
  picker.disabled = people.length === 0;
}

function remembered(people) {
  let id = new URLSearchParams(location.search).get('as');
  try {
    id ??= localStorage.getItem(STORAGE_KEY);
  } catch {
    // No storage: start unchosen.
  }
  return people.find((p) => p.id === id);
}

function wireComposer() {
  const text = $('text');
  const error = $('text-error');
  // The core's limit for a message, said before anything is typed; over it, refused in words.
  state.refreshCount = trackLength(text, $('text-count'), textLimit());
  text.addEventListener('input', () => {
    error.textContent = lengthError(text.value, textLimit());
    if (state.person) saveDraft(`${state.person.id}.composer`, text.value);
  });
  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value || !state.person) return;
    error.textContent = lengthError(value, textLimit());
    if (error.textContent) return text.focus();
    $('log').append(renderUserMessage(value, currentLocale()));
    $('empty').hidden = true;
    scrollToEnd();
    text.value = '';
    state.refreshCount();
    const result = await send({ kind: 'text', text: value });
    if (result.ok) clearDraft(`${state.person.id}.composer`);
    else if (!text.value) {
      // Not taken: give the words back, so nothing typed is lost.
      text.value = value;
      state.refreshCount();
    }
    notify(result.message);
  });
  // Enter sends, Shift+Enter makes a new line — as in most chat apps.
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $('composer').requestSubmit();
    }
  });
}

async function start() {
  // Before anyone is chosen, the browser's languages decide.
  if (await loadTexts({ lang: navigator.languages.join(',') })) translatePage();
  wireComposer();
  try {
    state.people = await (await fetch('/playground/people')).json();
  } catch {
    notify(t('playground.peopleFailed'));
  }
  fillPicker(state.people);
  $('person').addEventListener('change', (event) => {
    const person = state.people.find((p) => p.id === event.target.value);
    if (person) choose(person, true);
  });
  const again = remembered(state.people);
  if (again) {
    $('person').value = again.id;
    // Coming back is not "opening" the bot anew: the history is enough, no second greeting.
    choose(again, false);
  }
}

start();
