/**
 * Turns what the CLI was given (flags, or one --jsonl line) into a validated `Request`,
 * naming every problem at once in a ValidationError. Problems are reported under the
 * names the user typed (`now`, `tz`, `company`, …), not the Request's paths.
 */
import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { isValidZoneName } from '../core/zone-name.js';
import { ValidationError, type Issue } from '../core/errors.js';
import { RequestSchema, toIssues, type Request } from '../core/schema.js';

/** The inputs of `reschedule draft`, as flags or as the fields of one --jsonl line. */
export interface DraftInput {
  readonly text: string;
  readonly company?: string | undefined;
  readonly interviewer?: string | undefined;
  /** The interview time in prose ("tmrw 10am", "Thu 2:30pm ET"). */
  readonly when?: string | undefined;
  /** The candidate's IANA zone. */
  readonly tz?: string | undefined;
  /** The current instant, ISO-8601. */
  readonly now?: string | undefined;
}

/** Request paths -> the CLI names they came from. */
const FIELD_OF_PATH: Readonly<Record<string, string>> = {
  text: 'text',
  receivedAt: 'now',
  'interview.company': 'company',
  'interview.interviewer.name': 'interviewer',
  'interview.when': 'when',
  'interview.timezone': 'tz',
  'candidate.timezone': 'tz',
};

/** Checks an IANA zone name; returns the problem, or null. */
export function checkZone(tz: string, field = 'tz'): Issue | null {
  return isValidZoneName(tz)
    ? null
    : {
        path: field,
        message: `unknown time zone "${tz}" (expected an IANA name like Europe/London)`,
      };
}

/**
 * Reads an ISO-8601 instant. Without an offset it is read in `zone` (or UTC). Returns the
 * instant with its offset kept, or the problem.
 */
export function readInstant(
  value: string,
  zone: string | undefined,
  field = 'now',
): { instant: string } | { issue: Issue } {
  // `zone` applies only when the text has no offset; `setZone` keeps the offset it has.
  const dt = DateTime.fromISO(value.trim(), { zone: zone ?? 'UTC', setZone: true });
  if (!dt.isValid) {
    return {
      issue: {
        path: field,
        message: `not an ISO-8601 date-time: "${value}" (expected e.g. 2026-11-23T12:00:00Z)`,
      },
    };
  }
  const instant = dt.toISO({ suppressMilliseconds: true });
  if (instant === null) {
    return { issue: { path: field, message: `cannot be represented: "${value}"` } };
  }
  return { instant };
}

/** A stable id for an input: `cli-` and the first 16 hex digits of its SHA-256. */
export function requestIdOf(input: DraftInput, now: string): string {
  const canonical = JSON.stringify([
    input.text,
    input.company ?? null,
    input.interviewer ?? null,
    input.when ?? null,
    input.tz ?? null,
    now,
  ]);
  return `cli-${createHash('sha256').update(canonical).digest('hex').slice(0, 16)}`;
}

function dedupe(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds the Request the DESIGN gives for the CLI:
 * `{ id, channel: 'cli', text, receivedAt: now, interview: { company, interviewer: { name },
 * when, timezone: tz }, candidate: { timezone: tz }, deliver: 'none' }`.
 * `defaultNow` is used when the input names no `now`; `id` overrides the hash-based id.
 */
export function toRequest(input: DraftInput, defaultNow: string, id?: string): Request {
  const issues: Issue[] = [];
  if (input.tz !== undefined) {
    const problem = checkZone(input.tz);
    if (problem) issues.push(problem);
  }
  const zone = input.tz !== undefined && issues.length === 0 ? input.tz : undefined;
  const read = readInstant(input.now ?? defaultNow, zone);
  let receivedAt = input.now ?? defaultNow;
  if ('issue' in read) issues.push(read.issue);
  else receivedAt = read.instant;

  const interview: Record<string, unknown> = {};
  if (input.company !== undefined) interview.company = input.company;
  if (input.interviewer !== undefined) interview.interviewer = { name: input.interviewer };
  if (input.when !== undefined) interview.when = input.when;
  if (input.tz !== undefined) interview.timezone = input.tz;

  const candidate: Record<string, unknown> = {};
  if (input.tz !== undefined) candidate.timezone = input.tz;

  const raw = {
    id: id ?? requestIdOf(input, receivedAt),
    channel: 'cli',
    text: input.text,
    receivedAt,
    interview,
    candidate,
    deliver: 'none',
  };
  const parsed = RequestSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of toIssues(parsed.error)) {
      const field = FIELD_OF_PATH[issue.path] ?? issue.path;
      // An unreadable `now` is already reported in the user's words.
      if (field === 'now' && 'issue' in read) continue;
      issues.push({ path: field, message: issue.message });
    }
  }
  if (issues.length > 0 || !parsed.success) throw new ValidationError(dedupe(issues));
  return parsed.data;
}
