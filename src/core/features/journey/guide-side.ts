/** The MENTOR model guide for meetings, with a private note per step (see index.ts). */
import type { Feature } from '../../kernel/feature.js';

export const guideSide: Omit<Feature, 'name'> = {};
