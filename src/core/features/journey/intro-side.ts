/** The introduction of a new pair and their first meeting (see index.ts). */
import type { Feature } from '../../kernel/feature.js';

export const introSide: Omit<Feature, 'name'> = {};
