/** People: the language a person is written to in (their time zone comes from the platform). */
import type { Feature } from '../../kernel/feature.js';
import { languageFlow } from './language.js';

export const peopleFeature: Feature = {
  name: 'people',
  flows: [languageFlow],
  commands: [
    {
      name: 'language',
      async run(turn, _argument, { active }) {
        await turn.engine.start(turn, 'language', { answers: { locales: [...turn.texts.locales()] }, active });
      },
    },
  ],
  help: (turn) => [turn.t('help.cmdLanguage')],
};
