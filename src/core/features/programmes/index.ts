/**
 * Programmes: a coordinator creates one (name, purpose, dates, meeting frequency) and gets its
 * join code; sees it with its members and where each stands; edits, pauses, reopens or closes it;
 * invites a co-coordinator. An organisation's first organiser redeems the deployment's setup code.
 * Only a programme's active coordinators may do anything to it (coordinating.ts).
 */
import type { Programme } from '../../domain.js';
import type { Feature } from '../../kernel/feature.js';
import { startAsCoordinator } from './coordinating.js';
import { createProgrammeFlow } from './create-programme.js';
import { editProgrammeFlow } from './edit-programme.js';
import { acceptCoordinatorInviteFlow, inviteCoordinatorFlow } from './invites.js';
import { canCreateProgramme } from './permissions.js';
import { redeemSetupCode } from './setup.js';
import { programmeViewFlow, showProgrammeCommand } from './show.js';
import { closeProgrammeFlow, pauseProgrammeFlow, reopenProgrammeFlow } from './status.js';

const is = (...statuses: Programme['status'][]) => (p: Programme) => statuses.includes(p.status);

export const programmesFeature: Feature = {
  name: 'programmes',
  flows: [createProgrammeFlow, programmeViewFlow, editProgrammeFlow, pauseProgrammeFlow, reopenProgrammeFlow, closeProgrammeFlow, inviteCoordinatorFlow, acceptCoordinatorInviteFlow],
  commands: [
    {
      name: 'newProgramme',
      async run(turn, _argument, { active }) {
        if (!(await canCreateProgramme(turn))) return turn.say({ key: 'programme.notAllowed' });
        await turn.engine.start(turn, 'create-programme', { active });
      },
    },
    { name: 'setup', takesArgument: true, run: (turn, argument) => redeemSetupCode(turn, argument) },
    { name: 'programme', run: (turn, _argument, { active }) => showProgrammeCommand(turn, active) },
    { name: 'editProgramme', run: (turn, _argument, { active }) => startAsCoordinator(turn, 'edit-programme', active) },
    { name: 'pauseProgramme', run: (turn, _a, { active }) => startAsCoordinator(turn, 'pause-programme', active, { applies: is('open', 'draft'), none: { key: 'programme.noneToPause' } }) },
    { name: 'reopenProgramme', run: (turn, _a, { active }) => startAsCoordinator(turn, 'reopen-programme', active, { applies: is('paused'), none: { key: 'programme.noneToReopen' } }) },
    { name: 'closeProgramme', run: (turn, _a, { active }) => startAsCoordinator(turn, 'close-programme', active, { applies: is('open', 'draft', 'paused'), none: { key: 'programme.allClosed' } }) },
    { name: 'inviteCoordinator', run: (turn, _a, { active }) => startAsCoordinator(turn, 'invite-coordinator', active, { applies: is('open', 'draft', 'paused'), none: { key: 'programme.allClosed' } }) },
  ],
  help: async (turn, facts) => [
    ...((await canCreateProgramme(turn, facts)) ? [turn.t('help.cmdNewProgramme')] : []),
    // What a coordinator does with her programme; nobody else is offered it.
    ...(facts.mine.some((m) => m.membership.role === 'coordinator')
      ? [turn.t('help.cmdProgramme'), turn.t('help.cmdEditProgramme'), turn.t('help.cmdProgrammeStatus'), turn.t('help.cmdInviteCoordinator')]
      : []),
  ],
};
