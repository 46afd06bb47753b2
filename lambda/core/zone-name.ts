/** Whether a string names a time zone this runtime knows, asked once per name. */
import { IANAZone } from 'luxon';

const zoneValidity = new Map<string, boolean>();

/**
 * Whether `name` is a zone this runtime's ICU knows, exactly as written (luxon's
 * `IANAZone.isValidZone`), remembered: each check builds an `Intl.DateTimeFormat` (~0.1 ms)
 * and one mail or plan asks about the same few names again and again. Bounded, since the
 * names come from user input.
 */
export function isValidZoneName(name: string): boolean {
  let valid = zoneValidity.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (zoneValidity.size >= 1_000) zoneValidity.clear();
    zoneValidity.set(name, valid);
  }
  return valid;
}
