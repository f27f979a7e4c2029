/**
 * Open questions: asking one, answering it once by its id, and its expiry. A question is a row
 * (OpenQuestion) owned by a feature's QuestionKind; the router sends a click here whenever its
 * prompt id is a question's, whatever else the person is doing, so a person can answer any
 * number of questions in any order beside their one typed conversation.
 */
import type { AnswerValue, Answers, OpenQuestion, Person } from '../domain.js';
import type { AnswerOutcome } from '../engine/engine.js';
import type { Turn } from '../engine/turn.js';
import type { Outbound } from '../messages.js';
import type { Feature, QuestionAnswer, QuestionKind } from './feature.js';
import type { Translate, Work } from './work.js';

/** Prompt ids of questions start with this; a flow's prompts with "p". */
export const QUESTION_PREFIX = 'q';
export const EXPIRE_QUESTION_JOB = 'kernel.expire-question';

export const isQuestionId = (promptId: string) => promptId.startsWith(QUESTION_PREFIX);

export interface AskSpec {
  kind: string;
  programmeId?: string | null;
  subjectType: string;
  subjectId: string;
  /** Who may answer: one person, or several (the first to answer wins). */
  audience: string[];
  data?: Answers;
  /** After this the question cannot be answered; the kind's onExpired runs once. */
  expiresAt?: Date | null;
}

/** Opens a question and sends it to each of its audience, each in their own language. */
export async function ask(work: Work, spec: AskSpec): Promise<OpenQuestion> {
  const kind = requireKind(work, spec.kind);
  const question: OpenQuestion = {
    id: `${QUESTION_PREFIX}${work.ids.next()}`,
    organisationId: work.organisation.id,
    programmeId: spec.programmeId ?? null,
    kind: spec.kind,
    subjectType: spec.subjectType,
    subjectId: spec.subjectId,
    audience: [...new Set(spec.audience)],
    data: spec.data ?? {},
    status: 'open',
    expiresAt: spec.expiresAt ?? null,
    answeredById: null,
    answeredAt: null,
    answer: null,
    createdAt: work.clock.now(),
  };
  await work.repos.questions.create(question);
  for (const personId of question.audience) await work.tell(personId, (t) => renderOpen(kind, t, question));
  if (question.expiresAt) {
    await work.schedule({ kind: EXPIRE_QUESTION_JOB, key: `expire:${question.id}`, dueAt: question.expiresAt, payload: { questionId: question.id } });
  }
  return question;
}

/** The question as `t`'s reader sees it, with live buttons (if it is still open). */
export function renderOpen(kind: QuestionKind, t: Translate, question: OpenQuestion): Outbound {
  const message = kind.render(t, question);
  return message.prompt ? { ...message, prompt: { ...message.prompt, id: question.id } } : message;
}

/**
 * Applies a person's answer to question `id`: answered once, by one person; a second click, a
 * retry, a click by someone not asked, or one after expiry is explained and changes nothing.
 */
export async function answerQuestion(turn: Turn, id: string, answer: QuestionAnswer): Promise<AnswerOutcome> {
  const org = turn.organisation.id;
  const question = await turn.repos.questions.get(org, id);
  const kind = question ? turn.registry.questions.get(question.kind) : undefined;
  if (!question || !kind || !question.audience.includes(turn.person.id)) return turn.engine.stale(turn);
  const claimed = await turn.repos.questions.claim(org, id, turn.person.id, answerValue(answer), turn.clock.now());
  if (!claimed) return explainClosed(turn, (await turn.repos.questions.get(org, id)) ?? question);
  const outcome = await kind.answer(turn, claimed, answer);
  if (outcome.status === 'invalid') {
    await turn.repos.questions.reopen(org, id);
    return { status: 'invalid', ...(outcome.fieldErrors ? { fieldErrors: outcome.fieldErrors } : {}) };
  }
  // Every copy (each coordinator's) loses its buttons and says who answered.
  const sections = kind.answeredSections ? await kind.answeredSections(turn, claimed) : null;
  for (const personId of claimed.audience) {
    await turn.tell(personId, (t) => {
      const shown = kind.render(t, claimed);
      const text = `${shown.text}\n${answeredLine(t, turn.person, personId)}`;
      return sections ? { ...(shown.title ? { title: shown.title } : {}), text, sections: sections(t), replacesPromptId: id } : { text, replacesPromptId: id };
    });
  }
  return { status: 'advanced' };
}

