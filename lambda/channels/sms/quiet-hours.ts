/**
 * SMS quiet hours: nothing is texted between 21:00 and 08:00 in the candidate's zone.
 * A message due in quiet hours is deferred to 08:00 local, never dropped. With several
 * candidate zones (a multi-zone country), the message waits until it is waking time in
 * all of them.
 */
import { DateTime } from 'luxon';
import { EVENING_BEFORE_HOUR, isQuiet, QUIET_UNTIL_HOUR } from '../../core/schedule.js';
import type { ReminderRecord, ReminderScheduler } from '../../app/ports.js';
import { candidateZones } from './zones.js';

/** Quiet hours (the core's: 21:00–08:00) at `at` in `zone`. */
function isQuietIn(at: DateTime, zone: string): boolean {
  return isQuiet(at.setZone(zone));
}

/** The next 08:00 in `zone` at or after `at` (today's when before 08:00, else tomorrow's). */
function nextMorning(at: DateTime, zone: string): DateTime {
  const local = at.setZone(zone);
  const today = local.set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 });
  return local.hour < QUIET_UNTIL_HOUR ? today : today.plus({ days: 1 });
}

function utcIso(at: DateTime): string {
  const iso = at.toUTC().toISO();
  if (iso === null) throw new RangeError(`sendableAt: invalid instant: ${at.invalidReason ?? ''}`);
  return iso;
}

/** True when `at` (ISO-8601) falls in quiet hours in any of `zones`. */
export function isQuietHours(at: string, zones: readonly string[]): boolean {
  const instant = DateTime.fromISO(at, { setZone: true });
  return zones.some((zone) => isQuietIn(instant, zone));
}

/**
 * The earliest instant at or after `at` outside quiet hours in every zone, as ISO-8601
 * (UTC). Unchanged when already outside them or when there are no zones. If the zones
 * leave no common waking window (they span more than 11 hours), the first zone decides.
 */
export function sendableAt(at: string, zones: readonly string[]): string {
  const start = DateTime.fromISO(at, { setZone: true });
  if (!start.isValid) throw new RangeError(`sendableAt: not an ISO-8601 instant: ${at}`);
  const valid = zones.filter((zone) => start.setZone(zone).isValid);
  let candidate: DateTime = start;
  // Each pass moves past one zone's night; a few passes settle any sane zone set.
  for (let pass = 0; pass < 2 * valid.length + 2; pass++) {
    const quiet = valid.find((zone) => isQuietIn(candidate, zone));
    if (!quiet) return candidate === start ? at : utcIso(candidate);
    candidate = nextMorning(candidate, quiet);
  }
  const [first] = valid;
  if (!first || !isQuietIn(start, first)) return at;
  return utcIso(nextMorning(start, first));
}

/**
 * The latest instant at or before `at` that is outside quiet hours in every zone, moving
 * back to 20:00 on the evening before; null when that is before `notBefore` (too late to
 * move back) or the zones leave no common window.
 */
export function sendableBefore(
  at: string,
  zones: readonly string[],
  notBefore: string,
): string | null {
  const start = DateTime.fromISO(at, { setZone: true });
  const floor = DateTime.fromISO(notBefore, { setZone: true });
  if (!start.isValid || !floor.isValid)
    throw new RangeError(`sendableBefore: not ISO-8601 instants: ${at}, ${notBefore}`);
  const valid = zones.filter((zone) => start.setZone(zone).isValid);
  let candidate: DateTime = start;
  for (let pass = 0; pass < 2 * valid.length + 2; pass++) {
    const quiet = valid.find((zone) => isQuietIn(candidate, zone));
    if (!quiet) {
      if (candidate < floor) return null;
      return candidate === start ? at : utcIso(candidate);
    }
    const local = candidate.setZone(quiet);
    const evening = local.hour < QUIET_UNTIL_HOUR ? local.minus({ days: 1 }) : local;
    candidate = evening.set({ hour: EVENING_BEFORE_HOUR, minute: 0, second: 0, millisecond: 0 });
  }
  return null;
}

/** Works out the zones to keep quiet hours in for a reminder's recipient. */
export type ZonesForReminder = (
  reminder: ReminderRecord,
) => readonly string[] | Promise<readonly string[]>;

/** The reminder's own zone (the candidate's, when known), else its number's country. */
export const reminderZones: ZonesForReminder = (reminder) =>
  candidateZones({ profileZone: reminder.timezone ?? null, phone: reminder.to });

export interface QuietHoursSchedulerOptions {
  /** @default reminderZones */
  readonly zonesFor?: ZonesForReminder;
  /** Called with the moved reminder before it is scheduled: store it so the record shows the real time. */
  readonly onDeferred?: (reminder: ReminderRecord) => Promise<void>;
  /** The clock for "too late to move a prep reminder back". @default the system clock */
  readonly now?: () => Date;
}

/**
 * A ReminderScheduler that moves SMS reminders out of quiet hours before scheduling them:
 * the reminder path's guard, whatever the core planned (the core plans in one zone; a
 * number from a multi-zone country needs all of them). A reminder is never dropped: it
 * waits for 08:00, except a prep reminder, which moves back to 20:00 the evening before
 * when there is still time (after 08:00 it could land after the interview itself).
 * Email reminders pass unchanged.
 */
export class QuietHoursScheduler implements ReminderScheduler {
  constructor(
    private readonly inner: ReminderScheduler,
    private readonly options: QuietHoursSchedulerOptions = {},
  ) {}

  async schedule(reminder: ReminderRecord): Promise<void> {
    if (reminder.channel !== 'sms') return this.inner.schedule(reminder);
    const zones = await (this.options.zonesFor ?? reminderZones)(reminder);
    const now = (this.options.now ?? (() => new Date()))().toISOString();
    const earlier = reminder.kind === 'prep' ? sendableBefore(reminder.at, zones, now) : null;
    const at = earlier ?? sendableAt(reminder.at, zones);
    if (at === reminder.at) return this.inner.schedule(reminder);
    const deferred: ReminderRecord = { ...reminder, at };
    await this.options.onDeferred?.(deferred);
    return this.inner.schedule(deferred);
  }

  cancel(reminderId: string): Promise<void> {
    return this.inner.cancel(reminderId);
  }
}
