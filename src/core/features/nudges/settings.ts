/**
 * `nudge settings`: a programme's quiet hours for reminders in one form (nights from–to in each
 * reader's local time, and whether weekends are quiet), filled in with what is stored. Only the
 * programme's coordinators; saved in one step, the other coordinators told.
 */
import type { FlowDefinition, OptionDef, StepContext } from '../../engine/types.js';
import { coordinatedProgramme, coordinatorSteps, tellOtherCoordinators } from '../programmes/coordinating.js';

export const SETTINGS_FLOW = 'nudge-settings';

const HOURS: OptionDef[] = Array.from({ length: 24 }, (_, h) => ({ value: String(h), label: `${String(h).padStart(2, '0')}:00`, literal: true }));
const YES_NO: OptionDef[] = [
  { value: 'yes', label: 'nudges.settingsYes' },
  { value: 'no', label: 'nudges.settingsNo' },
];

async function load(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const s = await ctx.repos.nudges.settings(ctx.person.organisationId, programme.id);
  ctx.remember('initial', { quietFrom: String(s.quietFrom), quietTo: String(s.quietTo), quietWeekends: s.quietWeekends ? 'yes' : 'no' });
  return 'form';
}

async function save(ctx: StepContext): Promise<null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const v = (ctx.answers.settings ?? {}) as Record<string, unknown>;
  const settings = { programmeId: programme.id, quietFrom: Number(v.quietFrom), quietTo: Number(v.quietTo), quietWeekends: v.quietWeekends === 'yes' };
  await ctx.repos.nudges.saveSettings(programme.organisationId, settings, ctx.clock.now());
  await ctx.repos.audit.record({ organisationId: programme.organisationId, actorPersonId: ctx.person.id, action: 'nudges:settings', subjectType: 'Programme', subjectId: programme.id, data: { ...settings } });
  const params = { programme: programme.name, from: settings.quietFrom, to: settings.quietTo, weekends: settings.quietWeekends ? 'yes' : 'no' };
  ctx.say({ key: 'nudges.settingsSaved', params });
  await tellOtherCoordinators(ctx.turn, programme.id, (t) => t('nudges.settingsNotice', { ...params, name: ctx.person.displayName }));
  return null;
}

export const settingsFlow: FlowDefinition = {
  id: SETTINGS_FLOW,
  version: 1,
  title: 'nudges.flowSettings',
  start: 'route',
  steps: {
    ...coordinatorSteps('loadSettings'),
    loadSettings: { kind: 'act', run: load },
    form: {
      kind: 'ask',
      key: 'settings',
      text: (ctx) => ({ key: 'nudges.settingsIntro', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: (ctx) => ({
        kind: 'form',
        title: 'nudges.settingsTitle',
        submitLabel: 'nudges.settingsSave',
        initial: (ctx.answers.initial ?? {}) as Record<string, string>,
        fields: [
          { kind: 'select', name: 'quietFrom', label: 'nudges.settingsFrom', required: true, options: HOURS },
          { kind: 'select', name: 'quietTo', label: 'nudges.settingsTo', required: true, options: HOURS },
          { kind: 'select', name: 'quietWeekends', label: 'nudges.settingsWeekends', required: true, options: YES_NO },
        ],
        check: (values) => (values.quietFrom === values.quietTo ? { quietTo: 'nudges.settingsSameHours' } : null),
      }),
      next: 'save',
    },
    save: { kind: 'act', run: save },
  },
};
