/** A programme with a coordinator, ready for people to join. */
import type { Harness } from '../support/harness.js';

export const JOIN_CODE = 'ABCD2345';

export async function seedProgramme(h: Harness, orgId: string, code = JOIN_CODE, programmeId = 'prog'): Promise<void> {
  const coord = `coord-${orgId}`;
  await h.store.transaction(async (r) => {
    if (!(await r.people.get(orgId, coord))) {
      await r.people.create({ id: coord, organisationId: orgId, displayName: 'Kari', locale: 'nb', timeZone: 'Europe/Oslo' });
      await r.identities.create({ id: `${coord}-id`, organisationId: orgId, personId: coord, platform: 'playground', externalUserId: 'kari', address: null });
    }
    await r.programmes.create({ id: programmeId, organisationId: orgId, name: `Programme ${code}`, purpose: 'First job in Norway', startsOn: '2026-09-01', endsOn: '2027-08-31', meetingFrequency: 'biweekly', joinCode: code, status: 'open', createdById: coord });
    await r.memberships.create({ id: `coord-${programmeId}`, organisationId: orgId, programmeId, personId: coord, role: 'coordinator', status: 'active', consentedAt: null, consentVersion: null, profileDoneAt: null, profile: { fullName: 'Kari', languages: [], field: null, profession: null, yearsExperience: null, region: null, availability: null, goals: [], helpWanted: null, offer: null, capacity: null }, joinedAt: new Date(), leftAt: null });
  });
}
