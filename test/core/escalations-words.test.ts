/**
 * The rules that find a concern in words (no AI): real phrasing from the seeds and the issue in
 * English and Norwegian fires; a plain negation, quitting a habit or a job, and ordinary talk do not.
 */
import { describe, expect, it } from 'vitest';
import { detectConcerns } from '../../src/core/features/escalations/words.js';

const FIRES: [string, string][] = [
  // wanting to quit
  ['I already want to quit everything', 'quit'],
  ['Honestly I am thinking about quitting.', 'quit'],
  ['I want to leave the programme', 'quit'],
  ['Jeg vil slutte', 'quit'],
  ['jeg vil slutte.', 'quit'],
  ['JEG VIL SLUTTE!!!', 'quit'],
  ['Jeg har lyst til å slutte med dette', 'quit'],
  ['jeg har lyst til a slutte', 'quit'],
  ['Jeg tenker på å slutte', 'quit'],
  ['Jeg gir opp.', 'quit'],
  ['Jeg orker ikke mer', 'quit'],
  // wasted time
  ['I feel like I’m wasting my time', 'wasted-time'],
  ["I feel like I'm wasting my time … I already want to quit everything", 'wasted-time'],
  ['This is a waste of time', 'wasted-time'],
  ['Jeg kaster bort tiden min', 'wasted-time'],
  ['jeg føler at jeg kaster bort tiden min', 'wasted-time'],
  ['Det er bortkastet tid', 'wasted-time'],
  ['Det er sløsing med tid', 'wasted-time'],
  ['det er sloesing med tid', 'wasted-time'],
  // a breach of confidentiality (the seeds' mentor repeating her words in the office)
  ['He told my colleagues what I said', 'confidentiality'],
  ['My mentor shared what I said with his team', 'confidentiality'],
  ['She broke my trust', 'confidentiality'],
  ['Han fortalte det videre', 'confidentiality'],
  ['Mentoren min har fortalt det videre til kollegene', 'confidentiality'],
  ['Hun delte det jeg sa på kontoret', 'confidentiality'],
  ['Han brøt taushetsplikten', 'confidentiality'],
  // feeling unsafe
  ['I feel unsafe with him', 'unsafe'],
  ['I am scared of my mentor', 'unsafe'],
  ['Jeg føler meg utrygg', 'unsafe'],
  ['Jeg føler meg ikke trygg', 'unsafe'],
  ['jeg foler meg truet', 'unsafe'],
  ['Han har trakassert meg', 'unsafe'],
];

const QUIET = [
  "I don't want to quit",
  'I do not want to quit, it is hard but good',
  'I will never give up',
  'Jeg vil ikke slutte',
  'jeg slutter ikke',
  'Jeg skal aldri gi opp',
  'I want to quit smoking before the interview',
  'She wants to quit her job at the shop', // a job, not the programme: a topic, not a signal
  'Jeg vil slutte å røyke',
  'Jeg sluttet i jobben i fjor',
  'It was not a waste of time at all',
  'Jeg kaster ikke bort tiden min her',
  'I told my colleagues about the programme', // her own telling
  'I feel safe and welcome',
  'Jeg føler meg trygg',
  'We talked about my CV and the interview next week',
  'Vi snakket om CV og intervjuet neste uke',
  'Great meeting, learned a lot',
  '',
];

describe('detectConcerns', () => {
  it.each(FIRES)('"%s" → %s', (text, kind) => {
    expect(detectConcerns(text)).toContain(kind);
  });

  it.each(QUIET)('"%s" → nothing', (text) => {
    expect(detectConcerns(text)).toEqual([]);
  });

  it('finds several kinds in one text, each once, in a fixed order', () => {
    expect(detectConcerns("I feel like I'm wasting my time … I already want to quit everything. I'm wasting my time!")).toEqual(['quit', 'wasted-time']);
  });

  it('reads each clause on its own: a "not" in one does not cancel the next', () => {
    expect(detectConcerns("It's not about the CV, but I want to quit")).toEqual(['quit']);
    expect(detectConcerns('Det er ikke lett. Jeg vil slutte')).toEqual(['quit']);
  });
});
