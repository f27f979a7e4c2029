/**
 * Rules, not AI, for words that should reach a coordinator: wanting to quit, time wasted, a
 * breach of confidentiality (the seeds' mentor repeating a mentee's words in the office) and
 * feeling unsafe, in English and Norwegian bokmål. Escalation must work with no AI configured;
 * a missed signal costs a person their help, a false one costs a coordinator a look, so the rules
 * lean to firing, but a plain negation ("I don't want to quit", "jeg vil ikke slutte") and
 * quitting something else ("quit smoking", "slutte å røyke": fine to talk about) do not fire.
 *
 * Text is folded before matching: lower case, accents and æøå to plain letters (people on an
 * English keyboard write "sloser", "a slutte"), punctuation to spaces; the patterns below are
 * written in that folded form. Each sentence or clause is read on its own, so a "not" in one does
 * not cancel a signal in the next.
 */

export type ConcernKind = 'quit' | 'wasted-time' | 'confidentiality' | 'unsafe';

const KINDS: readonly ConcernKind[] = ['quit', 'wasted-time', 'confidentiality', 'unsafe'];

/** Words that, just before a signal, turn it around ("not", "don't", "ikke", "aldri"). */
const NEGATION = /\b(not|dont|do not|doesnt|didnt|wont|wouldnt|never|no longer|isnt|wasnt|arent|havent|cant|cannot|ikke|ikkje|aldri|ingen)\b/;
/** Norwegian puts the negation after the verb ("jeg slutter ikke"). */
const NEGATION_AFTER = /^\s*(ikke|ikkje|aldri|not)\b/;
/** How far before a signal a negation still counts (in characters of folded text). */
const NEGATION_WINDOW = 28;

/** Quitting something else than the programme: a habit or a job is a topic, not a signal. */
const OTHER_THING = String.raw`(?!\s+(smoking|drinking|alcohol|sugar|coffee|caffeine|snus|my job|the job|his job|her job|job|work|a (?!vaere\b)[a-z]+|roykingen|royken|i jobben|pa jobben|jobben))`;

/** Not the writer's own telling ("I told my colleagues about the programme"): someone else's. */
const NOT_ME = String.raw`(?<!\b(i|jeg|vi|we) )`;

