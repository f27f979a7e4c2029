/** Training: short modules for mentors and mentees, completion records, and the coordinator's view. */
import type { Feature } from '../../kernel/feature.js';

export const trainingFeature: Feature = { name: 'training' };
