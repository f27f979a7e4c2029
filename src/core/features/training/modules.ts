/**
 * The training content: short modules for mentors and mentees, built from what the programme's
 * own people wrote (the seeds: their slides on mentoring, the rules of a good relationship, the
 * four ways of helping, the mentor's ethics questions, and their notes on why both sides need
 * training). Only structure lives here; every word is in prompts/<locale>/training.json, so a
 * module reads the same in every language and a translation cannot drift from its screens.
 *
 * A module is a few screens, each short enough to read on a phone in a second or third language,
 * and ends with one reflection question. Follow-up modules are offered later in the year: the
 * seeds' good practice is training at the start and two or more follow-ups over the year, to look
 * at how the relationship is used. Ids are stored with completions, so never rename one.
 */

export type TrainingAudience = 'mentor' | 'mentee' | 'both';

export interface TrainingModule {
  /** Stable: completion records keep it. */
  id: string;
  audience: TrainingAudience;
  /** Offered later in the year, not part of the training before matching. */
  followUp: boolean;
  titleKey: string;
  /** Text keys, one short screen each, in reading order. */
  screens: string[];
  reflectionKey: string;
}

/** In the order a person takes them; the order is the programme's teaching order. */
export const TRAINING_MODULES: readonly TrainingModule[] = [
  {
    id: 'what-mentoring-is',
    audience: 'both',
    followUp: false,
    titleKey: 'training.whatTitle',
    screens: ['training.whatScreen1', 'training.whatScreen2', 'training.whatScreen3', 'training.whatScreen4'],
    reflectionKey: 'training.whatReflection',
  },
  {
    id: 'roles',
    audience: 'both',
    followUp: false,
    titleKey: 'training.rolesTitle',
    screens: ['training.rolesScreen1', 'training.rolesScreen2', 'training.rolesScreen3'],
    reflectionKey: 'training.rolesReflection',
  },
  {
    // The mentee's side of the seeds' "how they can best use their mentor".
    id: 'using-your-mentor',
    audience: 'mentee',
    followUp: false,
    titleKey: 'training.usingTitle',
    screens: ['training.usingScreen1', 'training.usingScreen2', 'training.usingScreen3', 'training.usingScreen4', 'training.usingScreen5'],
    reflectionKey: 'training.usingReflection',
  },
  {
    // The mentor's side: the seeds' "Being a mentor" and "Questions for the mentor".
    id: 'being-a-mentor',
    audience: 'mentor',
    followUp: false,
    titleKey: 'training.beingTitle',
    screens: ['training.beingScreen1', 'training.beingScreen2', 'training.beingScreen3', 'training.beingScreen4'],
    reflectionKey: 'training.beingReflection',
  },
  {
    id: 'good-relationship',
    audience: 'both',
    followUp: false,
    titleKey: 'training.relationshipTitle',
    screens: ['training.relationshipScreen1', 'training.relationshipScreen2', 'training.relationshipScreen3', 'training.relationshipScreen4'],
    reflectionKey: 'training.relationshipReflection',
  },
  {
    // Mentees too: the mentor's techniques work best when the mentee sees what is happening.
    id: 'four-ways-of-helping',
    audience: 'both',
    followUp: false,
    titleKey: 'training.fourWaysTitle',
    screens: ['training.fourWaysScreen1', 'training.fourWaysScreen2', 'training.fourWaysScreen3', 'training.fourWaysScreen4'],
    reflectionKey: 'training.fourWaysReflection',
  },
  {
    // Both: confidentiality binds both sides, and the ethics questions speak of "mentee/mentor".
    id: 'ethics',
    audience: 'both',
    followUp: false,
    titleKey: 'training.ethicsTitle',
    screens: ['training.ethicsScreen1', 'training.ethicsScreen2', 'training.ethicsScreen3', 'training.ethicsScreen4'],
    reflectionKey: 'training.ethicsReflection',
  },
  {
    id: 'cultures',
    audience: 'both',
    followUp: false,
    titleKey: 'training.culturesTitle',
    screens: ['training.culturesScreen1', 'training.culturesScreen2', 'training.culturesScreen3', 'training.culturesScreen4'],
    reflectionKey: 'training.culturesReflection',
  },
  {
    // A follow-up: most of what goes wrong shows only after some meetings.
    id: 'when-it-does-not-work',
    audience: 'both',
    followUp: true,
    titleKey: 'training.troubleTitle',
    screens: ['training.troubleScreen1', 'training.troubleScreen2', 'training.troubleScreen3', 'training.troubleScreen4'],
    reflectionKey: 'training.troubleReflection',
  },
  {
    // The seeds' follow-up: how are we using the relationship, and how can the mentee help the mentor help.
    id: 'looking-back',
    audience: 'both',
    followUp: true,
    titleKey: 'training.reviewTitle',
    screens: ['training.reviewScreen1', 'training.reviewScreen2', 'training.reviewScreen3'],
    reflectionKey: 'training.reviewReflection',
  },
];

/** The modules a mentor or a mentee takes, in order: the initial ones, or the follow-ups. */
export function trainingModulesFor(role: 'mentor' | 'mentee', followUp: boolean): readonly TrainingModule[] {
  return TRAINING_MODULES.filter((m) => (m.audience === 'both' || m.audience === role) && m.followUp === followUp);
}
