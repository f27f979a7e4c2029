/**
 * view_submission of a form modal. Unlike clicks, this one is worked before it is acknowledged
 * (one short transaction, which writes its inbox row done), because the acknowledgement is the
 * answer: either the per-field errors (`response_action: "errors"`, keyed by block id = field
 * name, shown under the fields) or an empty ack that closes the modal. If the work fails, the
 * listener throws, Slack shows an error in the modal and the person can submit again.
 */
import { createHash } from 'node:crypto';
import type { App } from '@slack/bolt';
import { z } from 'zod';
import { FORM_CALLBACK_ID } from '../ids.js';
import { type FormSpec, type InputState, modalErrors, readSubmission, resolveByIndex } from '../modal.js';
import { tenantOf, toInbound, viewer, viewSubmissionSchema } from '../parse.js';
import { handleNow, type ListenerDeps, rejected, withProfile } from './deps.js';

const metadataSchema = z.object({ promptId: z.string().min(1).max(200), channel: z.string().optional() });

export function register(app: App, deps: ListenerDeps): void {
  app.view(FORM_CALLBACK_ID, async ({ ack, body }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const meta = parsed.success ? metadataSchema.safeParse(safeJson(parsed.data.view.private_metadata)) : null;
    const tenant = parsed.success ? tenantOf(parsed.data.team?.id ?? parsed.data.user.team_id, parsed.data.enterprise?.id) : null;
    if (!parsed.success || !meta?.success || !tenant) {
      await ack();
      if (!parsed.success) rejected(deps, 'view_submission', parsed.error.issues);
      return;
    }
    const { view, user } = parsed.data;
    const who = { id: user.id, name: user.name ?? user.username, dm: meta.data.channel };
    const submission = readSubmission(view.state.values as Record<string, Record<string, InputState>>);
    const form = submission.byIndex.length ? await openForm(deps, tenant, who, meta.data.promptId) : null;
    const values = resolveByIndex(submission, form);
    // view.id + view.hash name the modal as shown; a corrected resubmission of the same modal keeps
    // both (errors do not change the view), so the submitted values are part of the key too.
    const key = `view:${view.id}:${view.hash}:${digest(view.state.values)}`;
    // Urgent: Slack waits for this ack (3 seconds at most) to show errors or close the modal.
    const result = await handleNow(deps, toInbound(key, tenant, who, { kind: 'form', promptId: meta.data.promptId, values }));
    if (result.status === 'handled' && result.fieldErrors && Object.keys(result.fieldErrors).length > 0) {
      await ack(modalErrors(result.fieldErrors));
      return;
    }
    await ack();
  });
}

async function openForm(deps: ListenerDeps, tenant: string, user: { id: string }, promptId: string): Promise<FormSpec | null> {
  const who = await withProfile(deps, viewer(tenant, user), true);
  const question = await deps.inbox.run(() => deps.core.currentQuestion(who, promptId), true);
  const spec = question?.prompt?.spec;
  return spec?.kind === 'form' ? spec : null;
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // not our metadata: the submission is ignored below
  }
}
