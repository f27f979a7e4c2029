/**
 * The features' contributions, indexed once at start-up. Duplicate names are a programming
 * error, refused at start rather than silently shadowing each other.
 */
import { FlowEngine } from '../engine/engine.js';
import type { FlowDefinition } from '../engine/types.js';
import type { CommandDef, Feature, JobKind, QuestionKind } from './feature.js';

export class Registry {
  readonly flows = new Map<string, FlowDefinition>();
  readonly commands = new Map<string, CommandDef>();
  readonly questions = new Map<string, QuestionKind>();
  readonly jobs = new Map<string, JobKind>();
  /** Runs every feature's flows (a person's one typed conversation). */
  readonly engine: FlowEngine;

  constructor(readonly features: readonly Feature[]) {
    for (const feature of features) {
      for (const flow of feature.flows ?? []) add(this.flows, flow.id, flow, feature.name);
      for (const command of feature.commands ?? []) add(this.commands, command.name, command, feature.name);
      for (const question of feature.questions ?? []) add(this.questions, question.kind, question, feature.name);
      for (const job of feature.jobs ?? []) add(this.jobs, job.kind, job, feature.name);
    }
    this.engine = new FlowEngine([...this.flows.values()]);
  }
}

function add<T>(map: Map<string, T>, key: string, value: T, feature: string): void {
  if (map.has(key)) throw new Error(`feature ${feature}: "${key}" is declared twice`);
  map.set(key, value);
}
