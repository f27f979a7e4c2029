/**
 * Parsing Teams activities (Microsoft's documented shapes, test/fixtures/teams) into the core's
 * neutral Inbound: who, which tenant, what was said or clicked, and the dedupe key.
 */
import { describe, expect, it } from 'vitest';
import { activitySchema, cleanText, toInbound } from '../../src/channels/teams/activities.js';
import { fixture, TENANT } from '../support/teams/teams-user.js';

const parse = (name: string, patch: Record<string, unknown> = {}) => activitySchema.parse({ ...fixture(name), ...patch });

describe('Teams activities', () => {
  it('turns a personal-chat message into a text event from the Entra object id, with the tenant and locale', () => {
    const inbound = toInbound(parse('message'), { some: 'address' });
    expect(inbound).toEqual({
      dedupeKey: '1763842354517',
      platform: 'teams',
      tenant: TENANT,
      user: { externalId: '6b1c2f9e-3a5d-4c47-9b2e-1f0a7d5c3e21', displayName: 'Sara Haile', locale: 'en-US', address: { some: 'address' } },
      event: { kind: 'text', text: 'join DEMO2026' },
    });
  });

  it('reads one tenant in either case as one tenant (a GUID has no case)', () => {
    const upper = TENANT.toUpperCase();
    const fromChannelData = toInbound(parse('message', { channelData: { tenant: { id: upper } } }), null);
    const conversation = (fixture('message') as { conversation: Record<string, unknown> }).conversation;
    const fromConversation = toInbound(parse('message', { channelData: {}, conversation: { ...conversation, tenantId: upper } }), null);
    expect(fromChannelData?.tenant).toBe(TENANT.toLowerCase());
    expect(fromConversation?.tenant).toBe(TENANT.toLowerCase());
  });

  it('strips <at> mentions and Teams’ non-breaking spaces from typed text', () => {
    expect(cleanText('<at>Mentor Bridge</at>&nbsp;join  ABC123 ')).toBe('join ABC123');
    expect(toInbound(parse('message', { text: '<at>Mentor Bridge</at>' }), null)).toBeNull();
  });

  it('reads an Action.Execute button as a choice, keyed by the invoke’s activity id', () => {
    const inbound = toInbound(parse('invoke-action-execute'), null);
    expect(inbound).toMatchObject({ dedupeKey: 'f:6e5bbd6a-95f4-46c7-6f1f-94d4b6e7a0b1', event: { kind: 'choice', promptId: 'prompt-id', values: ['mentee'] } });
  });

  it('reads a submitted form from action.data, splitting multi-select answers and stringifying numbers', () => {
    const value = { action: { type: 'Action.Execute', verb: 'mb.answer', data: { mbPrompt: 'p9', mbKind: 'form', mbMulti: ['langs'], fullName: 'Sara', years: 7, langs: 'en,ti' } } };
    expect(toInbound(parse('invoke-action-execute', { value }), null)?.event).toEqual({ kind: 'form', promptId: 'p9', values: { fullName: 'Sara', years: '7', langs: ['en', 'ti'] } });
  });

  it('ignores invokes that are not ours, and group chats', () => {
    const other = { action: { type: 'Action.Execute', verb: 'someoneElse', data: { mbPrompt: 'p', mbKind: 'choice' } } };
    expect(toInbound(parse('invoke-action-execute', { value: other }), null)).toBeNull();
    expect(toInbound(parse('message', { conversation: { id: '19:group', conversationType: 'groupChat', tenantId: TENANT } }), null)).toBeNull();
  });

  it('welcomes once per install: installationUpdate and conversationUpdate share a dedupe key', () => {
    const install = toInbound(parse('installation-update-add'), null);
    const added = toInbound(parse('conversation-update-bot-added'), null);
    expect(install?.event).toEqual({ kind: 'opened' });
    expect(added?.event).toEqual({ kind: 'opened' });
    expect(install?.dedupeKey).toBe(added?.dedupeKey);
    expect(toInbound(parse('installation-update-add', { action: 'remove' }), null)).toBeNull();
    expect(toInbound(parse('conversation-update-bot-added', { membersAdded: [{ id: '29:someone-else' }] }), null)).toBeNull();
  });
});