const RULES: Record<ConcernKind, RegExp[]> = {
  quit: [
    new RegExp(String.raw`\b(quit|quitting|give up|giving up|drop out|dropping out)\b${OTHER_THING}`),
    /\b(leave|leaving|stop|end|ending) (the|this) (programme|program|mentoring|mentorship)\b/,
    /\b(want out|i m done with (this|it|mentoring))\b/,
    new RegExp(String.raw`\b(vil|ville|onsker a|lyst (til )?a|tenker (pa )?a|vurderer a|har lyst a|kommer til a|skal|ma|orker ikke mer|jeg) (bare )?(slutte|slutter)\b${OTHER_THING}`),
    /\b(slutte|slutter) (med (dette|alt|alt sammen|mentoring|programmet)|i programmet)\b/,
    new RegExp(String.raw`\b(gi opp|gir opp|hoppe av|hopper av|trekke meg|trekker meg|melde meg ut|melder meg ut)\b${OTHER_THING}`),
    /\borker ikke (mer|dette)\b/,
  ],
  'wasted-time': [
    /\b(wast(e|es|ed|ing)) (of )?(my |our |his |her |their |your |the )?time\b/,
    /\b(a waste|pointless|no point|meaningless|useless)\b/,
    /\b(kast(e|er|et|a)|kaster) bort (tid|tida|tiden)\b/,
    /\b(bortkastet|bortkasta) (tid|tida|tiden)\b/,
    /\b(sl(o|oe)sing|sl(o|oe)ser|sl(o|oe)ste) (med|av) (tid|tida|tiden)\b/,
    /\b(meningslost|poenglost|ingen vits|ingen hensikt)\b/,
  ],
  confidentiality: [
    new RegExp(String.raw`${NOT_ME}\b(told|tells|shared|shares|repeated|passed on|spread) (it |that |this |everything )?(to |with )?(my |his |her |their |the |all )?(colleagues|coworkers|co workers|boss|manager|office|others|other people|everyone|everybody|team)\b`),
    new RegExp(String.raw`${NOT_ME}\b(shared|repeated|told (them|others|people|everyone)|passed on) (what i (said|told|shared|wrote)|my (words|story|secret))\b`),
    /\b(broke|broken|breach(ed)?|betrayed) (of )?(my |our )?(trust|confidentiality|confidence)\b/,
    /\b(talk(s|ed|ing)? about me|gossip(ed|ing)?)\b/,
    new RegExp(String.raw`${NOT_ME}\b(fortalt|fortalte|forteller|sagt|sa) (det |dette |alt )?(videre)\b`),
    new RegExp(String.raw`${NOT_ME}\b(delt|delte|deler|gjentok|gjentatt) (det|alt|hva) (jeg|vi) (sa|sier|fortalte|skrev|delte)\b`),
    new RegExp(String.raw`${NOT_ME}\b(fortalt|fortalte|forteller) (det |alt )?(til )?(kollegene|kollegaene|kolleger|kollegaer|sjefen|andre|alle|lederen)\b`),
    /\b(brot|brutt|brudd pa|bryter) (taushetsplikten|taushetsplikt|tilliten|tillit|fortroligheten)\b/,
    /\b(sladre|sladret|sladrer|snakket om meg|snakker om meg|baksnakket)\b/,
  ],
  unsafe: [
    /\b(feel|feels|felt|feeling|am|im|i m) (so |very |really )?(unsafe|threatened|scared|afraid|frightened|harassed)\b/,
    /\bnot safe\b/,
    /\b(harass(ed|ment|ing|es)?|threaten(ed|ing|s)?|touched me|inappropriate|bullied|bullying|abuse[ds]?|abusive)\b/,
    /\b(afraid|scared|frightened) of (him|her|them|my mentor|my mentee)\b/,
    /\b(f(o|oe)ler|f(o|oe)lte|kjenner) meg (sa |veldig )?(utrygg|truet|redd|ukomfortabel|trakassert)\b/,
    /\b(utrygg|utrygt|ikke trygg|ikke trygt)\b/,
    /\b(trakasser(t|ing|er|te)?|truet|truer|trusler|upassende|mobbet|mobbing|overgrep)\b/,
    /\bredd (for|for a mote) (ham|han|henne|dem|mentoren|menteen)\b/,
  ],
};

/** Lower case, æøå and accents folded to plain letters, punctuation to spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .toLocaleLowerCase('nb')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/aa/g, 'a')
    .replace(/[’'`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Sentences and clauses ("…, but I want to quit" is its own clause). */
function clauses(text: string): string[] {
  return text
    .split(/[.!?;:\n]+|,|\b(?:but|men|though|however)\b/i)
    .map(fold)
    .filter((c) => c !== '');
}

function negated(clause: string, index: number, end: number): boolean {
  const before = clause.slice(Math.max(0, index - NEGATION_WINDOW), index);
  return NEGATION.test(before) || NEGATION_AFTER.test(clause.slice(end));
}

function fires(clause: string, rule: RegExp): boolean {
  const global = new RegExp(rule.source, 'g');
  for (const m of clause.matchAll(global)) {
    const hit = m[0];
    // A signal that is itself a negation ("ikke trygg", "ingen vits") is not turned around by it.
    if (NEGATION.test(hit) || !negated(clause, m.index ?? 0, (m.index ?? 0) + hit.length)) return true;
  }
  return false;
}

/** The kinds of concern the text signals, each once, in a fixed order. Pure: no IO, no AI. */
export function detectConcerns(text: string): ConcernKind[] {
  const parts = clauses(text);
  return KINDS.filter((kind) => parts.some((clause) => RULES[kind].some((rule) => fires(clause, rule))));
}