/** Typed words that answer one of the person's open questions ("3" for a rating), newest first. */
export async function answerFromText(turn: Turn, text: string): Promise<AnswerOutcome | null> {
  const open = await turn.repos.questions.listOpenFor(turn.organisation.id, turn.person.id, turn.clock.now());
  for (const question of open) {
    const answer = turn.registry.questions.get(question.kind)?.fromText?.(text, question);
    if (answer) return answerQuestion(turn, question.id, { ...answer, promptId: question.id });
  }
  return null;
}

/** What `help` lists as waiting for the person, one line each, newest first. */
export async function waitingLines(turn: Turn): Promise<string[]> {
  const open = await turn.repos.questions.listOpenFor(turn.organisation.id, turn.person.id, turn.clock.now());
  return open.flatMap((q) => {
    const kind = turn.registry.questions.get(q.kind);
    return kind ? [turn.t('questions.waitingItem', { what: kind.summary(turn.t, q) })] : [];
  });
}

/** The question a form dialog (a Slack modal) shows for `id`, if the person may still answer it. */
export async function openQuestionFor(turn: Turn, id: string): Promise<Outbound | null> {
  const q = await turn.repos.questions.get(turn.organisation.id, id);
  const kind = q ? turn.registry.questions.get(q.kind) : undefined;
  if (!q || !kind || q.status !== 'open' || !q.audience.includes(turn.person.id)) return null;
  if (q.expiresAt && q.expiresAt <= turn.clock.now()) return null;
  return renderOpen(kind, turn.t, q);
}

async function explainClosed(turn: Turn, question: OpenQuestion): Promise<AnswerOutcome> {
  if (question.status === 'answered' && question.answeredById === turn.person.id) {
    turn.say({ key: 'questions.alreadyAnsweredByYou' });
  } else if (question.status === 'answered') {
    // Someone else was first (two coordinators on one escalation): say who, so the other knows whom to ask.
    const by = question.answeredById ? await turn.personById(question.answeredById) : null;
    turn.say({ key: 'questions.answeredBy', params: { name: by?.displayName ?? '?', when: question.answeredAt ?? turn.clock.now() } });
  } else if (question.status === 'withdrawn') {
    turn.say({ key: 'questions.withdrawn' });
  } else {
    turn.say({ key: 'questions.expired' });
  }
  return { status: 'stale' };
}

function answeredLine(t: Translate, by: Person, reader: string): string {
  return reader === by.id ? t('questions.answeredMark') : t('questions.answeredByMark', { name: by.displayName });
}

function answerValue(answer: QuestionAnswer): AnswerValue {
  return answer.values;
}

function requireKind(work: Work, kind: string): QuestionKind {
  const found = work.registry.questions.get(kind);
  if (!found) throw new Error(`no feature declares question kind ${kind}`);
  return found;
}

/** The kernel's own feature: expiring questions that nobody answered in time. */
export const questionsFeature: Feature = {
  name: 'questions',
  jobs: [
    {
      kind: EXPIRE_QUESTION_JOB,
      async run(work, job) {
        const id = String(job.payload.questionId ?? '');
        const closed = await work.repos.questions.close(work.organisation.id, id, 'expired', work.clock.now());
        const kind = closed ? work.registry.questions.get(closed.kind) : undefined;
        if (!closed || !kind) return; // answered or withdrawn in time: nothing to do
        for (const personId of closed.audience) {
          await work.tell(personId, (t) => ({ text: `${kind.render(t, closed).text}\n${t('questions.expiredMark')}`, replacesPromptId: id }));
        }
        await kind.onExpired?.(work, closed);
      },
    },
  ],
};
