/**
 * `matching settings`: a programme's matching rules in one form, filled in with what is stored.
 * Whether training comes before matching, whether colleagues are kept apart, how many days a
 * mentor has to answer a request, and how much each criterion weighs (0 switches it off: no
 * score and no reason from it). Saved in one step, so stopping half-way changes nothing.
 */
import type { AnswerValue } from '../../domain.js';
import type { FlowDefinition, OptionDef, StepContext } from '../../engine/types.js';
import { coordinatedProgramme, coordinatorSteps, tellOtherCoordinators } from '../programmes/coordinating.js';
import { CRITERIA, type Weights } from './score.js';

export const REQUEST_DAYS = { min: 3, max: 21 };
const WEIGHT_OPTIONS: OptionDef[] = ['cohort.weight0', 'cohort.weight1', 'cohort.weight2', 'cohort.weight3'].map((label, w) => ({ value: String(w), label }));
const YES_NO: OptionDef[] = [
  { value: 'yes', label: 'cohort.settingYes' },
  { value: 'no', label: 'cohort.settingNo' },
];
const CRITERION_LABEL: Record<(typeof CRITERIA)[number], string> = {
  field: 'cohort.weightField',
  goals: 'cohort.weightGoals',
  languages: 'cohort.weightLanguages',
  region: 'cohort.weightRegion',
  availability: 'cohort.weightAvailability',
};

const yes = (v: boolean) => (v ? 'yes' : 'no');
/** A stored weight as the form offers it: missing weighs 1, and anything else is clamped to 0–3. */
const weightValue = (w: number | undefined) => String(Math.min(3, Math.max(0, Math.round(w ?? 1))));

async function load(ctx: StepContext): Promise<string | null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const s = await ctx.repos.matchingSettings.get(ctx.person.organisationId, programme.id);
  const initial: Record<string, AnswerValue> = { trainingRequired: yes(s.trainingRequired), excludeSameEmployer: yes(s.excludeSameEmployer), requestDays: String(s.requestDays) };
  for (const c of CRITERIA) initial[`w_${c}`] = weightValue(s.weights[c]);
  ctx.remember('initial', initial);
  return 'form';
}

async function save(ctx: StepContext): Promise<null> {
  const programme = await coordinatedProgramme(ctx);
  if (!programme) return null;
  const v = (ctx.answers.settings ?? {}) as Record<string, AnswerValue>;
  const weights: Weights = {};
  for (const c of CRITERIA) weights[c] = Number(v[`w_${c}`] ?? 1);
  const settings = await ctx.repos.matchingSettings.save(ctx.person.organisationId, {
    programmeId: programme.id,
    trainingRequired: v.trainingRequired === 'yes',
    excludeSameEmployer: v.excludeSameEmployer === 'yes',
    requestDays: Number(v.requestDays),
    weights,
  });
  await ctx.repos.audit.record({ organisationId: programme.organisationId, actorPersonId: ctx.person.id, action: 'matching:settings', subjectType: 'Programme', subjectId: programme.id, data: { ...settings } });
  const summary = (t: StepContext['t']) =>
    t('cohort.settingsSummary', {
      training: t(settings.trainingRequired ? 'cohort.settingYes' : 'cohort.settingNo'),
      employer: t(settings.excludeSameEmployer ? 'cohort.settingYes' : 'cohort.settingNo'),
      days: settings.requestDays,
      weights: CRITERIA.map((c) => t('cohort.weightItem', { criterion: t(CRITERION_LABEL[c]), weight: weights[c] ?? 1 })).join(', '),
    });
  ctx.say({ text: `${ctx.t('cohort.settingsSaved', { programme: programme.name })}\n${summary(ctx.t)}` });
  await tellOtherCoordinators(ctx.turn, programme.id, (t) => `${t('cohort.settingsNotice', { name: ctx.person.displayName, programme: programme.name })}\n${summary(t)}`);
  return null;
}

export const matchingSettingsFlow: FlowDefinition = {
  id: 'matching-settings',
  version: 1,
  title: 'cohort.flowSettings',
  start: 'route',
  steps: {
    ...coordinatorSteps('loadSettings'),
    loadSettings: { kind: 'act', run: load },
    form: {
      kind: 'ask',
      key: 'settings',
      text: (ctx) => ({ key: 'cohort.settingsIntro', params: { programme: String(ctx.answers.programmeName ?? '') } }),
      input: (ctx) => ({
        kind: 'form',
        title: 'cohort.settingsTitle',
        submitLabel: 'cohort.settingsSave',
        initial: (ctx.answers.initial ?? {}) as Record<string, string>,
        fields: [
          { kind: 'select', name: 'trainingRequired', label: 'cohort.settingTraining', required: true, options: YES_NO },
          { kind: 'select', name: 'excludeSameEmployer', label: 'cohort.settingEmployer', required: true, options: YES_NO },
          { kind: 'number', name: 'requestDays', label: 'cohort.settingDays', required: true, ...REQUEST_DAYS },
          ...CRITERIA.map((c) => ({ kind: 'select' as const, name: `w_${c}`, label: CRITERION_LABEL[c], required: true, options: WEIGHT_OPTIONS, ...(c === CRITERIA[0] ? { hint: 'cohort.weightHint' } : {}) })),
        ],
      }),
      next: 'save',
    },
    save: { kind: 'act', run: save },
  },
};
