/** What the playground page receives: spans instead of markup, signed paths, words in the viewer's language. */
import { describe, expect, it } from 'vitest';
import { byteSize, toPlaygroundMessage } from '../../src/channels/playground/view.js';
import type { Outbound } from '../../src/core/messages.js';
import { createFileLinks } from '../../src/files/links.js';
import { TEXTS } from './support.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const links = createFileLinks('view-test-secret-0123456789abcdef', 'https://mentor.example.org/bot/');
const deps = { texts: TEXTS, links, clock: { now: () => NOW } };

const payload: Outbound = {
  text: 'Hei *Amina*, her er _rapporten_.\nGod lesing!',
  title: '*Rapport* november',
  sections: [
    { heading: 'Par', text: 'To *aktive* par', fields: [{ label: 'Mentor', value: '[Kari](https://evil.example)' }], bullets: ['Første _møte_', 'Andre'] },
    { heading: 'Tom' },
  ],
  context: ['Laget 30. november', '_Bare du_ ser dette'],
  image: { alt: 'Søylediagram', mediaType: 'image/png', fileId: 'f-img', width: 320, height: 200 },
  file: { name: 'rapport.csv', mediaType: 'text/csv', fileId: 'f-csv', size: 2048 },
  prompt: { id: 'q-1', spec: { kind: 'choice', options: [{ value: 'ok', label: 'OK' }] } },
};

describe('toPlaygroundMessage', () => {
  it('turns every rich string into lines of spans, and attachments into signed same-origin paths', () => {
    const { id, at, message } = toPlaygroundMessage({ id: 'o1', organisationId: 'org-a', createdAt: NOW, payload }, 'nb', deps);
    expect([id, at]).toEqual(['o1', NOW.toISOString()]);
    expect(message.text).toEqual([[{ text: 'Hei ' }, { text: 'Amina', bold: true }, { text: ', her er ' }, { text: 'rapporten', italic: true }, { text: '.' }], [{ text: 'God lesing!' }]]);
    expect(message.title).toEqual([[{ text: 'Rapport', bold: true }, { text: ' november' }]]);
    expect(message.sections).toEqual([
      {
        heading: [[{ text: 'Par' }]],
        text: [[{ text: 'To ' }, { text: 'aktive', bold: true }, { text: ' par' }]],
        fields: [{ label: [[{ text: 'Mentor' }]], value: [[{ text: '[Kari](https://evil.example)' }]] }],
        bullets: [[[{ text: 'Første ' }, { text: 'møte', italic: true }]], [[{ text: 'Andre' }]]],
      },
      { heading: [[{ text: 'Tom' }]] },
    ]);
    expect(message.context).toEqual([[[{ text: 'Laget 30. november' }]], [[{ text: 'Bare du', italic: true }, { text: ' ser dette' }]]]);
    expect(message.prompt).toEqual(payload.prompt);

    // Paths, not PUBLIC_URL: the page loads them from wherever it was opened.
    expect(message.image).toMatchObject({ alt: 'Søylediagram', width: 320, height: 200 });
    expect(message.file).toMatchObject({ name: 'rapport.csv', mediaType: 'text/csv', size: '2 kB', action: 'Last ned' });
    for (const [path, fileId] of [
      [message.image?.url, 'f-img'],
      [message.file?.url, 'f-csv'],
    ]) {
      expect(path).toMatch(/^\/bot\/files\/download\?o=org-a&f=f-/);
      const query = Object.fromEntries(new URL(path ?? '', 'http://x').searchParams);
      expect(links.verify(query, NOW)).toEqual({ organisationId: 'org-a', fileId });
      // Valid for a day, from the app's clock.
      expect(links.verify(query, new Date(NOW.getTime() + 23 * 3600_000))).not.toBeNull();
      expect(links.verify(query, new Date(NOW.getTime() + 25 * 3600_000))).toBeNull();
    }
  });

  it('uses the viewer’s language for the page’s own words', () => {
    const en = toPlaygroundMessage({ id: 'o1', organisationId: 'org-a', createdAt: NOW, payload }, 'en', deps);
    expect(en.message.file).toMatchObject({ size: '2 kB', action: 'Download' });
  });

  it('copies only the neutral parts, and leaves out attachments that were never stored', () => {
    const stored = { text: 'Hei', image: { alt: 'x', mediaType: 'image/png', data: 'AAAA' }, secretNote: 'internal' } as unknown as Outbound;
    expect(toPlaygroundMessage({ id: 'o2', organisationId: 'org-a', createdAt: NOW, payload: stored }, 'nb', deps).message).toEqual({ text: [[{ text: 'Hei' }]] });
  });
});

describe('byteSize', () => {
  it('writes sizes with the viewer’s unit and decimal mark', () => {
    expect(byteSize(512, 'en')).toBe('512 byte');
    expect(byteSize(2048, 'en')).toBe('2 kB');
    expect(byteSize(1536, 'nb')).toBe('1,5 kB');
    expect(byteSize(3 * 1024 * 1024, 'nb')).toBe('3 MB');
    expect(byteSize(2048, 'not a locale!')).toMatch(/^2 kB$/);
  });
});
