/**
 * SMS segment counting (GSM 03.38 / 3GPP TS 23.038), as carriers and Twilio bill it.
 * A message is GSM-7 when every character is in the GSM basic or extension table
 * (extension characters take two septets: ESC + char), else UCS-2 (UTF-16 code units;
 * one emoji is two units and turns the whole message into UCS-2).
 * One segment holds 160 septets / 70 units; a concatenated message loses 7 septets /
 * 3 units per segment to the UDH (153 / 67), and an ESC pair or a surrogate pair is never
 * split across two segments, so a segment may hold one less.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
  readonly units: number;
  readonly segments: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

const SINGLE = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const MULTI = { 'GSM-7': 153, 'UCS-2': 67 } as const;

/** GSM-7 when every character has a GSM code, else UCS-2. */
export function encodingOf(text: string): SmsEncoding {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return 'UCS-2';
  return 'GSM-7';
}

/** The units of each indivisible piece: a GSM char (1 or 2 septets), or a code point (1 or 2 UTF-16 units). */
function pieces(text: string, encoding: SmsEncoding): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(encoding === 'GSM-7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  return out;
}

/** Encoding, size and segment count of `text` (an empty text is one segment). */
export function segmentInfo(text: string): SegmentInfo {
  const encoding = encodingOf(text);
  const sizes = pieces(text, encoding);
  const units = sizes.reduce((a, b) => a + b, 0);
  if (units <= SINGLE[encoding]) return { encoding, units, segments: 1 };
  const capacity = MULTI[encoding];
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > capacity) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, units, segments };
}
