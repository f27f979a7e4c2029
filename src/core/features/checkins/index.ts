/**
 * Check-ins (issue 14): the coordinator's rounds at scale. Each side of a running pair is asked
 * "how is it going?" on the cadence of good practice (cadence.ts, schedule.ts) and after the first
 * meeting (the seeds' phone round), answers 1–5 with an optional comment that stays theirs unless
 * they share it with the coordinator (question.ts, details.ts). Coordinators see scores, trends
 * and shared comments (`check-ins`, view.ts) and set the cadence (`check-in settings`); a bad
 * answer or a worrying shared comment reaches them as an escalation (escalate.ts).
 */
import type { Feature } from '../../kernel/feature.js';
import { detailsKind } from './details.js';
import { checkInKind } from './question.js';
import { contactJob } from './schedule.js';
import { checkInSettingsFlow } from './settings.js';
import { startAsCoordinator } from '../programmes/coordinating.js';
import { checkInsCommand, checkInsViewFlow } from './view.js';

export const checkinsFeature: Feature = {
  name: 'checkins',
  flows: [checkInsViewFlow, checkInSettingsFlow],
  commands: [
    { name: 'checkIns', run: (turn, _a, { active }) => checkInsCommand(turn, active) },
    { name: 'checkInSettings', run: (turn, _a, { active }) => startAsCoordinator(turn, 'checkin-settings', active) },
  ],
  questions: [checkInKind, detailsKind],
  jobs: [contactJob],
  help: (turn, facts) => (facts.mine.some((m) => m.membership.role === 'coordinator') ? [turn.t('help.cmdCheckIns')] : []),
};
