/** Training tests: a member taking a module screen by screen, the job runner, the programme's setting. */
import { DEFAULT_MATCHING_SETTINGS } from '../../src/core/features/matching/ports.js';
import { JobRunner } from '../../src/core/kernel/jobs/runner.js';
import type { Outbound } from '../../src/core/messages.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaJobQueue } from '../../src/store/job-queue.js';
import type { Chat, Harness } from '../support/harness.js';

/** What a person reads: no literal marks, no emphasis stars. */
export const plain = (s: string | undefined): string => (s ?? '').replace(/[\uE000\uE001*]/g, '');

export async function requireTraining(h: Harness, orgId: string, programmeId: string, required = true): Promise<void> {
  await h.store.transaction((r) => r.matchingSettings.save(orgId, { ...DEFAULT_MATCHING_SETTINGS, programmeId, trainingRequired: required }));
}

export function jobRunner(h: Harness): JobRunner {
  return new JobRunner({ queue: new PrismaJobQueue(h.prisma, h.clock), units: h.core.units, registry: h.core.registry, clock: h.clock, ids: createIdSource(), log: createLogger('silent') });
}

/** The newest message that asks something. */
export async function lastQuestion(chat: Chat): Promise<Outbound> {
  const all = await chat.all();
  const found = [...all].reverse().find((m) => m.prompt);
  if (!found) throw new Error(`${chat.user} has no question`);
  return found;
}

/** Clicks "Next" through a module's screens, then "Finish"; returns the screens' texts. */
export async function readScreens(chat: Chat): Promise<string[]> {
  const screens: string[] = [];
  for (let i = 0; i < 10; i += 1) {
    const q = await lastQuestion(chat);
    const option = q.prompt?.spec.kind === 'choice' ? q.prompt.spec.options[0] : undefined;
    if (!option || (option.value !== 'next' && option.value !== 'finish')) throw new Error(`not a screen: ${q.text}`);
    screens.push(q.text);
    await chat.click(option.value);
    if (option.value === 'finish') return screens;
  }
  throw new Error('a module with more than ten screens');
}

/** Takes the module the flow is on: its screens, then the reflection typed (or skipped). */
export async function takeModule(chat: Chat, reflection = 'skip'): Promise<string[]> {
  const screens = await readScreens(chat);
  await chat.say(reflection);
  return screens;
}

/** The training records of a membership, oldest first. */
export function recordsOf(h: Harness, membershipId: string) {
  return h.prisma.trainingRecord.findMany({ where: { membershipId }, orderBy: { completedAt: 'asc' } });
}
