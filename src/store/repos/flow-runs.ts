import type { FlowRun } from '../../core/domain.js';
import { ConcurrentUpdateError, type FlowRunRepo } from '../../core/ports.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { toFlowRun } from '../mappers.js';
import type { Db } from './db.js';

/** Newest first; ids break ties because they are sortable by creation. */
const NEWEST: Prisma.FlowRunOrderByWithRelationInput[] = [{ startedAt: 'desc' }, { id: 'desc' }];

/** The columns a step may change; identity columns (org, person, id) never move. */
function mutableColumns(run: FlowRun) {
  return {
    programmeId: run.programmeId,
    flowId: run.flowId,
    flowVersion: run.flowVersion,
    stepId: run.stepId,
    answers: run.answers as Prisma.InputJsonObject,
    promptId: run.promptId,
    status: run.status,
    finishedAt: run.finishedAt,
  };
}

export class PrismaFlowRunRepo implements FlowRunRepo {
  constructor(private readonly db: Db) {}

  async get(organisationId: string, id: string): Promise<FlowRun | null> {
    const row = await this.db.flowRun.findFirst({ where: { id, organisationId } });
    return row ? toFlowRun(row) : null;
  }

  async findActive(organisationId: string, personId: string): Promise<FlowRun | null> {
    const row = await this.db.flowRun.findFirst({ where: { organisationId, personId, status: 'active' }, orderBy: NEWEST });
    return row ? toFlowRun(row) : null;
  }

  async findByPrompt(organisationId: string, personId: string, promptId: string): Promise<FlowRun | null> {
    const row = await this.db.flowRun.findFirst({ where: { organisationId, personId, promptId }, orderBy: NEWEST });
    return row ? toFlowRun(row) : null;
  }

  async listByFlow(organisationId: string, flowId: string, status: FlowRun['status']): Promise<FlowRun[]> {
    const rows = await this.db.flowRun.findMany({
      where: { organisationId, flowId, status },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toFlowRun);
  }

  async create(run: FlowRun): Promise<FlowRun> {
    const row = await this.db.flowRun.create({
      data: {
        id: run.id,
        organisationId: run.organisationId,
        personId: run.personId,
        version: run.version,
        startedAt: run.startedAt,
        ...mutableColumns(run),
      },
    });
    return toFlowRun(row);
  }

  /**
   * Compare-and-set on `version`: a conditional UPDATE instead of read-then-write, so two
   * concurrent clicks on the same prompt cannot both pass; the loser sees count 0.
   */
  async save(run: FlowRun): Promise<FlowRun> {
    const { count } = await this.db.flowRun.updateMany({
      where: { id: run.id, organisationId: run.organisationId, version: run.version },
      data: { ...mutableColumns(run), version: { increment: 1 } },
    });
    if (count === 0) throw new ConcurrentUpdateError(`flow run ${run.id}`);
    return { ...run, version: run.version + 1 };
  }
}
