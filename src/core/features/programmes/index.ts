/**
 * Programmes: a coordinator creates one (name, purpose, dates, meeting frequency) and gets its
 * join code; an organisation's first organiser redeems the deployment's setup code.
 */
import type { Feature } from '../../kernel/feature.js';
import { createProgrammeFlow } from './create-programme.js';
import { canCreateProgramme } from './permissions.js';
import { redeemSetupCode } from './setup.js';

export const programmesFeature: Feature = {
  name: 'programmes',
  flows: [createProgrammeFlow],
  commands: [
    {
      name: 'newProgramme',
      async run(turn, _argument, { active }) {
        if (!(await canCreateProgramme(turn))) return turn.say({ key: 'programme.notAllowed' });
        await turn.engine.start(turn, 'create-programme', { active });
      },
    },
    { name: 'setup', takesArgument: true, run: (turn, argument) => redeemSetupCode(turn, argument) },
  ],
  help: async (turn, facts) => ((await canCreateProgramme(turn, facts)) ? [turn.t('help.cmdNewProgramme')] : []),
};
