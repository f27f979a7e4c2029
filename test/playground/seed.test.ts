import { describe, expect, it } from 'vitest';
import { DEMO_JOIN_CODE, DEMO_USER_IDS, seedDemo, storeDirectory } from '../../src/channels/playground/index.js';
import type { OutboxEntry } from '../../src/core/domain.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/core/features/membership/join.js';
import type { IdSource } from '../../src/core/ports.js';
import { MemoryStore } from './memory-store.js';

const clock = { now: () => new Date('2026-08-01T10:00:00Z') };
function counterIds(): IdSource {
  let n = 0;
  return { next: () => `id-${String(++n).padStart(3, '0')}`, joinCode: () => 'UNUSED00' };
}

describe('seedDemo', () => {
  it('creates the demo organisation, people, programme and memberships once', async () => {
    const store = new MemoryStore();
    const first = await seedDemo(store, counterIds(), clock);
    expect(first.created).toBe(true);
    const t = store.tables;

    expect(t.organisations).toEqual([{ id: first.organisationId, name: 'Demo organisation', platform: 'playground', externalId: 'demo' }]);
    expect(t.identities.map((i) => i.externalUserId)).toEqual(['kari', 'ingrid', 'ola', 'fatima', 'amina', 'yonas', 'sara']);
    expect(t.identities.every((i) => i.platform === 'playground' && i.organisationId === first.organisationId)).toBe(true);
    expect(DEMO_USER_IDS).toEqual(t.identities.map((i) => i.externalUserId));

    const programme = t.programmes[0];
    if (!programme) throw new Error('no programme');
    expect(programme).toMatchObject({ name: 'Mentorprogram høst 2026', joinCode: DEMO_JOIN_CODE, meetingFrequency: 'biweekly', status: 'open' });
    expect(programme.purpose.length).toBeGreaterThan(20);
    expect(programme.startsOn < programme.endsOn).toBe(true);
    const kari = t.people.find((p) => p.displayName === 'Kari Nordmann');
    expect(kari?.locale).toBe('nb');
    expect(programme.createdById).toBe(kari?.id);

    const roles = t.memberships.map((m) => m.role).sort();
    expect(roles).toEqual(['coordinator', 'mentee', 'mentee', 'mentor', 'mentor', 'mentor']);
    for (const m of t.memberships) {
      expect(m).toMatchObject({ status: 'active', consentVersion: PRIVACY_NOTICE_VERSION, programmeId: programme.id });
      expect(m.consentedAt).toEqual(clock.now());
      expect(m.profileDoneAt).toEqual(clock.now());
    }
    const mentors = t.memberships.filter((m) => m.role === 'mentor');
    expect(mentors.map((m) => m.profile.field).sort()).toEqual(['finance', 'health', 'it']);
    expect(mentors.every((m) => (m.profile.capacity ?? 0) > 0 && m.profile.offer && m.profile.languages.length > 0)).toBe(true);
    const mentees = t.memberships.filter((m) => m.role === 'mentee');
    for (const m of mentees) {
      expect(m.profile.goals.length).toBeGreaterThan(0);
      expect(m.profile.goals.length).toBeLessThanOrEqual(3);
      expect(m.profile.languages.some((l) => l.code === 'nb')).toBe(true);
    }

    const sara = t.people.find((p) => p.displayName === 'Sara');
    expect(sara?.locale).toBe('en');
    expect(t.memberships.some((m) => m.personId === sara?.id)).toBe(false);
    expect(t.audit.map((a) => a.action)).toEqual(['demo.seeded']);
  });

  it('does nothing the second time', async () => {
    const store = new MemoryStore();
    const first = await seedDemo(store, counterIds(), clock);
    const before = structuredClone(store.tables);
    const second = await seedDemo(store, counterIds(), clock);
    expect(second).toEqual({ created: false, organisationId: first.organisationId });
    expect(store.tables).toEqual(before);
  });
});

describe('storeDirectory', () => {
  it('offers the seeded people with their roles, and reads their playground history', async () => {
    const store = new MemoryStore();
    const empty = storeDirectory({ store, queue: { listForPerson: async () => [] }, tenant: 'demo', externalIds: DEMO_USER_IDS });
    expect(await empty.people()).toEqual([]);

    const { organisationId } = await seedDemo(store, counterIds(), clock);
    const asked: unknown[] = [];
    const entry = (id: string, platform: OutboxEntry['platform']): OutboxEntry => ({
      id,
      organisationId,
      personId: 'x',
      platform,
      payload: { text: `message ${id}` },
      status: 'sent',
      attempts: 1,
      nextAttemptAt: clock.now(),
      externalRef: null,
      createdAt: clock.now(),
    });
    const queue = {
      listForPerson: async (org: string, personId: string, limit: number) => {
        asked.push([org, personId, limit]);
        return [entry('o1', 'playground'), entry('o2', 'slack')];
      },
    };
    const directory = storeDirectory({ store, queue, tenant: 'demo', externalIds: DEMO_USER_IDS, historyLimit: 50 });
    const people = await directory.people();
    expect(people.map((p) => [p.externalId, p.role, p.locale])).toEqual([
      ['kari', 'coordinator', 'nb'],
      ['ingrid', 'mentor', 'nb'],
      ['ola', 'mentor', 'nb'],
      ['fatima', 'mentor', 'nb'],
      ['amina', 'mentee', 'nb'],
      ['yonas', 'mentee', 'en'],
      ['sara', null, 'en'],
    ]);
    const amina = people[4];
    if (!amina) throw new Error('no amina');
    const history = await directory.history(amina);
    expect(asked).toEqual([[organisationId, amina.personId, 50]]);
    expect(history.map((e) => [e.id, e.payload.text])).toEqual([['o1', 'message o1']]);
  });
});
