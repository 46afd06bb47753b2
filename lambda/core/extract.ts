/**
 * Reads interview details from prose: an SMS ("cant make the interview at Acme tmrw 10am"),
 * a voicemail transcript, or the body of a forwarded invite. Precision over recall: every
 * field is `null` unless the text says it; nothing is guessed.
 *
 * - start/timezone: chrono-node finds the expressions, luxon builds them in the zone named
 *   right after the time ("2:30 PM Central Time"), else in `context.timezone`; with no zone
 *   at all (and no "UTC+2"-style offset) both are null. See ./extract/when.ts for the rules
 *   (bare "at 3" is afternoon; "10/12" is read only when a weekday settles it; no clock
 *   time -> null). When several times appear, the one the text ties to the interview wins
 *   (see `scoreHit`): not a proposed new slot, a reply deadline or another commitment.
 * - interviewer: ./extract/people.ts; company and role: ./extract/organisation.ts.
 * - `timezone` is reported in its canonical IANA spelling ("america/chicago" ->
 *   "America/Chicago"; "Etc/UTC" -> "UTC").
 *
 * Cost: the text is cut at 100 KB, every pattern reads one line or a bounded window, and
 * chrono only sees short stretches around clock-time cues (about 1.2 KB in all).
 */
import { DateTime } from 'luxon';
import { ValidationError, type Issue } from './errors.js';
import { readDocument, type Document } from './extract/document.js';
import { findOrganisation } from './extract/organisation.js';
import { findInterviewer, findSigner, signatureLines } from './extract/people.js';
import {
  findTimes,
  formatInstant,
  normalizeTimeText,
  resolveHit,
  type TimeHit,
} from './extract/when.js';
import { aboutOtherEmployer } from './extract/words.js';
import { validZone } from './extract/zones.js';

export interface ExtractContext {
  /** ISO-8601 instant the text was written at: relative times ("tmrw") are read against it. */
  readonly now: string;
  /** IANA zone to read bare clock times in (the candidate's), when the text names none. */
  readonly timezone?: string | undefined;
  /**
   * Names of people the caller already knows (the candidate): a subject such as "Interview -
   * Senior QA Engineer - Ananya Rao" names them, never the company. Not the invite's sender:
   * an ATS sends under the company's own name.
   */
  readonly people?: readonly string[] | undefined;
}

export interface Extracted {
  readonly company: string | null;
  readonly role: string | null;
  readonly interviewer: {
    readonly name: string | null;
    readonly email: string | null;
    readonly phone: string | null;
  };
  /** ISO-8601 with the offset in force in `timezone`, or null. */
  readonly start: string | null;
  /** IANA zone, or null. */
  readonly timezone: string | null;
}

export interface ExtractOptions {
  /**
   * `false` when the caller already knows the start and its zone (an invite's DTSTART, a
   * webhook's `interview.start`): the time search, most of the cost, is skipped and `start`
   * and `timezone` come back null.
   */
  readonly start?: boolean;
  /**
   * `true` when the whole text is the interview's own invite (the body of a forwarded
   * invite, a caller's `interview.details`): its times count as the forwarded invite's do,
   * without a forward header to show it ("You're all set for Friday at 2:30pm Sydney time").
   */
  readonly invite?: boolean;
}

/**
 * Reads interview details from prose; `null` where unknown, never a guess.
 * @throws ValidationError when `context.now` is not an ISO-8601 instant with an offset, or
 *   `context.timezone` is not an IANA zone (every problem is named).
 */
