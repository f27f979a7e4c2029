/**
 * Bolt's InstallationStore over Prisma, for multi-workspace (OAuth) installs: Slack's OAuth
 * redirect hands Bolt an Installation, Bolt calls storeInstallation, and every later event from
 * that workspace is authorised through fetchInstallation. One row per team, or per enterprise
 * for org-wide Enterprise Grid installs (Slack then sends events with the enterprise's id).
 *
 * On every store the workspace is registered as an Organisation (idempotent), so an install is
 * all it takes for a workspace to get service. The tokens are stored once, sealed under
 * SLACK_TOKEN_KEY (slack-secrets.ts); the `installation` JSON keeps everything else. When Slack
 * says the app was uninstalled, the row goes and the organisation is marked (workspaceRemoved).
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type InstallationTokens, joinTokens, seal, splitTokens, unseal } from './slack-secrets.js';

export interface SlackInstallationStoreOptions {
  /** Registers the workspace as an organisation; returns its id. */
  registerOrganisation(externalId: string, name: string): Promise<{ id: string }>;
  ids: { next(): string };
  /** SLACK_TOKEN_KEY (32 bytes). Without it nothing can be stored; single-workspace mode stores nothing. */
  tokenKey?: Buffer | undefined;
  clock?: { now(): Date };
}

/** Which workspace an install or a lifecycle event is about (Bolt's query, or an event's ids). */
export interface WorkspaceQuery {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** Org-wide installs are keyed by enterprise, all others by team (Bolt's own file store does the same). */
export function installationKey(q: WorkspaceQuery): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error('a Slack installation needs a team id or, for org-wide installs, an enterprise id');
}

/** The organisation's external id: the team, or the enterprise for org-wide installs (as inbound does). */
function tenantOf(q: WorkspaceQuery): string | undefined {
  return (q.isEnterpriseInstall ? q.enterpriseId : q.teamId) ?? q.enterpriseId;
}

type Row = { id: string; installationKey: string; sealedTokens: string | null; installation: Prisma.JsonValue };

export class PrismaSlackInstallationStore implements InstallationStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: SlackInstallationStoreOptions,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const isEnterpriseInstall = installation.isEnterpriseInstall === true;
    const teamId = installation.team?.id;
    const enterpriseId = installation.enterprise?.id;
    const key = installationKey({ teamId, enterpriseId, isEnterpriseInstall });
    const externalId = tenantOf({ teamId, enterpriseId, isEnterpriseInstall }) ?? '';
    const name = (isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? externalId;
    const organisation = await this.options.registerOrganisation(externalId, name);
    const data = { organisationId: organisation.id, teamId: teamId ?? null, enterpriseId: enterpriseId ?? null, isEnterpriseInstall, ...this.sealed(key, installation) };
    await this.prisma.$transaction([
      this.prisma.slackInstallation.upsert({ where: { installationKey: key }, create: { id: this.options.ids.next(), installationKey: key, ...data }, update: data }),
      // Installed (again): whatever app_uninstalled marked is over.
      this.prisma.organisation.update({ where: { id: organisation.id }, data: { uninstalledAt: null } }),
    ]);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const installation = await this.findInstallation(query);
    if (!installation) throw new Error('no Slack installation for this workspace');
    return installation;
  }

  /** The installation, or null when the workspace has none (a throw means the database failed). */
  async findInstallation(query: WorkspaceQuery): Promise<Installation | null> {
    const row = await this.find(query);
    return row ? this.open(row) : null;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const row = await this.find(query);
    if (row) await this.prisma.slackInstallation.delete({ where: { id: row.id } });
  }

  /**
   * The app was uninstalled or its bot token revoked: the installation (and its token) goes, and
   * the organisation is marked, in one transaction. Returns the organisation's id, if there is one.
   */
  async workspaceRemoved(query: WorkspaceQuery): Promise<string | null> {
    const externalId = tenantOf(query);
    if (!externalId) return null;
    const now = this.options.clock?.now() ?? new Date();
    const [, marked] = await this.prisma.$transaction([
      this.prisma.slackInstallation.deleteMany({ where: { installationKey: installationKey(query) } }),
      this.prisma.organisation.updateManyAndReturn({ where: { platform: 'slack', externalId }, data: { uninstalledAt: now }, select: { id: true } }),
    ]);
    return marked[0]?.id ?? null;
  }

  /** Single-workspace mode: the configured token works again (auth.test said so), so the mark goes. */
  async workspaceRestored(externalId: string): Promise<void> {
    await this.prisma.organisation.updateMany({ where: { platform: 'slack', externalId, uninstalledAt: { not: null } }, data: { uninstalledAt: null } });
  }

  /**
   * Rows stored before tokens were sealed hold them in plain text in `installation`: seal them
   * and take them out (at start-up, once the key is known). Returns how many rows it sealed.
   */
  async sealPlainRows(): Promise<number> {
    if (!this.options.tokenKey) return 0;
    const rows = await this.prisma.slackInstallation.findMany({ where: { sealedTokens: null } });
    let sealed = 0;
    for (const row of rows) {
      const data = this.sealed(row.installationKey, row.installation as unknown as Installation);
      // Only if still plain: another process may have sealed (or reinstalled) it meanwhile.
      const { count } = await this.prisma.slackInstallation.updateMany({ where: { id: row.id, sealedTokens: null }, data });
      sealed += count;
    }
    return sealed;
  }

  private sealed(key: string, installation: Installation): { sealedTokens: string; installation: Prisma.InputJsonValue } {
    const tokenKey = this.options.tokenKey;
    if (!tokenKey) throw new Error('SLACK_TOKEN_KEY is not set: Slack installations cannot be stored');
    const { rest, tokens } = splitTokens(installation);
    return { sealedTokens: seal(tokenKey, JSON.stringify(tokens), key), installation: rest as unknown as Prisma.InputJsonValue };
  }

  /** A row from before sealing still has its tokens in `installation`, and is read as it is. */
  private open(row: Row): Installation {
    const rest = row.installation as unknown as Installation;
    if (row.sealedTokens === null) return rest;
    if (!this.options.tokenKey) throw new Error('SLACK_TOKEN_KEY is not set: sealed Slack tokens cannot be read');
    return joinTokens(rest, JSON.parse(unseal(this.options.tokenKey, row.sealedTokens, row.installationKey)) as InstallationTokens);
  }

  /** An event from a workspace inside an org-wide install finds the enterprise's row. */
  private async find(query: WorkspaceQuery): Promise<Row | null> {
    const keys: string[] = [];
    if (query.isEnterpriseInstall && query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
    if (query.teamId) keys.push(`T:${query.teamId}`);
    if (query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
    for (const key of new Set(keys)) {
      const row = await this.prisma.slackInstallation.findUnique({ where: { installationKey: key } });
      if (row) return row;
    }
    return null;
  }
}
