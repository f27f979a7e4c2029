/** Choosing the language the bot speaks to a person. */
import type { FlowDefinition } from '../../engine/types.js';

export const languageFlow: FlowDefinition = {
  id: 'language',
  version: 1,
  title: 'flows.language',
  start: 'pick',
  steps: {
    pick: {
      kind: 'ask',
      key: 'locale',
      text: { key: 'language.question' },
      input: (ctx) => {
        const list = Array.isArray(ctx.answers.locales) ? ctx.answers.locales : [];
        return { kind: 'choice', options: list.map((code) => ({ value: code, label: `locales.${code}` })) };
      },
      next: 'save',
    },
    save: {
      kind: 'act',
      run: async (ctx) => {
        const locale = String(ctx.answers.locale);
        await ctx.updatePerson({ locale });
        // Answer in the new language straight away.
        ctx.say({ key: 'language.changed' });
        return null;
      },
    },
  },
};
