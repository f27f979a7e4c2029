// What a person has typed but not yet sent — form answers, the message box — kept in this tab's
// sessionStorage so a reload does not empty it. Never localStorage: this is personal data and
// goes when the tab closes. A draft is removed once the server has taken what it held.
const PREFIX = 'mentor-bridge.playground.draft.';

export function saveDraft(key, value) {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the draft is just not kept across a reload.
  }
}

export function loadDraft(key) {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    // Unreadable (disabled storage, a damaged value): start from what the server sent.
    return null;
  }
}

export function clearDraft(key) {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Storage disabled: nothing was kept, so nothing to remove.
  }
}