export function extract(
  text: string,
  context: ExtractContext,
  options: ExtractOptions = {},
): Extracted {
  const { now, zone } = readContext(context);
  const doc = readDocument(text);
  const interviewer = findInterviewer(doc);
  // A signature names the company only when it is the invite's: the forwarded invite's
  // writer, or the interviewer. A candidate's own sign-off may name their current employer.
  const signer = findSigner(doc);
  const inviteSigner = signer !== null && (doc.forwarded || signer === interviewer.name);
  const people = new Set(
    [...(context.people ?? []), interviewer.name ?? ''].map((n) => n.trim().toLowerCase()),
  );
  people.delete('');
  const organisation = findOrganisation(
    doc,
    inviteSigner ? signatureLines(doc.lines, signer) : [],
    people,
  );
  const when: When =
    options.start === false
      ? { start: null, timezone: null }
      : findStart(doc, now, zone, options.invite === true);
  return {
    company: organisation.company,
    role: organisation.role,
    interviewer,
    start: when.start,
    timezone: when.timezone,
  };
}

/**
 * Reads one time expression ("tmrw 10am", "Thu 2:30pm ET"); null when there is none, when it
 * has no clock time ("tomorrow morning"), or when no zone is known (neither in the text nor
 * `context.timezone`). A fixed offset with no IANA name ("UTC+5:30") also gives null here,
 * since `timezone` must be an IANA name.
 * @throws ValidationError as `extract` does.
 */
export function parseWhen(
  text: string,
  context: ExtractContext,
): { start: string; timezone: string } | null {
  const { now, zone } = readContext(context);
  const normalized = normalizeTimeText(text.slice(0, 500));
  const referenceZone = zone ?? now.zoneName ?? 'UTC';
  for (const hit of findTimes(normalized, now, referenceZone)) {
    const resolved = inZone(normalized, hit, now, referenceZone, zone);
    if (resolved?.start && resolved.timezone)
      return { start: resolved.start, timezone: resolved.timezone };
  }
  return null;
}

/** Words that state a new time for the same interview: "has moved to", "it's now", "rescheduled for". */
const MOVED =
  /\b(?:moved|rescheduled|re-scheduled|changed|pushed(?:[ \t]+back)?|brought[ \t]+forward|updated)\b|\bit['’]?s[ \t]+now\b|\bis[ \t]+now\b|\bnew[ \t]+(?:time|date|slot)\b/i;

/**
 * The new time a note gives for a moved interview ("Joost has had to move this. It's now
 * Thursday 21 January at 10:00 (CET) instead of the Tuesday"), read from the first sentence
 * that says it moved and names a time; null when no sentence does. For the notes of people
 * who forward an invite on: theirs is newer than the invite below them.
 */
export function movedTo(
  text: string,
  context: ExtractContext,
): { start: string; timezone: string } | null {
  for (const sentence of text.slice(0, 5_000).split(/(?<=[.!?])[ \t]+|\n+/)) {
    if (!MOVED.test(sentence)) continue;
    const when = parseWhen(sentence, context);
    if (when) return when;
  }
  return null;
}

interface When {
  readonly start: string | null;
  readonly timezone: string | null;
}

const NO_TIME: When = { start: null, timezone: null };

/**
 * chrono costs about 1 ms per 200 characters, so it sees at most MAX_WINDOWS stretches of
 * text around clock-time cues, each WINDOW_BEFORE + cue + WINDOW_AFTER characters: enough
 * for "on Thursday, December 10, at 2:30 PM Central Time", and ~1.2 KB in all however long
 * the text. Paragraphs are read up to MAX_PARAGRAPH characters.
 */
const MAX_WINDOWS = 8;
const WINDOW_BEFORE = 80;
const WINDOW_AFTER = 60;
const MAX_PARAGRAPH = 20_000;
/** A time in a paragraph about the interview, in the forwarded invite or said to be missed: stop looking. */
const GOOD_ENOUGH = 6;

/** A clock time worth giving chrono: "10am", "14:30", "at 9", "noon", "in 2 hours". */
const TIME_CUE =
  /\d[ \t]*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])|\d:\d\d|\bat[ \t]+\d|\bnoon\b|\bin[ \t]+(?:an?|\d+|half[ \t]+an?)[ \t]+(?:hours?|hrs?|minutes?|mins?)\b/i;
