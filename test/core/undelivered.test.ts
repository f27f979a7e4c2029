/**
 * Messages that end undelivered are visible to the people who look after their recipients, not
 * only in a log: an audit entry per message (ids and a reason's code, no text), and in a
 * coordinator's home view and `help`, "I could not deliver N messages in the last 30 days: to
 * <name> (<why, in words>)" for the people of the programmes she coordinates, and nobody else's.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Membership } from '../../src/core/domain.js';
import { withoutMarks } from '../../src/core/kernel/rich-text.js';
import { MAX_ATTEMPTS, OutboxDispatcher } from '../../src/core/outbox/dispatcher.js';
import { type ChannelSender, SendError } from '../../src/core/outbox/sender.js';
import { createIdSource } from '../../src/ids.js';
import { createLogger } from '../../src/log.js';
import { PrismaOutboxQueue } from '../../src/store/outbox-queue.js';
import { type Harness, createHarness } from '../support/harness.js';
import { seedProgramme } from './fixtures.js';

let h: Harness;
let orgId: string;
const DAY = 24 * 60 * 60 * 1000;
const viewer = (externalId: string) => ({ platform: 'playground' as const, tenant: 'demo', user: { externalId } });

/** The platform: Amina left it, Yonas has no account the bot knows; everyone else gets their messages. */
const sender: ChannelSender = {
  platform: 'playground',
  async send(_entry, _ref, recipient) {
    if (recipient?.externalUserId === 'amina') throw SendError.permanent('gone', 'slack: user_not_found');
    if (recipient?.externalUserId === 'yonas') throw SendError.permanent('no-identity', 'slack: the person has no Slack identity');
    return { externalRef: null };
  },
};

function dispatcher(send: ChannelSender = sender): OutboxDispatcher {
  const queue = new PrismaOutboxQueue(h.prisma, { ids: createIdSource(() => h.clock.now().getTime()), clock: h.clock });
  return new OutboxDispatcher(queue, [send], h.clock, createLogger('silent'));
}

async function member(externalUser: string, programmeId: string, role: Membership['role']): Promise<string> {
  const personId = await h.chat(externalUser).personId();
  await h.store.transaction((r) =>
    r.memberships.create({ id: `${programmeId}-${externalUser}`, organisationId: orgId, programmeId, personId, role, status: 'active', consentedAt: null, consentVersion: null, profileDoneAt: null, profile: { fullName: null, languages: [], field: null, profession: null, yearsExperience: null, region: null, availability: null, goals: [], helpWanted: null, offer: null, capacity: null }, joinedAt: h.clock.now(), leftAt: null }),
  );
  return personId;
}

/** A view's text without the marks Texts puts around what it interpolates (a name, kernel/rich-text.ts). */
const homeText = async (user: string) => withoutMarks((await h.core.home(viewer(user)))?.sections.map((s) => s.text).join('\n') ?? '');

beforeEach(async () => {
  h = await createHarness();
  orgId = await h.organisation();
  await seedProgramme(h, orgId); // Kari coordinates "prog"
  await seedProgramme(h, orgId, 'WXYZ6789', 'prog2');
  // Ola, not Kari, coordinates prog2.
  await h.chat('ola', { locale: 'en' }).say('hello');
  await h.store.transaction((r) => r.memberships.update(orgId, 'coord-prog2', { status: 'left' }));
  await member('ola', 'prog2', 'coordinator');
  // Amina (Kari's mentee) and Yonas (Ola's) each get messages the platform cannot deliver.
  await h.chat('amina', { locale: 'en' }).say('hello');
  await h.chat('amina', { locale: 'en' }).say('help');
  await h.chat('yonas', { locale: 'en' }).say('help');
  await member('amina', 'prog', 'mentee');
  await member('yonas', 'prog2', 'mentee');
  await dispatcher().kick();
});
afterEach(() => h.close());

describe('messages that could not be delivered', () => {
  it('are given up with an audit entry each: ids and the reason’s code, never the message', async () => {
    const aminaId = await h.chat('amina').personId();
    const failed = await h.prisma.outboxMessage.findMany({ where: { status: 'failed' } });
    expect(failed).toHaveLength(3);
    const audit = await h.prisma.auditEvent.findMany({ where: { action: 'outbox:undeliverable' }, orderBy: { id: 'asc' } });
    expect(audit).toHaveLength(3);
    expect(audit.filter((a) => a.subjectId === aminaId).map((a) => a.data)).toEqual(
      failed.filter((m) => m.personId === aminaId).map((m) => ({ outboxId: m.id, platform: 'playground', reason: 'gone', attempts: 1 })),
    );
    expect(audit.every((a) => a.subjectType === 'Person' && a.actorPersonId === null)).toBe(true);
  });

  it('are listed in the home view of the coordinator of the recipients’ programme, with the reason in words', async () => {
    const kari = await homeText('kari');
    expect(kari).toContain('Jeg fikk ikke levert 2 meldinger de siste 30 dagene:');
    expect(kari).toContain('til amina (jeg kan ikke nå dem her lenger: de har sluttet, er deaktivert, eller har blokkert eller fjernet meg): 2 meldinger, den siste 1. september 2026');
    expect(kari).not.toContain('yonas'); // not in a programme Kari coordinates
    expect(kari).not.toContain('user_not_found'); // the platform's error stays in the log
  });

  it('are listed by `help` for a coordinator, and shown to nobody who looks after no one', async () => {
    const ola = h.chat('ola', { locale: 'en' });
    await ola.replies();
    await ola.say('help');
    const text = withoutMarks(await ola.text());
    expect(text).toContain('I could not deliver 1 message in the last 30 days:');
    expect(text).toContain('to yonas (I know no account of theirs on this platform): 1 message');
    expect(text).not.toContain('amina');
    expect(await homeText('amina')).not.toContain('deliver');
    const amina = h.chat('amina', { locale: 'en' });
    await amina.replies();
    await amina.say('help');
    expect(await amina.text()).not.toContain('could not deliver');
  });

  it('drop out of the list after 30 days', async () => {
    h.clock.advance(31 * DAY);
    expect(await homeText('kari')).not.toContain('levert');
  });

  it('include a message that failed every attempt, as "every attempt failed"', async () => {
    await h.chat('ola', { locale: 'en' }).say('help');
    // Ola's reply: the platform fails it for a reason that might pass, on its last attempt.
    await h.prisma.outboxMessage.updateMany({ where: { status: 'pending' }, data: { attempts: MAX_ATTEMPTS - 1 } });
    await dispatcher({ platform: 'playground', send: () => Promise.reject(new Error('socket hang up')) }).kick();
    expect(await h.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
    const ola = h.chat('ola', { locale: 'en' });
    await ola.say('help');
    const text = withoutMarks((await ola.all()).at(-1)?.text ?? '');
    expect(text).toContain('to ola (every attempt failed, so I gave up): 1 message');
    expect(text).toContain('to yonas (');
  });
});
