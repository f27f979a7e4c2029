/**
 * Bolt's InstallationStore over Prisma, for multi-workspace (OAuth) installs: Slack's OAuth
 * redirect hands Bolt an Installation, Bolt calls storeInstallation, and every later event from
 * that workspace is authorised through fetchInstallation. One row per team, or per enterprise
 * for org-wide Enterprise Grid installs (Slack then sends events with the enterprise's id).
 *
 * On every store the workspace is registered as an Organisation (idempotent), so an install is
 * all it takes for a workspace to get service.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';

export interface SlackInstallationStoreOptions {
  /** Registers the workspace as an organisation; returns its id. */
  registerOrganisation(externalId: string, name: string): Promise<{ id: string }>;
  ids: { next(): string };
}

/** Org-wide installs are keyed by enterprise, all others by team (Bolt's own file store does the same). */
export function installationKey(q: { teamId?: string | undefined; enterpriseId?: string | undefined; isEnterpriseInstall?: boolean | undefined }): string {
  if (q.isEnterpriseInstall && q.enterpriseId) return `E:${q.enterpriseId}`;
  if (q.teamId) return `T:${q.teamId}`;
  throw new Error('a Slack installation needs a team id or, for org-wide installs, an enterprise id');
}

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
    // Tenant = team id; an org-wide install has none, so its enterprise id stands in (as inbound does).
    const externalId = (isEnterpriseInstall ? enterpriseId : teamId) ?? enterpriseId ?? '';
    const name = (isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name) ?? externalId;
    const organisation = await this.options.registerOrganisation(externalId, name);
    const data = {
      organisationId: organisation.id,
      teamId: teamId ?? null,
      enterpriseId: enterpriseId ?? null,
      isEnterpriseInstall,
      botToken: installation.bot?.token ?? null,
      installation: installation as unknown as Prisma.InputJsonValue,
    };
    await this.prisma.slackInstallation.upsert({
      where: { installationKey: key },
      create: { id: this.options.ids.next(), installationKey: key, ...data },
      update: data,
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const row = await this.find(query);
    if (!row) throw new Error('no Slack installation for this workspace');
    return row.installation as unknown as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const row = await this.find(query);
    if (row) await this.prisma.slackInstallation.delete({ where: { id: row.id } });
  }

  /** An event from a workspace inside an org-wide install finds the enterprise's row. */
  private async find(query: InstallationQuery<boolean>) {
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
