/** Help and cancel: always commands, even while a question waits for free text. */
import type { Feature } from '../../kernel/feature.js';
import { showHelp } from './help.js';

export const helpFeature: Feature = {
  name: 'help',
  commands: [
    { name: 'help', always: true, run: (turn, _argument, { active }) => showHelp(turn, active) },
    {
      name: 'cancel',
      always: true,
      async run(turn, _argument, { active }) {
        if (!active) return turn.say({ key: 'engine.nothingToCancel' });
        await turn.engine.cancel(turn, active);
        turn.say({ key: 'engine.cancelled' });
      },
    },
  ],
  help: (turn) => [turn.t('help.cmdCancel'), turn.t('help.cmdHelp')],
};
