import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inboundSchema, MAX_TEXT_LENGTH } from '../../src/core/messages.js';
import { type Playground, postInbound, startPlayground } from './support.js';

const KEY = '0b6c1f2e-8a4d-4c1e-9f3a-2d5e7b9c1a00';

describe('POST /playground/inbound', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await startPlayground();
  });
  afterAll(() => pg.close());
  beforeEach(() => {
    pg.core.calls.length = 0;
    pg.core.result = null;
  });

  it('refuses a body that is not JSON, with a reason', async () => {
    const res = await postInbound(pg.url, '{"user": "kari",');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'the request body is not valid JSON' });
    expect(pg.core.calls).toHaveLength(0);
  });

  it('refuses missing or malformed fields and says which', async () => {
    const missing = await postInbound(pg.url, { user: 'kari', event: { kind: 'text', text: 'hei' } });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/dedupeKey/);

    const badEvent = await postInbound(pg.url, { user: 'kari', dedupeKey: KEY, event: { kind: 'shout' } });
    expect(badEvent.status).toBe(400);
    expect((await badEvent.json()).error).toMatch(/event/);

    const badKey = await postInbound(pg.url, { user: 'kari', dedupeKey: 'a b c', event: { kind: 'opened' } });
    expect(badKey.status).toBe(400);
    expect(pg.core.calls).toHaveLength(0);
  });

  it('refuses a body sent as something other than JSON', async () => {
    const res = await postInbound(pg.url, 'user=kari', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(400);
    expect(pg.core.calls).toHaveLength(0);
  });

  it('answers 404 for someone who is not a playground person', async () => {
    const res = await postInbound(pg.url, { user: 'mallory', dedupeKey: KEY, event: { kind: 'opened' } });
    expect(res.status).toBe(404);
    expect(pg.core.calls).toHaveLength(0);
  });

  it('accepts a valid action with 202 and gives the core a well-formed Inbound', async () => {
    const event = { kind: 'form', promptId: 'profile-1', values: { field: 'it', goals: ['job', 'language'] } };
    const res = await postInbound(pg.url, { user: 'amina', dedupeKey: KEY, event });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'handled' });

    expect(pg.core.calls).toHaveLength(1);
    const inbound = inboundSchema.parse(pg.core.calls[0]);
    expect(inbound).toEqual({
      dedupeKey: KEY,
      platform: 'playground',
      tenant: 'demo',
      user: { externalId: 'amina', displayName: 'Amina Yusuf', locale: 'nb' },
      event,
    });
  });

  it('passes a resubmitted action on with the same key, so the core can act once', async () => {
    await postInbound(pg.url, { user: 'kari', dedupeKey: KEY, event: { kind: 'text', text: 'hei' } });
    pg.core.result = { status: 'duplicate', organisationId: 'org-demo' };
    const again = await postInbound(pg.url, { user: 'kari', dedupeKey: KEY, event: { kind: 'text', text: 'hei' } });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ status: 'duplicate' });
    expect(pg.core.calls.map((c) => (c as { dedupeKey: string }).dedupeKey)).toEqual([KEY, KEY]);
  });

  it('takes a form value as long as the longest field allows (the schema once refused over 500 characters)', async () => {
    const event = { kind: 'form', promptId: 'goals-1', values: { helpWanted: 'h'.repeat(1000), purpose: 'p'.repeat(MAX_TEXT_LENGTH) } };
    const res = await postInbound(pg.url, { user: 'amina', dedupeKey: KEY, event });
    expect(res.status).toBe(202);
    expect(pg.core.calls).toHaveLength(1);
  });

  it('answers a refused form with each field’s error in the person’s words, as 422', async () => {
    // The core's texts carry marks around parameters for rich text; the page gets plain words.
    pg.core.result = { status: 'handled', organisationId: 'org-demo', personId: 'p-amina', fieldErrors: { capacity: 'Skriv et tall fra 1 til 5.', fullName: 'Hei \uE000Amina\uE001' } };
    const res = await postInbound(pg.url, { user: 'amina', dedupeKey: KEY, event: { kind: 'form', promptId: 'p1', values: { capacity: '9' } } });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({ status: 'invalid', fieldErrors: { capacity: 'Skriv et tall fra 1 til 5.', fullName: 'Hei Amina' } });
  });

  it('tells a value over the envelope by its field, in words and in the person’s language', async () => {
    const event = { kind: 'form', promptId: 'p1', values: { helpWanted: 'h'.repeat(20_001) } };
    const res = await postInbound(pg.url, { user: 'amina', dedupeKey: KEY, event });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors.helpWanted.replace(/\u00A0/g, ' ')).toBe('Teksten er for lang: høyst 20 000 tegn; du skrev 20 001.');
    expect(pg.core.calls).toHaveLength(0);
  });

  it('says so when the demo organisation was never seeded', async () => {
    pg.core.result = { status: 'unknown-organisation' };
    const res = await postInbound(pg.url, { user: 'kari', dedupeKey: KEY, event: { kind: 'opened' } });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatch(/seed/);
  });
});

describe('playground pages', () => {
  let pg: Playground;
  beforeAll(async () => {
    pg = await startPlayground();
  });
  afterAll(() => pg.close());

  it('lists who you can be, without internal ids', async () => {
    const res = await fetch(`${pg.url}/playground/people`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { id: 'kari', name: 'Kari Nordmann', role: 'coordinator', locale: 'nb' },
      { id: 'amina', name: 'Amina Yusuf', role: 'mentee', locale: 'nb' },
      { id: 'sara', name: 'Sara', role: null, locale: 'en' },
    ]);
  });

  it('serves the page and its assets with a strict content security policy', async () => {
    const page = await fetch(`${pg.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toMatch(/<html lang="en">/);

    for (const [asset, type] of [
      ['app.js', /javascript/],
      ['render.js', /javascript/],
      ['style.css', /text\/css/],
    ] as const) {
      const res = await fetch(`${pg.url}/playground/static/${asset}`);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
    }
  });

  it('gives the page its own words in the person’s language, or the browser’s before anyone is chosen', async () => {
    const amina = await (await fetch(`${pg.url}/playground/texts?user=amina`)).json();
    expect(amina.locale).toBe('nb');
    expect(amina.texts['playground.requiredNote']).toBe('Felt merket med * må fylles ut.');
    expect(amina.texts['errors.tooLong']).toContain('{max, number}');
    expect(amina.limits).toEqual({ text: MAX_TEXT_LENGTH });
    const sara = await (await fetch(`${pg.url}/playground/texts?user=sara&lang=nb`)).json();
    expect(sara.texts['playground.unreachable']).toBe('Could not reach the server. Is it running?');
    const browser = await (await fetch(`${pg.url}/playground/texts?lang=${encodeURIComponent('en-GB,en')}`)).json();
    expect(browser.locale).toBe('en');
  });

  it('does not serve files outside its public folder', async () => {
    const res = await fetch(`${pg.url}/playground/static/..%2froutes.ts`);
    expect(res.status).toBe(404);
  });
});
