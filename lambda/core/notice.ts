/**
 * How much notice the interviewer gets: the hours left until the interview and what that
 * means for the wording (the apology) and the advice (call first under 24 hours).
 */
import { DateTime } from 'luxon';
import type { Urgency } from './schema.js';

export interface Notice {
  /** Hours from `now` to the start, one decimal; negative once it has passed; null when unknown. */
  readonly hoursLeft: number | null;
  readonly urgency: Urgency;
}

/** Under two hours there is no time to wait for an email to be read: call now. */
export const URGENT_HOURS = 2;
/** Under a day, the interviewer is owed a call first and a "short notice" apology. */
export const SHORT_HOURS = 24;

/** The notice left before `start` at `now` (both ISO-8601 instants). */
export function noticeFor(start: string | null, now: string): Notice {
  if (start === null) return { hoursLeft: null, urgency: 'unknown' };
  const startAt = DateTime.fromISO(start, { setZone: true });
  const nowAt = DateTime.fromISO(now, { setZone: true });
  if (!startAt.isValid || !nowAt.isValid) return { hoursLeft: null, urgency: 'unknown' };
  const hours = startAt.diff(nowAt, 'hours').hours;
  const hoursLeft = Math.round(hours * 10) / 10 || 0;
  const urgency: Urgency =
    hours < 0 ? 'past' : hours < URGENT_HOURS ? 'urgent' : hours < SHORT_HOURS ? 'short' : 'ample';
  return { hoursLeft, urgency };
}
