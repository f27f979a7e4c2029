/**
 * The coordinator's weekly digest (issue 14, "Nudges", last point): every Monday morning in
 * their own channel and language, what happened in their programme in the last week and what
 * needs them now (jobs.ts, facts.ts, view.ts). It stores nothing of its own: it reads the
 * figures other features keep.
 */
import type { Feature } from '../../kernel/feature.js';
import { digestJob } from './jobs.js';

export { seedDigest, seedDigests } from './jobs.js';

export const digestFeature: Feature = {
  name: 'digest',
  jobs: [digestJob],
};
