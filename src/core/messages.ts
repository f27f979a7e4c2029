/**
 * The neutral language between channels and the core. A channel parses what its platform sends
 * into an `Inbound` (validated with zod at the edge), and renders each `Outbound` the platform's
 * way (Block Kit, Adaptive Cards, HTML). Nothing here knows any platform.
 */
import { z } from 'zod';
import { cleanName, cleanText } from './kernel/text-hygiene.js';

export const PLATFORMS = ['slack', 'teams', 'playground'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Longest free-text answer we accept; longer input is refused with a message, not cut. */
export const MAX_TEXT_LENGTH = 2000;
/** Longest value a choice (a button's or option's value) may carry. */
export const MAX_VALUE_LENGTH = 500;

const value = z.string().max(MAX_VALUE_LENGTH).transform(cleanText);
/**
 * Typed text (a message, a form value) is checked against its own limit by the core — the
 * field's maxLength, or MAX_TEXT_LENGTH (engine/validate.ts, interactions/router.ts) — which
 * answers in words, in the person's language. This is only the envelope against absurd bodies,
 * far above every such limit, so a person is never refused here with a raw path instead.
 */
const TYPED_ENVELOPE = 20_000;
const formValue = z.string().max(TYPED_ENVELOPE).transform(cleanText);

export const inboundSchema = z.object({
  /** Platform-unique id of this delivery (Slack event_id / action_ts, Teams activity id…). */
  dedupeKey: z.string().min(1).max(255),
  platform: z.enum(PLATFORMS),
  /** The organisation on the platform: Slack team id, Teams tenant id, "demo". */
  tenant: z.string().min(1).max(255),
  user: z.object({
    externalId: z.string().min(1).max(255),
    displayName: z.string().max(200).transform(cleanName).optional(),
    /** The platform's idea of the person's locale, used only until they choose one. */
    locale: z.string().max(35).optional(),
    timeZone: z.string().max(64).optional(),
    /**
     * The platform's statement that this person administers the workspace/tenant (may start
     * programmes there); undefined when the platform does not say.
     */
    isAdmin: z.boolean().optional(),
    /** How to reach this person later; stored as given, read only by the same channel. */
    address: z.unknown().optional(),
  }),
  event: z.discriminatedUnion('kind', [
    /** Free text typed by the person (commands included). Length is checked by the core. */
    z.object({ kind: z.literal('text'), text: z.string().max(TYPED_ENVELOPE).transform(cleanText) }),
    /** A button or select answering the prompt `promptId`. */
    z.object({ kind: z.literal('choice'), promptId: z.string().max(200), values: z.array(value).max(100) }),
    /** A submitted short form answering the prompt `promptId`. */
    z.object({
      kind: z.literal('form'),
      promptId: z.string().max(200),
      values: z.record(z.string().max(100), z.union([formValue, z.array(value).max(100)])),
    }),
    /** The person opened the bot (Slack App Home, Teams install, playground login). */
    z.object({ kind: z.literal('opened') }),
  ]),
});
export type Inbound = z.infer<typeof inboundSchema>;
export type InboundEvent = Inbound['event'];

export interface ChoiceOption {
  value: string;
  label: string;
  /** A hint for channels that colour buttons; never relied on for meaning. */
  style?: 'primary' | 'danger';
}

/** What every form field has. */
interface FormFieldBase {
  name: string;
  label: string;
  required: boolean;
  hint?: string;
  /** The field's own words for being left empty (else the channel's general ones). */
  requiredMessage?: string;
}

export type FormField =
  | (FormFieldBase & { kind: 'text'; multiline?: boolean; maxLength: number; initial?: string })
  | (FormFieldBase & { kind: 'number'; min: number; max: number; initial?: string })
  | (FormFieldBase & { kind: 'date'; initial?: string })
  | (FormFieldBase & { kind: 'select'; options: ChoiceOption[]; initial?: string })
  | (FormFieldBase & { kind: 'multiselect'; options: ChoiceOption[]; max: number; initial?: string[] });

/** What a question lets the person answer with. Free text needs no widget. */
export type PromptSpec =
  | { kind: 'text'; multiline?: boolean }
  | { kind: 'choice'; options: ChoiceOption[] }
  | { kind: 'multi'; options: ChoiceOption[]; min: number; max: number; submitLabel: string }
  | { kind: 'form'; title: string; fields: FormField[]; submitLabel: string };

/**
 * Rich parts of a message. Every string below is "rich text": the bot's own emphasis is written
 * `*bold*` and `_italic_` in prompts/, and the one rule that reads it is `parseRich`
 * (src/core/kernel/rich-text.ts); channels render its spans (Block Kit mrkdwn with each span
 * escaped, Adaptive Card TextRuns, HTML elements) and never parse markup themselves.
 */
export interface Section {
  heading?: string;
  text?: string;
  /** Label/value pairs (a mentor's field, languages…), shown two by two where the platform can. */
  fields?: { label: string; value: string }[];
  bullets?: string[];
}

/** Largest picture or file a message may carry (Teams refuses card images over 1 MB). */
export const MAX_ATTACHMENT_BYTES = 1024 * 1024;

/**
 * Bytes travel as base64 from the core to the unit of work, which stores them (StoredFile) and
 * keeps only `fileId` in the outbox payload, so the outbox stays small and erasure has one place.
 */
export interface ImagePart {
  alt: string;
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif';
  /** Base64 bytes, as the core made them; replaced by `fileId` before the message is stored. */
  data?: string;
  fileId?: string;
  width?: number;
  height?: number;
}

export interface FilePart {
  /** The name the person sees and saves ("report-2026-11.csv", "meeting.ics"). */
  name: string;
  mediaType: string;
  data?: string;
  fileId?: string;
  size?: number;
}

/** One message from the bot to one person, already in that person's language. */
export interface Outbound {
  /**
   * The message's main text (rich text, see above); also what notifications and screen readers
   * show where the platform cannot show the parts below, so it must make sense on its own.
   */
  text: string;
  title?: string;
  sections?: Section[];
  /** Small print under the message (a date, "only you can see this"). */
  context?: string[];
  image?: ImagePart;
  file?: FilePart;
  /** The interactive part, if the message asks something: a flow's prompt or an open question's id. */
  prompt?: { id: string; spec: PromptSpec };
  /**
   * Set on the message that replaces an answered question: channels update the earlier message
   * carrying this prompt id (so its buttons cannot be used again) instead of sending a new one.
   */
  replacesPromptId?: string;
  /**
   * Set only on a stored copy whose words were erased (the person left, or the retention period
   * ended; see kernel/retention.ts): the outbox row stays for ordering and ids, the text is ''.
   * Never sent: only copies of messages already sent (or given up on) are erased.
   */
  erased?: true;
}
