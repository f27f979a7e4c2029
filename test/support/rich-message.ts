/**
 * Messages that use every rich part the core can send, and the texts people could type to
 * trick a renderer into a link, a mention or formatting — shared by the Slack and Teams tests.
 */
import { PNG } from 'pngjs';
import type { Outbound } from '../../src/core/messages.js';

/** Strings a person could type (a name, a bio, a programme name) that must show as typed. */
export const HOSTILE = {
  link: '[Kari, your session expired](https://evil.example/login)',
  channel: '<!channel>',
  slackLink: '<https://evil.example|click>',
  mention: '<@U123>',
  markdownBold: '**bold**',
} as const;

/** One message with every part: title, emphasis, two full sections, small print, picture, file, question. */
export function everyPart(ids: { imageId: string; fileId: string }): Outbound {
  return {
    title: 'Your *match* report',
    text: 'Hello *Sara*, here is _your_ overview.',
    sections: [
      {
        heading: 'Mentor',
        text: 'Kari works in *civil engineering*.',
        fields: [
          { label: 'Field', value: 'Engineering' },
          { label: 'Languages', value: 'Norwegian, _English_' },
          { label: 'City', value: 'Stavanger' },
        ],
        bullets: ['Meets every *other* week', 'Speaks _Tigrinya_'],
      },
      {
        heading: 'Next steps',
        text: 'Agree on a first meeting.',
        fields: [{ label: 'Deadline', value: '1 September' }],
        bullets: ['Send a message', 'Book a room'],
      },
    ],
    context: ['Sent by Mentor Bridge', 'Only _you_ can see this'],
    image: { alt: 'Meetings per month', mediaType: 'image/png', fileId: ids.imageId, width: 2, height: 1 },
    file: { name: 'report-2026-11.csv', mediaType: 'text/csv', fileId: ids.fileId, size: 24 },
    prompt: { id: 'p-rich', spec: { kind: 'choice', options: [{ value: 'ok', label: 'Looks good', style: 'primary' }, { value: 'later', label: 'Later' }] } },
  };
}

/** The same message with hostile text in every place a person's words could reach. */
export function hostileMessage(ids: { imageId: string; fileId: string }): Outbound {
  const all = Object.values(HOSTILE).join(' ');
  return {
    title: `Profile of ${HOSTILE.link}`,
    text: `Hi ${HOSTILE.mention}, ${HOSTILE.channel} ${HOSTILE.markdownBold}`,
    sections: [
      {
        heading: HOSTILE.slackLink,
        text: all,
        fields: Object.entries(HOSTILE).map(([name, value]) => ({ label: `${name} ${value}`, value })),
        bullets: [HOSTILE.link, HOSTILE.markdownBold],
      },
    ],
    context: [HOSTILE.channel, HOSTILE.link],
    image: { alt: HOSTILE.link, mediaType: 'image/png', fileId: ids.imageId },
    file: { name: `${HOSTILE.mention}.csv`, mediaType: 'text/csv', fileId: ids.fileId },
  };
}

/** A real 2×1 PNG (red, blue), small enough to travel inside a card. */
export function tinyPng(): Buffer {
  const png = new PNG({ width: 2, height: 1 });
  png.data.set([255, 0, 0, 255, 0, 0, 255, 255]);
  return PNG.sync.write(png);
}

export const CSV_BYTES = Buffer.from('month,meetings\n2026-11,4\n', 'utf8');
