// Says a text's limit before anything is typed ("0 / 2 000") and refuses over-long text in words,
// never by cutting it: no maxlength attribute anywhere, since the browser silently truncates a
// paste to it. The limit is the one the server sent (a field's maxLength, the core's message limit).
import { t } from './i18n.js';

/** Keeps `counter` showing "typed / max" for `input`; marks it (and the input) when over. */
export function trackLength(input, counter, max) {
  const update = () => {
    const length = input.value.length;
    counter.textContent = t('playground.counter', { length, max });
    counter.title = t('playground.counterLabel', { length, max });
    counter.classList.toggle('over', length > max);
  };
  input.addEventListener('input', update);
  update();
  return update;
}

/** The refusal for text over `max` in the person's words, or '' when it fits. */
export function lengthError(value, max) {
  return value.length > max ? t('errors.tooLong', { max, length: value.length }) : '';
}
