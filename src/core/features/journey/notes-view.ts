/**
 * `my notes`: the person's own notes from the meeting guide, per pair and step. Only the
 * author's notes exist for this command (the repository is asked by the author's membership),
 * so a partner's notes cannot appear here whatever the pair.
 */
import type { Turn } from '../../engine/turn.js';
import { GUIDE_CONTEXT, GUIDE_STEPS } from './guide-steps.js';
import { pairsOf } from './guide-pairs.js';

export async function myNotesCommand(turn: Turn): Promise<void> {
  const pairs = await pairsOf(turn, turn.person.id);
  if (pairs.length === 0) return turn.say({ key: 'guide.noPair' });
  const blocks: string[] = [];
  for (const pair of pairs) {
    const notes = await turn.repos.notes.listByAuthor(turn.organisation.id, pair.mine.id, pair.match.id, GUIDE_CONTEXT);
    const header = turn.t('guide.notesFor', { name: pair.partnerName, programme: pair.programmeName });
    if (notes.length === 0) {
      blocks.push(`${header}\n${turn.t('guide.notesNone')}`);
      continue;
    }
    // In the guide's order, whatever order they were written in.
    const lines = GUIDE_STEPS.flatMap((s, i) => notes.filter((n) => n.step === s.id).map((n) => turn.t('guide.notesStep', { number: i + 1, name: turn.t(s.name), text: n.text })));
    blocks.push([header, ...lines].join('\n'));
  }
  turn.say({ text: [turn.t('guide.notesTitle'), ...blocks].join('\n\n'), context: [turn.t('guide.notesPrivate')] });
}
