/**
 * A feature that exists only for tests: a 1–5 rating question (answerable by a click or by
 * typing the number) and a shared "take this case" question for coordinators. Each answer is
 * recorded as an audit event, so tests can count exactly what happened.
 */
import { ALL_FEATURES } from '../../src/core/features/index.js';
import type { Feature } from '../../src/core/kernel/feature.js';

export const demoFeature: Feature = {
  name: 'demo',
  questions: [
    {
      kind: 'demo.rate',
      render: (_t, q) => ({
        text: `Rate ${String(q.data.label)}`,
        prompt: { id: q.id, spec: { kind: 'choice', options: ['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: v })) } },
      }),
      summary: (_t, q) => `Rate ${String(q.data.label)}`,
      async answer(turn, q, answer) {
        const value = answer.kind === 'choice' ? answer.values[0] : undefined;
        if (!value || !/^[1-5]$/.test(value)) {
          turn.say({ text: 'A number from 1 to 5, please.' });
          return { status: 'invalid' };
        }
        await turn.repos.audit.record({ organisationId: turn.organisation.id, actorPersonId: turn.person.id, action: 'demo:rated', subjectType: q.subjectType, subjectId: q.subjectId, data: { value: Number(value) } });
        turn.say({ text: `Thanks for rating ${String(q.data.label)}: ${value}` });
        return { status: 'answered' };
      },
      fromText: (text) => (/^\s*[1-9]\s*$/.test(text) ? { kind: 'choice', promptId: '', values: [text.trim()] } : null),
      async onExpired(work, q) {
        await work.repos.audit.record({ organisationId: work.organisation.id, actorPersonId: null, action: 'demo:expired', subjectType: q.subjectType, subjectId: q.subjectId });
      },
    },
    {
      kind: 'demo.case',
      render: (_t, q) => ({ text: `Case ${String(q.data.label)}`, prompt: { id: q.id, spec: { kind: 'choice', options: [{ value: 'take', label: 'I take it' }] } } }),
      summary: (_t, q) => `Case ${String(q.data.label)}`,
      async answer(turn, q) {
        await turn.repos.audit.record({ organisationId: turn.organisation.id, actorPersonId: turn.person.id, action: 'demo:taken', subjectType: q.subjectType, subjectId: q.subjectId });
        return { status: 'answered' };
      },
    },
  ],
};

export const FEATURES_WITH_DEMO: readonly Feature[] = [...ALL_FEATURES, demoFeature];
