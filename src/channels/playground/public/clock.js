// The demo clock: shows the playground's demo time in the header and moves it forward a day, a
// week or a month, running the reminders and other jobs due on the way (POST /playground/clock).
// Its labels come from the server in the chosen person's language (GET /playground/clock?user=),
// so it follows the person picker on its own, without hooks in app.js.

const state = {
  /** Demo time minus this browser's time, from the last answer. */
  offsetMs: 0,
  timeZone: undefined,
  locale: undefined,
  labels: null,
  /** The person the labels were read for ('' before one is chosen). */
  user: null,
  busy: false,
};

const el = {};

const picked = () => document.getElementById('person')?.value ?? '';

async function call(method, body) {
  const user = state.user ?? '';
  const res = await fetch(`/playground/clock?user=${encodeURIComponent(user)}`, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  // Answers can cross: one read for the person picked before, arriving after the one for the
  // person picked now, would leave the labels in the earlier person's language for good.
  if (data.now && user === (state.user ?? '')) take(data);
  if (!res.ok) throw new Error(data.error ?? `The server answered ${res.status}.`);
  return data;
}

function take(data) {
  state.offsetMs = new Date(data.now).getTime() - Date.now();
  state.timeZone = data.timeZone;
  state.locale = data.locale;
  state.labels = data.labels;
}

function build() {
  el.root = document.createElement('section');
  el.root.className = 'clock';
  el.title = document.createElement('span');
  el.title.className = 'clock-title';
  el.time = document.createElement('time');
  el.time.className = 'clock-time';
  el.buttons = ['day', 'week', 'month'].map((by) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.by = by;
    button.addEventListener('click', () => advance(by));
    return button;
  });
  el.status = document.createElement('span');
  el.status.className = 'clock-status';
  el.status.setAttribute('role', 'status');
  el.status.setAttribute('aria-live', 'polite');
  el.root.append(el.title, el.time, ...el.buttons, el.status);
  document.querySelector('header.top')?.append(el.root);
}

function render() {
  if (!state.labels) return;
  const now = new Date(Date.now() + state.offsetMs);
  el.root.title = state.labels.hint;
  el.root.setAttribute('aria-label', state.labels.title);
  el.title.textContent = state.labels.title;
  el.time.dateTime = now.toISOString();
  el.time.textContent = new Intl.DateTimeFormat(state.locale, {
    weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: state.timeZone,
  }).format(now);
  for (const button of el.buttons) {
    button.textContent = state.labels[button.dataset.by];
    button.disabled = state.busy;
  }
}

async function advance(by) {
  if (state.busy) return;
  state.busy = true;
  el.status.textContent = state.labels.busy;
  render();
  try {
    await call('POST', { by });
    el.status.textContent = '';
  } catch {
    el.status.textContent = state.labels.failed;
  } finally {
    state.busy = false;
    render();
  }
}

/** Reads the time and labels again when another person is picked (their language). */
async function follow() {
  const user = picked();
  if (user === state.user) return;
  state.user = user;
  try {
    await call('GET');
    el.root.hidden = false;
  } catch {
    // No demo clock on this server (the route is absent): the controls stay hidden.
    el.root.hidden = state.labels === null;
  }
  render();
}

build();
el.root.hidden = true;
follow();
// Once a second: the minutes move on, and the picker may have changed (app.js sets it without an event).
setInterval(() => {
  follow();
  render();
}, 1000);
