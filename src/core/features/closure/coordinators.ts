/**
 * Telling a programme's active coordinators something from any unit of work (a job has no
 * person, so programmes/coordinating.ts's tellOtherCoordinators, which takes a Turn, does not
 * fit). Closure's own: matching and leaving tell coordinators their own way.
 */
import type { Translate, Work } from '../../kernel/work.js';

export async function tellCoordinators(work: Work, programmeId: string, build: (t: Translate) => string, except: string | null = null): Promise<void> {
  const coordinators = await work.repos.memberships.listForProgramme(work.organisation.id, programmeId, { role: 'coordinator', status: 'active' });
  for (const c of coordinators) if (c.personId !== except) await work.tell(c.personId, (t) => ({ text: build(t) }));
}
