/**
 * The agreed goals with their progress, worked out from the agreement's words and the stored
 * updates (pure: no repositories here).
 *
 * Which goal an update belongs to: a key made of a hash of the goal's normalised words (case and
 * spacing ignored) and which copy of those words it is (two identical goals stay two). Not the
 * goal's position: when a later agreement drops goal 1, goals 2 and 3 move up and should keep
 * their progress; a position key would hand goal 2's history to what was goal 3. A reworded goal
 * gets a new key and starts at "not started": the bot cannot tell a sharpened goal from a new one,
 * and claiming progress on words nobody reported on would be worse than asking again. Only the
 * hash is stored with an update, never the words, so the row alone names nothing.
 */
import type { GoalStep, GoalUpdate } from './ports.js';

export interface GoalState {
  /** 0-based position in the current agreement. */
  index: number;
  text: string;
  key: string;
  step: GoalStep;
  /** When the step last changed (null: never updated). */
  changedAt: Date | null;
  /** This goal's updates, newest first. */
  history: GoalUpdate[];
}

const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');

/** FNV-1a, 32 bits, as 8 hex digits: enough to tell three goals of one pair apart. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Each goal's key, in the agreement's order. */
export function goalKeys(goals: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return goals.map((goal) => {
    const hash = fnv1a(normalise(goal));
    const copy = seen.get(hash) ?? 0;
    seen.set(hash, copy + 1);
    return `${hash}.${copy}`;
  });
}

/** The goals with their current step, when it last changed, and their history. */
export function goalStates(goals: readonly string[], updates: readonly GoalUpdate[]): GoalState[] {
  const keys = goalKeys(goals);
  return goals.map((text, index) => {
    const key = keys[index] as string;
    const mine = updates.filter((u) => u.goalKey === key).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    let step: GoalStep = 'not-started';
    let changedAt: Date | null = null;
    for (const update of mine) {
      if (update.step !== step) changedAt = update.createdAt;
      step = update.step;
    }
    return { index, text, key, step, changedAt, history: mine.reverse() };
  });
}
