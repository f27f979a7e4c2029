/** The mentee's and mentor's part of matching (see index.ts). */
import type { Feature } from '../../kernel/feature.js';

export const menteeSide: Omit<Feature, 'name'> = {};
