/**
 * Splits a long text (the email-length draft) into SMS messages that each fit the budget
 * (2 segments: WORDING.md's SMS limit), breaking between paragraphs first, then sentences,
 * then words, so each message reads on its own. Budgets are in segments, so a message
 * that turns UCS-2 (an emoji, a curly quote) gets less room, counted right.
 */
import { segmentInfo } from '../../core/sms-segments.js';

/** WORDING.md: every SMS stays within two segments. */
export const SMS_SEGMENT_BUDGET = 2;

export function fitsSms(text: string, maxSegments: number = SMS_SEGMENT_BUDGET): boolean {
  return segmentInfo(text).segments <= maxSegments;
}

function pack(parts: readonly string[], separator: string, maxSegments: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    const joined = current ? `${current}${separator}${part}` : part;
    if (fitsSms(joined, maxSegments)) {
      current = joined;
      continue;
    }
    if (current) out.push(current);
    current = part;
  }
  if (current) out.push(current);
  return out;
}

function splitPiece(text: string, level: number, maxSegments: number): string[] {
  if (fitsSms(text, maxSegments)) return [text];
  const splitters: readonly [RegExp, string][] = [
    [/\n\s*\n/u, '\n\n'],
    [/\n/u, '\n'],
    [/(?<=[.!?])\s+/u, ' '],
    [/\s+/u, ' '],
  ];
  const splitter = splitters[level];
  if (!splitter) {
    // One word longer than the budget (a long URL): cut it by code points.
    const out: string[] = [];
    let current = '';
    for (const ch of text) {
      if (!fitsSms(current + ch, maxSegments)) {
        out.push(current);
        current = '';
      }
      current += ch;
    }
    if (current) out.push(current);
    return out;
  }
  const [pattern, separator] = splitter;
  const parts = text
    .split(pattern)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .flatMap((p) => splitPiece(p, level + 1, maxSegments));
  return pack(parts, separator, maxSegments);
}

/** The text as one or more messages, each within `maxSegments`; whitespace-only input gives none. */
export function splitForSms(text: string, maxSegments: number = SMS_SEGMENT_BUDGET): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  return splitPiece(trimmed, 0, maxSegments);
}
