/**
 * Answering a check-in: 1–5 by button or typed, then a form whose "share" box is unticked; the
 * coordinators' `check-ins` view with each side's trend, counts and only shared comments; an
 * unanswered one logged so after a week; escalations for a bad answer and a worrying shared
 * comment; nothing of it for another programme's coordinator; no unshared words in any copy or log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { contactsOf, openQuestionId, plan, runUntil, SHARED_COMMENT, UNSHARED } from './checkins-fixtures.js';
import { harnessWithLogs, outbox, type Pair, seedPair } from './journey-guide-fixtures.js';
import { PROG, seedMember, shown } from './matching-fixtures.js';
import { EMPTY_PROFILE } from '../../src/core/domain.js';

let h: Harness;
let logs: string[];
let pair: Pair;
beforeEach(async () => {
  ({ h, logs } = await harnessWithLogs());
  pair = await seedPair(h, { ola: 'en', amina: 'nb' });
  await plan(h, pair.orgId);
});
afterEach(() => h.close());

const FIRST = new Date('2026-09-08T08:00:00Z');
const SECOND = new Date('2026-09-29T08:00:00Z');

describe('answering a check-in', () => {
  it('takes a button or a typed digit, offers a form with “share” unticked, and shows coordinators the trend and shared comments only', async () => {
    const { ola, amina, kari } = pair;
    await runUntil(h, FIRST);
    const asked = (await amina.chat.all()).find((m) => m.title === 'Innsjekk: de første ukene');
    expect(asked && shown(asked)).toContain('Hvordan går det med Ola Nordmann?');
    expect(asked && shown(asked)).toContain('Ingen bekreftet avtale ennå');
    expect(asked?.prompt?.spec.kind === 'choice' && asked.prompt.spec.options.map((o) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    await amina.chat.say('4');
    const form = await amina.chat.lastPrompt();
    expect(form.spec.kind).toBe('form');
    const share = form.spec.kind === 'form' ? form.spec.fields.find((f) => f.name === 'share') : undefined;
    expect(share).toMatchObject({ kind: 'multiselect', required: false });
    expect(share && 'initial' in share ? share.initial : undefined).toBeUndefined(); // off by default
    await amina.chat.submit({ comment: UNSHARED });
    await ola.chat.click('3', await openQuestionId(h, 'checkins.check-in', ola.personId));
    // Ticking "share" with nothing to share is refused beside the comment.
    await ola.chat.submit({ share: ['share'] });
    expect(await h.prisma.openQuestion.findFirstOrThrow({ where: { kind: 'checkins.details', audience: { has: ola.personId } } })).toMatchObject({ status: 'open' });
    await ola.chat.submit({ comment: SHARED_COMMENT, share: ['share'] });
    const stored = await h.prisma.checkIn.findMany({ orderBy: { membershipId: 'asc' } });
    expect(stored.map((r) => [r.membershipId, r.score, r.commentShared])).toEqual([[amina.membershipId, 4, false], [ola.membershipId, 3, true]]);

    await runUntil(h, SECOND);
    await amina.chat.click('3', await openQuestionId(h, 'checkins.check-in', amina.personId));
    await runUntil(h, new Date('2026-10-07T00:00:00Z')); // Ola leaves the second one unanswered: it expires
    expect(await contactsOf(h, ola.membershipId)).toEqual(['first-two-weeks#1 2026-09-08T08:00:00.000Z answered 3', 'first-month#1 2026-09-29T08:00:00.000Z unanswered']);

    await kari.chat.replies();
    await kari.chat.say('check-ins');
    const view = (await kari.chat.replies()).map(shown).join('\n');
    expect(view).toContain('Ola Nordmann & Amina');
    expect(view).toContain('4 → 3 · answered 2 · unanswered 0');
    expect(view).toContain('3 · answered 1 · unanswered 1');
    expect(view).toContain(SHARED_COMMENT);
    expect(view).not.toContain(UNSHARED);
    // No copy of any message, no question row, no log line carries the unshared words.
    expect((await outbox(h)).filter((m) => m.json.includes(UNSHARED))).toEqual([]);
    expect(JSON.stringify(await h.prisma.openQuestion.findMany())).not.toContain(UNSHARED);
    expect(logs.join('\n')).not.toContain(UNSHARED);
    expect(logs.join('\n')).not.toContain('PELICAN');
  });

  it('shows nothing of the programme to another programme’s coordinator, nor to a participant', async () => {
    const { ola, orgId } = pair;
    await runUntil(h, FIRST);
    await ola.chat.say('3');
    await ola.chat.submit({ comment: SHARED_COMMENT, share: ['share'] });
    await h.store.transaction((r) => r.programmes.create({ id: 'other', organisationId: orgId, name: 'Other programme', purpose: 'x', startsOn: '2027-01-15', endsOn: '2027-12-15', meetingFrequency: 'monthly', joinCode: 'OTHER1', status: 'open', createdById: 'p-per' }));
    const per = await seedMember(h, orgId, 'per', 'coordinator', { ...EMPTY_PROFILE, fullName: 'Per' }, 'en', 'other');
    await per.chat.say('check-ins');
    const perSaw = (await per.chat.all()).map(shown).join('\n');
    expect(perSaw).toContain('No pairs are running in Other programme.');
    expect(perSaw).not.toContain('PELICAN');
    expect(perSaw).not.toContain('Ola');
    await ola.chat.replies();
    await ola.chat.say('check-ins');
    expect((await ola.chat.replies()).map(shown).join('\n')).not.toContain('PELICAN');
    expect(PROG).toBe('prog');
  });

  it('raises an escalation for a low score or “not a good match”, and for worrying words shared with the coordinator', async () => {
    const { ola, amina, orgId } = pair;
    const { firstMeetingHeld } = await import('../../src/core/features/checkins/schedule.js');
    await h.core.units.forOrganisation(orgId, (work) => firstMeetingHeld(work, 'match-1'));
    await runUntil(h, new Date('2026-09-02T08:00:00Z'));
    await ola.chat.click('4', await openQuestionId(h, 'checkins.check-in', ola.personId));
    const form = await ola.chat.lastPrompt();
    expect(form.spec.kind === 'form' && form.spec.fields.map((f) => f.name)).toEqual(['goodMatch', 'prepared', 'comment', 'share']);
    await ola.chat.submit({ goodMatch: 'no', prepared: 'partly', comment: 'I feel like I am wasting my time, I want to quit', share: ['share'] });
    await amina.chat.click('2', await openQuestionId(h, 'checkins.check-in', amina.personId));
    await amina.chat.submit({ goodMatch: 'not-sure', listened: 'talked-too-much', comment: 'Jeg vil slutte' }); // not shared: not read
    const sources = await h.prisma.escalationSource.findMany({ orderBy: { sourceKey: 'asc' } });
    const rows = await h.prisma.checkIn.findMany();
    const id = (m: string) => rows.find((r) => r.membershipId === m)?.id;
    expect(sources.map((s) => [s.sourceKey, s.sharedWords])).toEqual(
      [
        [`checkin:${id(amina.membershipId)}`, null],
        [`checkin:${id(ola.membershipId)}`, 'I feel like I am wasting my time, I want to quit'],
        [`checkin:${id(ola.membershipId)}:words`, 'I feel like I am wasting my time, I want to quit'],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const triggers = (await h.prisma.escalation.findMany()).map((e) => e.trigger).sort();
    // Each side's own card: Ola's words are never added to the card about Amina.
    expect(triggers).toEqual(['not-a-good-match', 'not-a-good-match', 'words']);
    expect(rows.find((r) => r.membershipId === amina.membershipId)).toMatchObject({ goodMatch: 'not-sure', listened: 'talked-too-much', commentShared: false });
  });
});
