/**
 * Answers whatever the bot asks, the way a person would in Slack: buttons by value, ticks and
 * submit for multi questions, the "fill in" button and a filled modal for forms.
 */
import { expect } from 'vitest';
import type { Element, Modal, SlackPerson } from './person.js';

/** A valid value for every kind of modal input, unless `given` names one. */
export function fillModal(modal: Modal, given: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const block of modal.blocks) {
    if (block.type !== 'input' || !block.block_id) continue;
    const element = block.element as Element;
    const first = element.options?.[0]?.text.text ?? '';
    const fallback: Record<string, string | string[]> = { plain_text_input: 'Something true', number_input: '3', datepicker: '2027-01-15', static_select: first, multi_static_select: [first], checkboxes: [first] };
    out[block.block_id] = given[block.block_id] ?? fallback[element.type] ?? '';
  }
  return out;
}

export interface SignUpPlan {
  /** Button values to press when offered (role, consent…); otherwise the first button. */
  prefer: string[];
  /** Values for form fields by name. */
  fields?: Record<string, string | string[]>;
  /** Text that ends the sign-up. */
  done: string | RegExp;
}

/** Answers questions until `plan.done` shows up; returns how many questions were answered. */
export async function answerUntilDone(person: SlackPerson, plan: SignUpPlan, maxQuestions = 12): Promise<number> {
  for (let answered = 0; answered < maxQuestions; answered += 1) {
    const q = await person.nextQuestion(plan.done);
    if (!q) return answered;
    const elements = q.actions.elements ?? [];
    if (elements.some((e) => e.action_id.startsWith('mb:form:'))) {
      const modal = await person.openForm(q);
      const res = await person.submit(modal, fillModal(modal, plan.fields));
      expect(res.status).toBe(200);
      expect(res.text, `the ${modal.title.text} form was refused`).toBe('');
    } else if (elements.some((e) => e.action_id.startsWith('mb:multisubmit:'))) {
      const first = elements[0]?.options?.[0]?.text.text ?? '';
      expect((await person.tickAndSubmit(q, [first])).status).toBe(200);
    } else {
      const value = plan.prefer.find((v) => elements.some((e) => e.value === v)) ?? elements[0]?.value ?? '';
      expect((await person.click(q, value)).status).toBe(200);
    }
  }
  throw new Error(`not done after ${maxQuestions} questions`);
}
