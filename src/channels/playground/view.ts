/**
 * Outbound → what the playground page draws, for one viewer. Every rich string is turned into
 * lines of spans here, with the core's one rule (parseRich), so the page only places text in
 * elements and never reads markup; attachments become signed download links, and the few words
 * the page adds ("Download") come from prompts/ in the viewer's language. History and live
 * messages both come through `toPlaygroundMessage`, so a reload shows exactly what arrived live.
 */
import type { OutboxEntry } from '../../core/domain.js';
import { parseRich, type RichLine, withoutMarksIn } from '../../core/kernel/rich-text.js';
import type { Outbound } from '../../core/messages.js';
import type { Clock, Texts } from '../../core/ports.js';
import { FILE_LINK_TTL_MS, type FileLinks } from '../../files/links.js';

/** The stored message as the hub and the history hand it over, before it is drawn for someone. */
export type PlaygroundEntry = Pick<OutboxEntry, 'id' | 'organisationId' | 'createdAt' | 'payload'>;

export interface PlaygroundSection {
  heading?: RichLine[];
  text?: RichLine[];
  fields?: { label: RichLine[]; value: RichLine[] }[];
  bullets?: RichLine[][];
}

/** Only drawable parts: spans, links and the prompt. No raw rich text reaches the page. */
export interface PlaygroundView {
  text: RichLine[];
  title?: RichLine[];
  sections?: PlaygroundSection[];
  context?: RichLine[][];
  image?: { url: string; alt: string; width?: number; height?: number };
  /** `size` is already written the viewer's way ("2 kB", "1,5 MB"); `action` is the link's verb. */
  file?: { url: string; name: string; mediaType: string; size?: string; action: string };
  prompt?: Outbound['prompt'];
  replacesPromptId?: string;
}

/** What the browser receives for each bot message. */
export interface PlaygroundMessage {
  /** The outbox id: the browser uses it to show each message once across history and live. */
  id: string;
  /** ISO time the message was written. */
  at: string;
  message: PlaygroundView;
}

export interface ViewDeps {
  texts: Texts;
  links: FileLinks;
  clock: Clock;
}

/** Draws one stored message for a viewer who reads `locale`. */
export function toPlaygroundMessage(entry: PlaygroundEntry, locale: string, deps: ViewDeps): PlaygroundMessage {
  // Only the neutral fields are copied, so nothing else stored with a payload reaches the page.
  const { payload } = entry;
  const view: PlaygroundView = { text: parseRich(payload.text) };
  if (payload.title) view.title = parseRich(payload.title);
  if (payload.sections?.length) view.sections = payload.sections.map(section);
  if (payload.context?.length) view.context = payload.context.map(parseRich);
  // Links are signed now, for a day: history is drawn again at every reconnect, so they stay fresh.
  const link = (fileId: string) => pagePath(deps.links.url({ organisationId: entry.organisationId, fileId }, new Date(deps.clock.now().getTime() + FILE_LINK_TTL_MS)));
  const { image, file } = payload;
  if (image?.fileId) view.image = { url: link(image.fileId), alt: image.alt, width: image.width, height: image.height };
  if (file?.fileId) {
    view.file = {
      url: link(file.fileId),
      name: file.name,
      mediaType: file.mediaType,
      size: file.size === undefined ? undefined : byteSize(file.size, locale),
      action: deps.texts.t(locale, 'playground.download'),
    };
  }
  if (payload.prompt) view.prompt = payload.prompt;
  if (payload.replacesPromptId) view.replacesPromptId = payload.replacesPromptId;
  // Spans never carry the literal marks (parseRich drops them); labels, alt texts and names lose them here.
  return { id: entry.id, at: entry.createdAt.toISOString(), message: withoutMarksIn(view) };
}

function section(s: NonNullable<Outbound['sections']>[number]): PlaygroundSection {
  const out: PlaygroundSection = {};
  if (s.heading) out.heading = parseRich(s.heading);
  if (s.text) out.text = parseRich(s.text);
  if (s.fields?.length) out.fields = s.fields.map((f) => ({ label: parseRich(f.label), value: parseRich(f.value) }));
  if (s.bullets?.length) out.bullets = s.bullets.map(parseRich);
  return out;
}

/**
 * The link's path and query only. The page and the download route are on the same server, and
 * people reach the playground under names PUBLIC_URL may not be (localhost, a LAN address) —
 * and the page's Content-Security-Policy only loads images from its own origin.
 */
function pagePath(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** "512 byte", "2 kB", "1,5 MB": the unit and decimal mark of the viewer's language. */
export function byteSize(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 });
  } catch (error) {
    // A locale tag Intl refuses (a typo in a profile) must not break the message: use the default.
    if (!(error instanceof RangeError)) throw error;
    format = new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: value < 10 ? 1 : 0 });
  }
  return format.format(value);
}
