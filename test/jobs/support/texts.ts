/** The prompts/ catalogues, for the test processes and the child runners (no vitest imports here). */
import { join } from 'node:path';
import { CatalogueTexts, loadCatalogues } from '../../../src/i18n/texts.js';

export const texts = new CatalogueTexts(loadCatalogues(join(import.meta.dirname, '../../../prompts')), 'nb', 'Europe/Oslo');
