/**
 * The Teams channel wired the way src/main.ts wires it — real core, real database (PGlite in
 * memory), real outbox dispatcher, real CloudAdapter behind the shared HTTP server — but with
 * the pieces in reach, so a test can create a programme through the store, kick the outbox, or
 * read the log lines.
 */
import { join } from 'node:path';
import { createTeamsChannel, type TeamsAuthSettings } from '../../../src/channels/teams/index.js';
import { createCore, type MentorBridgeCore } from '../../../src/core/app.js';
import { EMPTY_PROFILE } from '../../../src/core/domain.js';
import { OutboxDispatcher } from '../../../src/core/outbox/dispatcher.js';
import type { Clock, IdSource, Store } from '../../../src/core/ports.js';
import { createHttpServer } from '../../../src/http/server.js';
import { CatalogueTexts, loadCatalogues } from '../../../src/i18n/texts.js';
import { createFileLinks, type FileLinks } from '../../../src/files/links.js';
import { createIdSource } from '../../../src/ids.js';
import { createLogger } from '../../../src/log.js';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { PrismaFileReader } from '../../../src/store/file-reader.js';
import { PrismaOutboxQueue } from '../../../src/store/outbox-queue.js';
import { PrismaStore } from '../../../src/store/prisma-store.js';
import { PrismaTeamsReferences } from '../../../src/store/teams-references.js';
import { createTestDatabase } from '../db.js';

export const PROMPTS = join(import.meta.dirname, '../../../prompts');
export const texts = new CatalogueTexts(loadCatalogues(PROMPTS), 'nb', 'Europe/Oslo');

export interface TeamsTestApp {
  url: string;
  core: MentorBridgeCore;
  store: Store;
  prisma: PrismaClient;
  ids: IdSource;
  dispatcher: OutboxDispatcher;
  /** The signer the channel's file links were made with (verify them with it). */
  links: FileLinks;
  /** Every JSON log line written, parsed. */
  logs: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

const clock: Clock = { now: () => new Date() };

/** `deliver: false` leaves the outbox undelivered (tests of inbound only: no token fetch for replies). */
export async function startTeamsTestApp(auth: Partial<TeamsAuthSettings> = {}, options: { deliver?: boolean } = {}): Promise<TeamsTestApp> {
  const db = await createTestDatabase();
  const logs: Array<Record<string, unknown>> = [];
  const log = createLogger('info', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const ids = createIdSource(() => clock.now().getTime());
  const store = new PrismaStore(db.prisma, { ids, clock });
  const links = createFileLinks('test-file-link-secret-of-32-chars!', 'https://mentor.example.test');
  const files = new PrismaFileReader(db.prisma);
  const channel = createTeamsChannel({ auth: { appType: 'MultiTenant', ...auth }, texts, defaultLocale: 'nb', references: new PrismaTeamsReferences(db.prisma), log, wake: () => kick(), files, links });
  const dispatcher = new OutboxDispatcher(new PrismaOutboxQueue(db.prisma), options.deliver === false ? [] : [channel.sender], clock, log);
  const kick = () => void dispatcher.kick().catch((error: unknown) => log.error('outbox dispatch failed', { error }));
  const core = createCore({ store, clock, ids, texts, log, defaults: { locale: 'nb', timeZone: 'Europe/Oslo' }, onOutbox: kick });
  const http = createHttpServer({ host: '127.0.0.1', port: 0, log });
  channel.register(http, core);
  const { url } = await http.start();
  return {
    url,
    core,
    store,
    prisma: db.prisma,
    ids,
    dispatcher,
    links,
    logs,
    async stop() {
      await http.close();
      await db.close();
    },
  };
}

/** A Teams organisation with an open programme "Mentorprogram høst 2026" (join code DEMO2026) run by a coordinator. */
export async function seedProgramme(app: TeamsTestApp, tenant: string, coordinator: { aadObjectId: string; name: string }): Promise<{ organisationId: string; coordinatorId: string }> {
  const org = await app.core.registerOrganisation({ platform: 'teams', externalId: tenant, name: 'Contoso' });
  return app.store.transaction(async (repos) => {
    const now = new Date();
    const person = await repos.people.create({ id: app.ids.next(), organisationId: org.id, displayName: coordinator.name, locale: 'nb', timeZone: 'Europe/Oslo' });
    // Known by their Entra object id (e.g. imported by an admin) but never wrote to the bot: no address.
    await repos.identities.create({ id: app.ids.next(), organisationId: org.id, personId: person.id, platform: 'teams', externalUserId: coordinator.aadObjectId, address: null });
    const programme = await repos.programmes.create({
      id: app.ids.next(),
      organisationId: org.id,
      name: 'Mentorprogram høst 2026',
      purpose: 'Hjelpe nyankomne inn i relevant arbeid i Norge.',
      startsOn: '2026-08-17',
      endsOn: '2026-12-18',
      meetingFrequency: 'biweekly',
      joinCode: 'DEMO2026',
      status: 'open',
      createdById: person.id,
    });
    await repos.memberships.create({
      id: app.ids.next(),
      organisationId: org.id,
      programmeId: programme.id,
      personId: person.id,
      role: 'coordinator',
      status: 'active',
      consentedAt: now,
      consentVersion: null,
      profileDoneAt: now,
      profile: { ...EMPTY_PROFILE, fullName: coordinator.name },
      joinedAt: now,
      leftAt: null,
    });
    return { organisationId: org.id, coordinatorId: person.id };
  });
}
