// The playground page: pick a person, talk to the bot as them, and watch what it sends them
// arrive over Server-Sent Events. Plain ES modules, no build step.
import { renderBotMessage, renderUserMessage } from './render.js';

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'mentor-bridge.playground.user';

const state = {
  /** The chosen person: { id, name, role, locale }. */
  person: null,
  source: null,
  /** Outbox ids already on screen: history is resent on every reconnect. */
  seen: new Set(),
  /** The message element carrying each open prompt id, for replacement. */
  byPrompt: new Map(),
};

const ROLE_GROUPS = [
  ['coordinator', 'Coordinator'],
  ['mentor', 'Mentors'],
  ['mentee', 'Mentees'],
  [null, 'New here'],
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

/** Sends one event as the chosen person; resolves true when the server accepted it. */
async function send(event) {
  if (!state.person) return false;
  try {
    const res = await post({ user: state.person.id, dedupeKey: newKey(), event });
    if (res.ok) return true;
    const body = await res.json().catch(() => ({}));
    notify(body.error ?? `The server answered ${res.status}.`);
  } catch {
    notify('Could not reach the server. Is it running?');
  }
  return false;
}

let noticeTimer;
function notify(text) {
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (notice.hidden = true), 8000);
}

function setStatus(text, live) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('live', live);
}

// ---- the conversation --------------------------------------------------------------------------

function scrollToEnd() {
  const log = $('log');
  log.lastElementChild?.scrollIntoView({ block: 'end' });
}

/** Shows a bot message once; a replacement takes the place of the message whose prompt it answers. */
function show(item) {
  if (state.seen.has(item.id)) return;
  state.seen.add(item.id);
  const li = renderBotMessage(item, { send, locale: state.person.locale });
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
  source.addEventListener('ready', () => setStatus(`Connected as ${person.name}`, true));
  source.onerror = () => setStatus('Reconnecting…', false);
  return source;
}

/** Switches to another person; `opened` tells the bot they just opened it (a greeting may follow). */
function choose(person, opened) {
  state.source?.close();
  state.person = person;
  state.seen.clear();
  state.byPrompt.clear();
  $('log').replaceChildren();
  $('empty').hidden = false;
  $('text').disabled = false;
  $('send').disabled = false;
  document.title = `${person.name} · Mentor Bridge playground`;
  try {
    localStorage.setItem(STORAGE_KEY, person.id);
  } catch {
    // Private mode: the choice is just not remembered.
  }
  setStatus('Connecting…', false);
  state.source = connect(person);
  if (opened) send({ kind: 'opened' });
}

// ---- the person picker and the message box ---------------------------------------------------

function fillPicker(people) {
  const picker = $('person');
  picker.replaceChildren(new Option(people.length ? 'Choose a person…' : 'No demo people yet — seed the demo', ''));
  for (const [role, label] of ROLE_GROUPS) {
    const members = people.filter((p) => p.role === role);
    if (members.length === 0) continue;
    const group = document.createElement('optgroup');
    group.label = label;
    for (const p of members) group.append(new Option(role ? p.name : `${p.name} (new)`, p.id));
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
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = text.value.trim();
    if (!value || !state.person) return;
    $('log').append(renderUserMessage(value));
    $('empty').hidden = true;
    scrollToEnd();
    text.value = '';
    send({ kind: 'text', text: value });
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
  wireComposer();
  let people = [];
  try {
    people = await (await fetch('/playground/people')).json();
  } catch {
    notify('Could not load the demo people.');
  }
  fillPicker(people);
  $('person').addEventListener('change', (event) => {
    const person = people.find((p) => p.id === event.target.value);
    if (person) choose(person, true);
  });
  const again = remembered(people);
  if (again) {
    $('person').value = again.id;
    // Coming back is not "opening" the bot anew: the history is enough, no second greeting.
    choose(again, false);
  }
}

start();
