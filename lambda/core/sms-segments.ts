/**
 * SMS segment arithmetic (3GPP TS 23.038 / 23.040). A message that fits the GSM-7 alphabet
 * costs 7 bits a character (extension-table characters cost two: an escape plus the
 * character); anything else is sent as UCS-2, one 16-bit unit per UTF-16 code unit.
 * A single message carries 160 GSM-7 or 70 UCS-2 units; once it is split, each part loses
 * 6 bytes to the concatenation header, leaving 153 GSM-7 or 67 UCS-2 units, and an escape
 * pair or a surrogate pair is never split across parts.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentInfo {
  readonly encoding: SmsEncoding;
  /** Septets (GSM-7) or 16-bit code units (UCS-2) the text costs. */
  readonly units: number;
  /** Parts the text is sent in (at least 1). */
  readonly segments: number;
}

/** The GSM 03.38 basic character set (the escape 0x1B itself excluded). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The GSM 03.38 extension table: each costs an escape septet plus itself. */
const GSM_EXTENDED = new Set('\f^{}\\[~]|€');

export const SINGLE_GSM7 = 160;
export const MULTI_GSM7 = 153;
export const SINGLE_UCS2 = 70;
export const MULTI_UCS2 = 67;

/** True when every character of `text` can be sent in GSM-7. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)) return false;
  return true;
}

/** Packs characters of the given cost into parts of `perPart` units without splitting one. */
function countParts(costs: readonly number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      parts += 1;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

/** How `text` is encoded, what it costs, and how many parts it is sent in. */
export function segmentInfo(text: string): SegmentInfo {
  const gsm = isGsm7(text);
  // Iterating a string yields code points: an astral character (emoji) is one item costing 2 UCS-2 units.
  const costs = Array.from(text, (ch) => (gsm ? (GSM_EXTENDED.has(ch) ? 2 : 1) : ch.length));
  const units = costs.reduce((a, b) => a + b, 0);
  const single = gsm ? SINGLE_GSM7 : SINGLE_UCS2;
  const multi = gsm ? MULTI_GSM7 : MULTI_UCS2;
  const segments = units <= single ? 1 : countParts(costs, multi);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments };
}
