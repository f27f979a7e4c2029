/**
 * A preparation or a reflection is its author's alone. After saving, the author is asked once
 * whether to share it with the partner: sharing sends the partner a card with the words (each a
 * literal, so nothing typed can format or link) and records sharedAt; keeping it private changes
 * nothing. The question's data holds ids; the partner's name is put into the queued copy only
 * (fillCard), so no stored question names anyone.
 */
import type { QuestionKind } from '../../kernel/feature.js';
import { ask } from '../../kernel/questions.js';
import { literal } from '../../kernel/rich-text.js';
import type { Work } from '../../kernel/work.js';
import { detectConcerns, raiseEscalation } from '../escalations/raise.js';
import { fillCard } from '../matching/cards.js';
import { bothSides } from '../journey/agreement-confirm.js';
import type { Pair, PairRole } from '../journey/guide-pairs.js';
import { FIELDS } from './forms.js';
import type { Reflection, ReflectionKind } from './ports.js';

export const SHARE_KIND = 'reflections.share';

export async function askShare(work: Work, pair: Pair, reflectionId: string, kind: ReflectionKind): Promise<void> {
  const question = await ask(work, {
    kind: SHARE_KIND,
    programmeId: pair.match.programmeId,
    subjectType: 'reflection',
    subjectId: reflectionId,
    audience: [pair.mine.personId],
    data: { reflectionId, matchId: pair.match.id, membershipId: pair.mine.id, kind },
  });
  const reader = await work.personById(pair.mine.personId);
  if (!reader) return;
  const t = work.tFor(reader);
  fillCard(work, question.id, pair.mine.personId, (copy) => ({ ...copy, text: t(`reflections.shareAsk_${kind}`, { name: pair.partnerName }) }));
}

/** The card the partner gets: the author's words under the questions they answered. */
async function sendToPartner(work: Work, reflection: Reflection, role: PairRole, partnerPersonId: string, authorName: string): Promise<void> {
  await work.tell(partnerPersonId, (t) => ({
    title: t(`reflections.sharedTitle_${reflection.kind}`, { name: authorName }),
    text: t('reflections.sharedText', { name: authorName }),
    sections: FIELDS[reflection.kind][role].filter((f) => reflection.answers[f]).map((f) => ({ heading: t(`reflections.f_${f}`), text: literal(reflection.answers[f] ?? '') })),
  }));
}

export const shareKind: QuestionKind = {
  kind: SHARE_KIND,
  render: (t, q) => ({
    text: t(`reflections.shareAskNoName_${q.data.kind === 'preparation' ? 'preparation' : 'reflection'}`),
    context: [t('reflections.sharePrivate')],
    prompt: {
      id: q.id,
      spec: {
        kind: 'choice',
        options: [
          { value: 'share', label: t('reflections.share') },
          { value: 'private', label: t('reflections.keepPrivate') },
        ],
      },
    },
  }),
  summary: (t) => t('reflections.shareSummary'),
  async answer(turn, q, answer) {
    const value = answer.kind === 'choice' ? answer.values[0] : undefined;
    if (value !== 'share' && value !== 'private') return { status: 'invalid' };
    if (value === 'private') {
      turn.say({ key: 'reflections.keptPrivate' });
      return { status: 'answered' };
    }
    const org = turn.organisation.id;
    const membershipId = String(q.data.membershipId ?? '');
    const reflection = await turn.repos.reflections.get(org, membershipId, String(q.data.reflectionId ?? ''));
    const sides = reflection ? await bothSides(turn, reflection.matchId, reflection.programmeId) : [];
    const mine = sides.find((s) => s.personId === turn.person.id && s.pair.mine.id === membershipId);
    const partner = sides.find((s) => s !== mine);
    if (!reflection || !mine || !partner) {
      turn.say({ key: 'reflections.pairGone' });
      return { status: 'answered' };
    }
    const shared = await turn.repos.reflections.markShared(org, membershipId, reflection.id, turn.clock.now());
    if (shared) await sendToPartner(turn, shared, mine.pair.role, partner.personId, partner.pair.partnerName);
    // Words that signal trouble reach the coordinators as a concern only: they were shared with the partner, not with them.
    const concerns = shared ? detectConcerns(Object.values(shared.answers).join('\n')) : [];
    if (shared && concerns.length > 0) await raiseEscalation(turn, { programmeId: shared.programmeId, matchId: shared.matchId, membershipId, trigger: 'words', concerns, sharedWords: null, sourceKey: `reflection:${shared.id}` });
    turn.say({ key: 'reflections.sharedDone', params: { name: mine.pair.partnerName } });
    return { status: 'answered' };
  },
};