const TIME_CUES = new RegExp(TIME_CUE.source, 'gi');
/**
 * Words of a paragraph about the interview. Not "booked", "scheduled" or "appointment":
 * candidates use those for the other thing ("a dentist appt at 10 tmrw").
 */
const INTERVIEW_WORDS =
  /\b(?:interview\w*|meeting|meet|call|chat|confirm\w*|session|screen\w*|invit\w*)\b/i;
const CANT_MAKE =
  /\b(?:can['’]?t|cannot|can[ \t]+not|won['’]?t|wont|unable[ \t]+to|not[ \t]+able[ \t]+to|not[ \t]+going[ \t]+to|no[ \t]+longer[ \t]+able[ \t]+to)[ \t]+(?:make|do|attend|come|join|be[ \t]+there|get[ \t]+(?:in|there))|\bmiss(?:ing)?\b/i;
/** Words that make a time a proposal for a new slot, not the interview's. */
const ALTERNATIVE =
  /\b(?:instead|how[ \t]+about|what[ \t]+about|would[ \t]+\S+(?:[ \t]+\S+)?[ \t]+work|works?[ \t]+(?:for|better)|available|availability|free|reschedul\w*[ \t]+(?:to|for)|move[ \t]+(?:it[ \t]+)?to|push[ \t]+(?:it[ \t]+)?(?:back[ \t]+)?to|can[ \t]+we[ \t]+(?:do|try)|could[ \t]+we[ \t]+(?:do|try)|any[ \t]+chance|new[ \t]+time|swap)\b/i;
/** A deadline ("please confirm by Friday 5pm", "a filing due Thursday at noon") is not the interview. */
const DEADLINE = /\b(?:by|before|until|no[ \t]+later[ \t]+than|deadline)[ \t:]*$/i;
const DEADLINE_CLAUSE = /\b(?:deadline|due)\b/i;

interface Scored {
  readonly text: string;
  readonly hit: TimeHit;
  readonly score: number;
}

/** The interview's start: the best-scoring clock time in the paragraphs that hold one. */
function findStart(doc: Document, now: DateTime, zone: string | null, invite: boolean): When {
  const referenceZone = zone ?? now.zoneName ?? 'UTC';
  const ordered = [
    ...doc.paragraphs.filter((p) => p.invite),
    ...doc.paragraphs.filter((p) => !p.invite),
  ];
  let windows = 0;
  let best: Scored | null = null;
  for (const paragraph of ordered) {
    if (windows >= MAX_WINDOWS) break;
    const text = normalizeTimeText(paragraph.text.slice(0, MAX_PARAGRAPH));
    const context = {
      forwarded: invite || (doc.forwarded && paragraph.invite),
      aboutInterview: INTERVIEW_WORDS.test(text),
    };
    for (const window of cueWindows(text, MAX_WINDOWS - windows)) {
      windows += 1;
      const slice = text.slice(window.start, window.end);
      for (const hit of findTimes(slice, now, referenceZone)) {
        if (!resolveHit(hit, now, referenceZone)) continue;
        const score = scoreHit(
          context,
          text,
          window.start + hit.index,
          window.start + hit.index + hit.text.length,
        );
        if (score > 0 && (best === null || score > best.score)) best = { text: slice, hit, score };
      }
      if (best && best.score >= GOOD_ENOUGH) break;
    }
    if (best && best.score >= GOOD_ENOUGH) break;
  }
  if (!best) return NO_TIME;
  return inZone(best.text, best.hit, now, referenceZone, zone) ?? NO_TIME;
}

/**
 * Stretches of `text` around each clock-time cue, merged where they overlap, cut at word
 * boundaries: chrono reads these instead of whole paragraphs, which keeps its cost bounded.
 */
function cueWindows(text: string, max: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(TIME_CUES)) {
    let start = Math.max(0, m.index - WINDOW_BEFORE);
    let end = Math.min(text.length, m.index + m[0].length + WINDOW_AFTER);
    if (start > 0) start = nextSpace(text, start, m.index);
    if (end < text.length) end = previousSpace(text, end, m.index + m[0].length);
    const last = out[out.length - 1];
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      continue;
    }
    if (out.length >= max) break;
    out.push({ start, end });
  }
  return out;
}

