/**
 * Registering an organisation (a Slack workspace on install, a Teams tenant on first contact):
 * when many people of a new tenant write at the same moment, each channel turn registers it,
 * and on PostgreSQL those transactions run side by side. One organisation comes out, and every
 * caller gets it; none fails.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, createHarness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

describe('registerOrganisation', () => {
  it('many concurrent registrations of one new tenant make one organisation, and all callers get it', async () => {
    for (let round = 0; round < 5; round += 1) {
      const tenant = `tenant-${round}`;
      const results = await Promise.all(Array.from({ length: 8 }, () => h.core.registerOrganisation({ platform: 'teams', externalId: tenant, name: 'Contoso' })));
      expect(new Set(results.map((org) => org.id)).size).toBe(1);
      expect(await h.prisma.organisation.count({ where: { platform: 'teams', externalId: tenant } })).toBe(1);
    }
  });

  it('returns the existing organisation unchanged', async () => {
    const first = await h.core.registerOrganisation({ platform: 'slack', externalId: 'T1', name: 'First name' });
    const again = await h.core.registerOrganisation({ platform: 'slack', externalId: 'T1', name: 'Another name' });
    expect(again).toEqual(first);
  });
});
