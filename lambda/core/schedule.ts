/**
 * When reminders fire: always in the candidate's waking hours. SMS quiet hours are
 * 21:00–08:00 local (the usual consent-and-courtesy window for texts), and email follows the
 * same rule so both channels behave alike.
 */
import { DateTime } from 'luxon';
import { isZone } from './wording.js';

export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;
/** The follow-up lands the next morning at 10:00 local: awake, at a desk, before the day fills up. */
export const FOLLOW_UP_HOUR = 10;
/** Late enough to read it over dinner, early enough to sleep on it. */
export const EVENING_BEFORE_HOUR = 20;

/** The first usable IANA zone among `zones`, else UTC. */
export function zoneOf(...zones: readonly (string | null | undefined)[]): string {
  return zones.find(isZone) ?? 'UTC';
}

export const toIso = (at: DateTime): string => at.toISO({ suppressMilliseconds: true }) ?? '';

export function isQuiet(at: DateTime): boolean {
  return at.hour >= QUIET_FROM_HOUR || at.hour < QUIET_UNTIL_HOUR;
}

/** The thank-you follow-up: the day after `now`, 10:00 in `zone`. */
export function followUpAt(now: string, zone: string): string {
  const local = DateTime.fromISO(now, { setZone: true }).setZone(zone);
  return toIso(
    local.plus({ days: 1 }).set({ hour: FOLLOW_UP_HOUR, minute: 0, second: 0, millisecond: 0 }),
  );
}

/**
 * The prep reminder: `hoursBefore` the interview, moved out of quiet hours to 20:00 local on
 * the evening before (a 09:00 interview is prepared for at 20:00 the day before, not 07:00);
 * never before `now` (then it fires now); null once the interview has started.
 */
export function prepAt(start: string, now: string, zone: string, hoursBefore = 2): string | null {
  const startAt = DateTime.fromISO(start, { setZone: true }).setZone(zone);
  const nowAt = DateTime.fromISO(now, { setZone: true }).setZone(zone);
  if (!startAt.isValid || !nowAt.isValid || startAt <= nowAt) return null;
  let at = startAt.minus({ hours: hoursBefore });
  if (isQuiet(at)) {
    const evening = at.hour < QUIET_UNTIL_HOUR ? at.minus({ days: 1 }) : at;
    at = evening.set({ hour: EVENING_BEFORE_HOUR, minute: 0, second: 0, millisecond: 0 });
  }
  return toIso(at < nowAt ? nowAt : at);
}
