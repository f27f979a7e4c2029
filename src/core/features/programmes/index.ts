/** Programmes: a coordinator creates one (name, purpose, dates, meeting frequency) and gets its join code. */
import type { Feature } from '../../kernel/feature.js';
import { createProgrammeFlow } from './create-programme.js';
import { canCreateProgramme } from './permissions.js';

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
  ],
  help: async (turn, { mine, organisationHasProgrammes }) => ((await canCreateProgramme(turn, mine, organisationHasProgrammes)) ? [turn.t('help.cmdNewProgramme')] : []),
};
