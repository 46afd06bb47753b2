/**
 * Small pieces every draft shares: cleaning user-supplied values before they are shown to an
 * interviewer, naming people, naming times in the right zone, and matching cue phrases.
 */
import { DateTime } from 'luxon';
import { isValidZoneName } from './zone-name.js';

/** Pictographs (emoji), their joiners and variation selectors, and skin-tone modifiers. */
// A run per match (+): a text of 100k joiners is one replacement, not 100k.
const EMOJI = /(?:\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u200D|\uFE0E|\uFE0F|\u20E3)+/gu;
/** C0/C1 controls and line/paragraph separators: a value is one line (header safety). */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;

/**
 * A user-supplied value (a name, a company) made fit for a message to an interviewer: one
 * line, no emoji, no exclamation marks, single spaces. Returns null when nothing is left.
 */
export function cleanValue(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value
    .replace(CONTROL, ' ')
    .replace(EMOJI, '')
    .replace(/[!¡]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? null : cleaned;
}

/** Strips headers' poison: CR, LF and other controls become spaces. */
export function oneLine(value: string): string {
  return value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

const TITLE = /^(mr|mrs|ms|miss|mx|dr|prof)\.?$/i;

/** "Dr. Weiss" for a name that starts with a title ("Dr. Hanna Weiss"), else null. */
export function formalName(name: string | null): string | null {
  const parts = (name ?? '').split(' ').filter(Boolean);
  const [first] = parts;
  return first !== undefined && TITLE.test(first) && parts.length > 1
    ? `${first} ${parts[parts.length - 1]}`
    : null;
}

/** The first word of a name, for "Hi Dana"; titles keep the surname ("Hi Dr. Weiss"). */
export function firstName(name: string | null): string | null {
  if (name === null) return null;
  return formalName(name) ?? name.split(' ').find(Boolean) ?? null;
}

/** Whether `zone` is an IANA zone luxon can use. */
export function isZone(zone: string | null | undefined): zone is string {
  return typeof zone === 'string' && isValidZoneName(zone);
}

export interface WhenText {
  /** "Thursday, 3 December at 3:00 PM EST" */
  readonly long: string;
  /** "Thursday, 3 December" */
  readonly day: string;
  /** "Thu 3 Dec, 3:00 PM EST" (SMS) */
  readonly short: string;
}

/**
 * Names an instant in `zone` (the interviewer's), or in the offset the instant was written
 * with when the zone is unknown. Null when there is no usable instant.
 */
export function describeWhen(
  start: string | null,
  zone: string | null,
  formats: WhenFormats,
): WhenText | null {
  if (start === null) return null;
  const key = `${start}|${zone ?? ''}|${formats.long}|${formats.day}|${formats.short}`;
  if (described.has(key)) return described.get(key) ?? null;
  const when = formatWhen(start, zone, formats);
  // Formatting a zone name builds an Intl formatter (milliseconds); one plan names the same time many times.
  if (described.size >= DESCRIBED_MAX) described.clear();
  described.set(key, when);
  return when;
}

const DESCRIBED_MAX = 500;
const described = new Map<string, WhenText | null>();

/** luxon format strings (from phrases.json) for each way a time is named. */
export type WhenFormats = Readonly<Record<keyof WhenText, string>>;

function formatWhen(start: string, zone: string | null, formats: WhenFormats): WhenText | null {
  let at = DateTime.fromISO(start, { setZone: true });
  if (!at.isValid) return null;
  if (isZone(zone)) at = at.setZone(zone);
  at = at.setLocale('en-US');
  return {
    long: at.toFormat(formats.long),
    day: at.toFormat(formats.day),
    short: at.toFormat(formats.short),
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Curly quotes folded to straight ones so cues written with "'" match either. */
export const foldQuotes = (text: string): string =>
  text.replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"');

/** True when `text` contains `cue` as a whole phrase, ignoring case. */
export function hasCue(text: string, cue: string): boolean {
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(cue)}(?=$|[^\\p{L}\\p{N}])`, 'iu');
  return re.test(foldQuotes(text));
}

/** Words that deny what follows them ("not sick", "isn't ill", "no fever"). */
const NEGATION =
  /(^|[^\p{L}])(not|no|never|n't|isn't|wasn't|aren't|doesn't|don't|didn't|hasn't|haven't|without)$/iu;
/** How many words before a cue a negation still reaches. */
const NEGATION_REACH = 3;

/** True when `text` contains `cue` as a whole phrase at least once without a negation just before it. */
export function hasAffirmedCue(text: string, cue: string): boolean {
  const folded = foldQuotes(text);
  const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(cue)}(?=$|[^\\p{L}\\p{N}])`, 'giu');
  for (const match of folded.matchAll(re)) {
    const before = folded.slice(
      Math.max(0, match.index - 60),
      match.index + (match[1]?.length ?? 0),
    );
    const words = before
      .split(/[\s,;:.!?()]+/)
      .filter(Boolean)
      .slice(-NEGATION_REACH);
    if (!words.some((word) => NEGATION.test(word))) return true;
  }
  return false;
}

/**
 * True when every group has at least one affirmed cue in `text`: a variant that says more
 * ("my child is unwell") needs the candidate to have said it, not denied it.
 */
export function matchesAll(text: string, groups: readonly (readonly string[])[]): boolean {
  return groups.every((group) => group.some((cue) => hasAffirmedCue(text, cue)));
}

/** Words as a reader counts them (runs of non-space). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