function nextSpace(text: string, from: number, limit: number): number {
  for (let i = from; i < limit; i += 1) if (/\s/.test(text[i] ?? '')) return i + 1;
  return from;
}

function previousSpace(text: string, from: number, limit: number): number {
  for (let i = from; i > limit; i -= 1) if (/\s/.test(text[i] ?? '')) return i;
  return from;
}

/**
 * Builds a hit in the zone named after it, else the context's zone. chrono read relative
 * days ("tomorrow") against the wall clock of `referenceZone`; when the text names another
 * zone, the paragraph is read again against that zone's wall clock.
 */
function inZone(
  text: string,
  hit: TimeHit,
  now: DateTime,
  referenceZone: string,
  zone: string | null,
): When | null {
  const target = hit.mention?.zone ?? zone;
  if (!target) return null;
  const timezone = hit.mention ? hit.mention.iana : zone;
  const again =
    target === referenceZone
      ? hit
      : (findTimes(text, now, target).find((h) => h.index === hit.index) ?? hit);
  const date = resolveHit(again, now, target);
  if (!date) return null;
  return { start: formatInstant(date), timezone };
}

/**
 * How surely a time is the interview's: +4 in a paragraph about the interview, +3 in the
 * forwarded invite, +2 in a clause saying it will be missed ("cant make tmrw 10am"); -6 in
 * a clause proposing another time ("can we do thurs 2pm instead"), -5 for a deadline
 * ("confirm by Friday 5pm"), -10 for another employer's interview ("another interview at
 * 2pm"). Only a score above 0 counts: a bare time is not enough.
 */
function scoreHit(
  paragraph: { readonly forwarded: boolean; readonly aboutInterview: boolean },
  text: string,
  start: number,
  end: number,
): number {
  const { before, clause } = clauseAround(text, start, end);
  let score = 0;
  if (paragraph.forwarded) score += 3;
  if (paragraph.aboutInterview) score += 4;
  if (CANT_MAKE.test(clause)) score += 2;
  if (ALTERNATIVE.test(clause)) score -= 6;
  if (DEADLINE.test(before) || DEADLINE_CLAUSE.test(clause)) score -= 5;
  if (aboutOtherEmployer(text, start, end)) score -= 10;
  return score;
}

/** The clause holding [start, end): bounded by . ; ! ? a line break or ", ", at most 300 characters each side. */
function clauseAround(
  text: string,
  start: number,
  end: number,
): { before: string; clause: string } {
  let from = start;
  while (from > 0 && start - from < 300 && !isClauseEnd(text, from - 1)) from -= 1;
  let to = end;
  while (to < text.length && to - end < 300 && !isClauseEnd(text, to)) to += 1;
  return { before: text.slice(from, start), clause: text.slice(from, to) };
}

function isClauseEnd(text: string, i: number): boolean {
  const c = text[i];
  if (c === '.' || c === ';' || c === '!' || c === '?' || c === '\n') return true;
  return c === ',' && text[i + 1] === ' ';
}

const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

function readContext(context: ExtractContext): { now: DateTime; zone: string | null } {
  const issues: Issue[] = [];
  const now = DateTime.fromISO(context.now, { setZone: true });
  if (!now.isValid || !HAS_OFFSET.test(context.now.trim())) {
    issues.push({
      path: 'now',
      message: 'expected an ISO-8601 instant with an offset, e.g. 2026-12-08T09:00:00-06:00',
    });
  }
  const raw = context.timezone?.trim() ?? '';
  const zone = raw === '' ? null : validZone(raw);
  if (raw !== '' && zone === null)
    issues.push({ path: 'timezone', message: 'expected an IANA time zone, e.g. America/Chicago' });
  if (issues.length > 0) throw new ValidationError(issues);
  return { now, zone };
}
