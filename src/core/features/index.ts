/**
 * Every feature the bot has, in the order help lists their commands. This list is the only
 * place that knows them all: adding a capability (matching, training, the agreement, meetings,
 * check-ins, escalations, reports) is a folder beside these and one line here, plus its
 * repositories in FeatureRepos and src/store/repos (see CONTRIBUTING.md, "Adding a feature").
 */
import type { Feature } from '../kernel/feature.js';
import { questionsFeature } from '../kernel/questions.js';
import { checkinsFeature } from './checkins/index.js';
import type { CheckinsRepos } from './checkins/ports.js';
import { closureFeature } from './closure/index.js';
import { digestFeature } from './digest/index.js';
import { escalationsFeature } from './escalations/index.js';
import type { EscalationsRepos } from './escalations/ports.js';
import type { ClosureRepos } from './closure/ports.js';
import { goalsFeature } from './goals/index.js';
import type { GoalsRepos } from './goals/ports.js';
import { helpFeature } from './help/index.js';
import type { HelpRepos } from './help/ports.js';
import { journeyFeature } from './journey/index.js';
import { meetingsFeature } from './meetings/index.js';
import { nudgesFeature } from './nudges/index.js';
import type { NudgesRepos } from './nudges/ports.js';
import type { MeetingsRepos } from './meetings/ports.js';
import type { JourneyRepos } from './journey/ports.js';
import { matchingFeature } from './matching/index.js';
import { membershipFeature } from './membership/index.js';
import type { MatchingRepos } from './matching/ports.js';
import type { MembershipRepos } from './membership/ports.js';
import { peopleFeature } from './people/index.js';
import { programmesFeature } from './programmes/index.js';
import { reflectionsFeature } from './reflections/index.js';
import type { ReflectionsRepos } from './reflections/ports.js';
import type { ProgrammeRepos } from './programmes/ports.js';
import { trainingFeature } from './training/index.js';
import type { TrainingRepos } from './training/ports.js';

export const ALL_FEATURES: readonly Feature[] = [membershipFeature, programmesFeature, trainingFeature, matchingFeature, journeyFeature, meetingsFeature, reflectionsFeature, goalsFeature, checkinsFeature, digestFeature, escalationsFeature, closureFeature, nudgesFeature, peopleFeature, helpFeature, questionsFeature];

/** The repositories the features add to the kernel's (ports.ts composes Repos from this). */
export type FeatureRepos = MembershipRepos & ProgrammeRepos & HelpRepos & MatchingRepos & TrainingRepos & JourneyRepos & ClosureRepos & ReflectionsRepos & MeetingsRepos & GoalsRepos & CheckinsRepos & NudgesRepos & EscalationsRepos;
