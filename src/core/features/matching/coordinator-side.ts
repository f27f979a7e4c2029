/** The coordinator's part of matching (see index.ts). */
import type { Feature } from '../../kernel/feature.js';

export const coordinatorSide: Omit<Feature, 'name'> = {};
