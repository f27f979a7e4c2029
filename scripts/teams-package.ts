// Builds the Teams app package an admin uploads (Teams admin center → Manage apps → Upload, or
// Developer Portal → Import): teams/build/mentor-bridge-teams.zip with manifest.json, the two
// icons and the Norwegian localisation file. The manifest's `id` and `bots[0].botId` come from
// MICROSOFT_APP_ID (the Azure Bot's app id); descriptions and command texts from prompts/.
//
//   MICROSOFT_APP_ID=… npm run teams:package
//
// Zip: fflate — small, no dependencies, well maintained, and synchronous, which is all a
// three-file archive needs (archiver would bring streams and a dozen packages for the same).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CatalogueTexts, loadCatalogues } from '../src/i18n/texts.js';

const ROOT = join(import.meta.dirname, '..');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Manifest command → its command name in prompts/<locale>/commands.json and its description key. */
const COMMANDS = [
  ['help', 'teams.commandHelp'],
  ['join', 'teams.commandJoin'],
  ['profile', 'teams.commandProfile'],
  ['editProfile', 'teams.commandEditProfile'],
  ['leave', 'teams.commandLeave'],
  ['language', 'teams.commandLanguage'],
] as const;

/** Additional manifest languages: Teams language tag → prompts/ folder. */
const LANGUAGES: Record<string, string> = { 'nb-no': 'nb' };

type Json = Record<string, unknown>;

export function buildTeamsPackage(appId: string, root: string = ROOT): Uint8Array {
  if (!GUID.test(appId)) throw new Error('MICROSOFT_APP_ID must be the Azure Bot’s app id (a GUID)');
  const texts = new CatalogueTexts(loadCatalogues(join(root, 'prompts')), 'en', 'Europe/Oslo');
  const manifest = JSON.parse(readFileSync(join(root, 'teams/manifest.json'), 'utf8')) as Json;
  const strings = localised(texts, 'en');
  const bots = manifest.bots as Array<Json & { commandLists: Array<{ commands: Json[] }> }>;
  const filled = {
    ...manifest,
    id: appId,
    description: { short: strings['description.short'], full: strings['description.full'] },
    bots: bots.map((bot) => ({
      ...bot,
      botId: appId,
      commandLists: bot.commandLists.map((list) => ({
        ...list,
        commands: COMMANDS.map((_, i) => ({ title: strings[`bots[0].commandLists[0].commands[${i}].title`], description: strings[`bots[0].commandLists[0].commands[${i}].description`] })),
      })),
    })),
  };
  const files: Record<string, Uint8Array> = {
    'manifest.json': strToU8(JSON.stringify(filled, null, 2)),
    'color.png': readFileSync(join(root, 'teams/color.png')),
    'outline.png': readFileSync(join(root, 'teams/outline.png')),
  };
  for (const [tag, locale] of Object.entries(LANGUAGES)) {
    const file = { $schema: 'https://developer.microsoft.com/json-schemas/teams/v1.22/MicrosoftTeams.Localization.schema.json', 'name.short': 'Mentor Bridge', 'name.full': 'Mentor Bridge', ...localised(texts, locale) };
    files[`${tag}.json`] = strToU8(JSON.stringify(file, null, 2));
  }
  return zipSync(files, { level: 9 });
}

/** Descriptions and commands in one language, keyed the way Teams localisation files are. */
function localised(texts: CatalogueTexts, locale: string): Record<string, string> {
  const out: Record<string, string> = {
    'description.short': texts.t(locale, 'teams.appShortDescription'),
    'description.full': texts.t(locale, 'teams.appFullDescription'),
  };
  COMMANDS.forEach(([command, description], i) => {
    // The first word the bot understands for the command; Teams sends the title when picked.
    out[`bots[0].commandLists[0].commands[${i}].title`] = texts.t(locale, `commands.${command}`).split('|')[0] ?? command;
    out[`bots[0].commandLists[0].commands[${i}].description`] = texts.t(locale, description);
  });
  return out;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const appId = process.env.MICROSOFT_APP_ID?.trim() ?? '';
  try {
    const zip = buildTeamsPackage(appId);
    mkdirSync(join(ROOT, 'teams/build'), { recursive: true });
    const out = join(ROOT, 'teams/build/mentor-bridge-teams.zip');
    writeFileSync(out, zip);
    process.stdout.write(`wrote ${out} (${zip.length} bytes)\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
}
