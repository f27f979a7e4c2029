/**
 * `check-in settings`: a programme's check-in cadence in one form, filled in with what is stored
 * (its coordinators only): the day of the first contact (within the first two weeks), the day of
 * the second (in the first month), the months between the later ones, and whether both are asked
 * after their first meeting. A value out of range is refused beside its field; saving moves every
 * running pair's next contact to its new date (schedule.ts, replanProgramme).
 */
import type { AnswerValue } from '../../domain.js';
import type { FlowDefinition, OptionDef, StepContext } from '../../engine/types.js';
import { coordinatedProgramme, coordinatorSteps, tellOtherCoordinators } from '../programmes/coordinating.js';
import { SETTING_LIMITS } from './cadence.js';
import type { CheckInSettings } from './ports.js';
import { replanProgramme } from './schedule.js';

const YES_NO: OptionDef[] = [
  { value: 'yes', label: 'checkins.settingYes' },
  { value: 'no', label: 'checkins.settingNo' },
];

async function load(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const s = await ctx.repos.checkInSettings.get(ctx.person.organisationId, programme.id);
  ctx.remember('initial', { firstDay: String(s.firstDay), secondDay: String(s.secondDay), everyMonths: String(s.everyMonths), afterFirstMeeting: s.afterFirstMeeting ? 'yes' : 'no' });
  return 'form';
}

const summary = (t: StepContext['t'], s: CheckInSettings) =>
  t('checkins.settingsSummary', { first: s.firstDay, second: s.secondDay, months: s.everyMonths, after: t(s.afterFirstMeeting ? 'checkins.settingYes' : 'checkins.settingNo') });

async function save(ctx: StepContext): Promise<null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const v = (ctx.answers.settings ?? {}) as Record<string, AnswerValue>;
  const org = ctx.person.organisationId;
  const settings: CheckInSettings = { programmeId: programme.id, firstDay: Number(v.firstDay), secondDay: Number(v.secondDay), everyMonths: Number(v.everyMonths), afterFirstMeeting: v.afterFirstMeeting === 'yes' };
  await ctx.repos.checkInSettings.save(org, settings, ctx.clock.now());
  await replanProgramme(ctx.turn, settings);
  await ctx.repos.audit.record({ organisationId: org, actorPersonId: ctx.person.id, action: 'checkins:settings', subjectType: 'Programme', subjectId: programme.id, data: { ...settings } });
  ctx.say({ text: `${ctx.t('checkins.settingsSaved', { programme: programme.name })}\n${summary(ctx.t, settings)}` });
  await tellOtherCoordinators(ctx.turn, programme.id, (t) => `${t('checkins.settingsNotice', { name: ctx.person.displayName, programme: programme.name })}\n${summary(t, settings)}`);
  return null;
}

export const checkInSettingsFlow: FlowDefinition = {
  id: 'checkin-settings',
  version: 1,
  title: 'checkins.settingsFlowTitle',
  start: 'route',
  steps: {
    ...coordinatorSteps('loadSettings'),
    loadSettings: { kind: 'act', run: load },
    form: {
      kind: 'ask',
      key: 'settings',
      text: (ctx) => ({ key: 'checkins.settingsIntro', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: (ctx) => ({
        kind: 'form',
        title: 'checkins.settingsTitle',
        submitLabel: 'checkins.settingsSave',
        initial: (ctx.answers.initial ?? {}) as Record<string, string>,
        fields: [
          { kind: 'number', name: 'firstDay', label: 'checkins.settingFirstDay', required: true, ...SETTING_LIMITS.firstDay },
          { kind: 'number', name: 'secondDay', label: 'checkins.settingSecondDay', required: true, ...SETTING_LIMITS.secondDay, hint: 'checkins.settingSecondHint' },
          { kind: 'number', name: 'everyMonths', label: 'checkins.settingEveryMonths', required: true, ...SETTING_LIMITS.everyMonths },
          { kind: 'select', name: 'afterFirstMeeting', label: 'checkins.settingAfterFirst', required: true, options: YES_NO },
        ],
        check: (values) => (Number(values.secondDay) <= Number(values.firstDay) ? { secondDay: 'checkins.settingSecondAfterFirst' } : null),
      }),
      next: 'save',
    },
    save: { kind: 'act', run: save },
  },
};
