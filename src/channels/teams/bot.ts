/**
 * One Teams turn: parse the activity, hand it to the core, and answer invokes.
 *
 * Invoke responses: Teams waits only a few seconds for the answer to an `adaptiveCard/action`
 * invoke and shows an error on the card otherwise. We answer as soon as the core has committed
 * (one database transaction; nothing Teams hears "received" for is lost, and a failed turn is a
 * 500 that Teams delivers again), with a short "Got it" message response; the real reply and the
 * answered card arrive through the outbox a moment later. Answering with the updated card here
 * would mean rendering outside the outbox, and a slow database would then cost the person an
 * error on the card instead of a short delay.
 */
import { ActivityTypes, type InvokeResponse, TurnContext } from 'botbuilder';
import type { HandleResult, MentorBridgeCore } from '../../core/app.js';
import type { Inbound } from '../../core/messages.js';
import { pickLocale } from '../../core/kernel/people.js';
import { plainText, withoutMarks } from '../../core/kernel/rich-text.js';
import type { Logger, Texts } from '../../core/ports.js';
import { activitySchema, type TeamsActivity, toInbound } from './activities.js';
import type { TeamsAppType } from './adapter.js';

export interface TenantPolicy {
  appId?: string | undefined;
  appType: TeamsAppType;
  tenantId?: string | undefined;
}

/**
 * Whether a tenant we have not seen may be registered on first contact. Installing the app in a
 * tenant takes that tenant's admin (or a user the admin allows), so the install is the consent:
 * a multi-tenant app serves every tenant that installs it; a single-tenant or managed-identity
 * app only its own. With authentication off (local testing) anything goes.
 */
export function tenantAllowed(policy: TenantPolicy, tenant: string): boolean {
  if (!policy.appId) return true;
  if (policy.appType === 'MultiTenant') return true;
  return policy.tenantId !== undefined && policy.tenantId.toLowerCase() === tenant.toLowerCase();
}

export interface TeamsBotDeps {
  core: Pick<MentorBridgeCore, 'handleInbound' | 'registerOrganisation'>;
  /**
   * How a turn's inbound is worked: the inbox's handleNow (in turn with the rest, a person's in
   * order, several people per transaction), resolving once committed; core.handleInbound when absent.
   */
  work?: (inbound: Inbound) => Promise<HandleResult>;
  /**
   * A message (not an invoke, whose answer needs the work's outcome) is stored in the inbox and
   * Teams answered at once; the work follows. A throw (the database is down) is a 500, and Teams
   * delivers it again. Absent: every activity is worked before Teams is answered.
   */
  inbox?: {
    accept(inbound: Inbound): Promise<{ status: string; issues?: string }>;
    /** Tenants this process has made sure have an organisation (a message is stored before it is looked up). */
    ready: Set<string>;
  };
  texts: Texts;
  defaultLocale: string;
  tenants: TenantPolicy;
  log: Logger;
}

export async function onTeamsTurn(context: TurnContext, deps: TeamsBotDeps): Promise<void> {
  const parsed = activitySchema.safeParse(context.activity);
  if (!parsed.success) {
    deps.log.warn('teams activity not understood', { channel: 'teams', type: context.activity?.type, issues: parsed.error.issues.map((i) => i.path.join('.')).join(',') });
    if (context.activity?.type === ActivityTypes.Invoke) await answerInvoke(context, { status: 400 });
    return;
  }
  const activity = parsed.data;
  // The reference is what we need to write to this person later; the inbound's own id is not.
  const { activityId: _inboundId, ...reference } = TurnContext.getConversationReference(context.activity);
  const inbound = toInbound(activity, reference);
  if (inbound && deps.inbox && activity.type === ActivityTypes.Message) return accept(inbound, deps, deps.inbox);
  const result = inbound ? await handle(inbound, activity, deps) : null;
  if (activity.type === ActivityTypes.Invoke) await answerInvoke(context, invokeResponse(activity, result, deps));
}

async function handle(inbound: Inbound, activity: TeamsActivity, deps: TeamsBotDeps): Promise<HandleResult> {
  const work = deps.work ?? ((i: Inbound) => deps.core.handleInbound(i));
  let result = await work(inbound);
  if (result.status === 'unknown-organisation') {
    const tenant = inbound.tenant;
    if (!tenantAllowed(deps.tenants, tenant)) {
      deps.log.warn('teams tenant not allowed', { channel: 'teams', tenant, appType: deps.tenants.appType });
      return result;
    }
    const name = withoutMarks(deps.texts.t(deps.defaultLocale, 'teams.organisationName', { tenant }));
    const org = await deps.core.registerOrganisation({ platform: 'teams', externalId: tenant, name });
    deps.log.info('teams organisation registered', { channel: 'teams', organisationId: org.id, via: activity.type });
    result = await work(inbound);
  }
  if (result.status === 'invalid') deps.log.warn('teams inbound invalid', { channel: 'teams', type: activity.type, issues: result.issues });
  return result;
}

/** Stores a message for the inbox to work after Teams has its 200; its tenant's organisation first, once per process. */
async function accept(inbound: Inbound, deps: TeamsBotDeps, inbox: NonNullable<TeamsBotDeps['inbox']>): Promise<void> {
  const tenant = inbound.tenant;
  if (!inbox.ready.has(tenant)) {
    if (tenantAllowed(deps.tenants, tenant)) {
      // Stored, not shown through spans: without the marks around the interpolated tenant id.
      const name = withoutMarks(deps.texts.t(deps.defaultLocale, 'teams.organisationName', { tenant }));
      const org = await deps.core.registerOrganisation({ platform: 'teams', externalId: tenant, name });
      deps.log.info('teams organisation ready', { channel: 'teams', organisationId: org.id });
      inbox.ready.add(tenant);
    } else {
      // An organisation made earlier is still served; an unknown one is dropped when worked.
      deps.log.warn('teams tenant not allowed', { channel: 'teams', tenant, appType: deps.tenants.appType });
    }
  }
  const outcome = await inbox.accept(inbound);
  if (outcome.status === 'invalid') deps.log.warn('teams inbound invalid', { channel: 'teams', type: 'message', issues: outcome.issues });
}

/** The invoke's HTTP answer, in the Universal Actions shape Teams expects. */
function invokeResponse(activity: TeamsActivity, result: HandleResult | null, deps: TeamsBotDeps): InvokeResponse {
  if (activity.name !== 'adaptiveCard/action') return { status: 200 };
  const locale = pickLocale(activity.locale, deps.texts, deps.defaultLocale);
  if (!result) return { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'not a Mentor Bridge action' } } };
  if (result.status === 'unknown-organisation') return { status: 200, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { code: 'Forbidden', message: 'this tenant is not served' } } };
  let value = deps.texts.t(locale, 'teams.received');
  if (result.status === 'handled' && result.fieldErrors) {
    const details = Object.values(result.fieldErrors).join(' ');
    value = deps.texts.t(locale, 'teams.formInvalid', { details });
  }
  // Teams shows this string as it is: plain words, no markers, no literal marks.
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: plainText(value) } };
}

async function answerInvoke(context: TurnContext, response: InvokeResponse): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: response });
}
