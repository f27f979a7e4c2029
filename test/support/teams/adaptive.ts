/**
 * Microsoft's own Adaptive Cards library (the renderer's object model) as the judge of our cards.
 * Its package entry is an ES module without file extensions that Node cannot load, so the
 * bundled UMD build is required instead; the types come from the package.
 */
import { createRequire } from 'node:module';
import type * as AC from 'adaptivecards';

const AdaptiveCards = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof AC;

/** Every parse event (unknown types, bad values) and validation failure the library reports. */
export function cardProblems(json: unknown): string[] {
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json as AC.PropertyBag, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  return problems;
}

/** The card's version and element types, to check the library really read it. */
export function parsedSummary(json: unknown): { version: string; elements: string[]; actions: string[] } {
  const card = new AdaptiveCards.AdaptiveCard();
  card.parse(json as AC.PropertyBag, new AdaptiveCards.SerializationContext());
  const elements: string[] = [];
  for (let i = 0; i < card.getItemCount(); i += 1) elements.push(card.getItemAt(i).getJsonTypeName());
  const actions: string[] = [];
  for (let i = 0; i < card.getActionCount(); i += 1) actions.push(card.getActionAt(i)?.getJsonTypeName() ?? '?');
  return { version: card.version.toString(), elements, actions };
}
