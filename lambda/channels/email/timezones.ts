/**
 * Turns the zone names calendar clients write into IANA zones: IANA names as they are,
 * Windows ids ("Pacific Standard Time"), Outlook display names ("(UTC-05:00) Eastern Time
 * (US & Canada)", "Amsterdam, Belgrade, Berlin, ..."), and, for zones named only by their
 * rules ("Customized Time Zone", "tzone://Microsoft/Custom"), the IANA zone whose offsets
 * match the VTIMEZONE's over the year of the event.
 */
import { DateTime, IANAZone } from 'luxon';
import { findIana, findWindows, WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { isValidZoneName } from '../../core/zone-name.js';

/** Local wall-clock components, as written in an invite. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** UTC offset in minutes in force at a local time, by some zone definition (a VTIMEZONE). */
export type OffsetAt = (local: LocalTime) => number;

const ALIASES: Readonly<Record<string, string>> = {
  utc: 'UTC',
  gmt: 'UTC',
  z: 'UTC',
  'etc/utc': 'UTC',
  'coordinated universal time': 'UTC',
};

/** Outlook display names that name no city: their Windows id. */
const DISPLAY_NAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\beastern time\b/i, 'Eastern Standard Time'],
  [/\bcentral time\b/i, 'Central Standard Time'],
  [/\bmountain time\b/i, 'Mountain Standard Time'],
  [/\bpacific time\b/i, 'Pacific Standard Time'],
  [/\batlantic time\b/i, 'Atlantic Standard Time'],
  [/\balaska\b/i, 'Alaskan Standard Time'],
  [/\bhawaii\b/i, 'Hawaiian Standard Time'],
  [/\barizona\b/i, 'US Mountain Standard Time'],
  [/\bindiana \(east\)/i, 'US Eastern Standard Time'],
  [/\bnewfoundland\b/i, 'Newfoundland Standard Time'],
  [/\bsaskatchewan\b/i, 'Canada Central Standard Time'],
  [/\bgreenwich mean time\b|\bdublin, edinburgh, lisbon, london\b/i, 'GMT Standard Time'],
  [/\bcoordinated universal time\b/i, 'UTC'],
];

/** The Windows "001" (primary) zones, the candidates when only the offsets are known. */
let primaryZones: readonly string[] | undefined;
function primaryZonesList(): readonly string[] {
  primaryZones ??= [
    ...new Set(
      WINDOWS_TO_IANA_MAP.filter((z) => z.territory === '001')
        .map((z) => ianaFromWindows(z.windowsName))
        .filter((z): z is string => z !== null && !z.startsWith('Etc/')),
    ),
  ];
  return primaryZones;
}

const isIana = (name: string): boolean => name.includes('/') && isValidZoneName(name);

/** CLDR still lists some zones by their old names; the tz database's current ones. */
const CURRENT_NAMES: Readonly<Record<string, string>> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
};

/** The primary IANA zone of a Windows zone id (under its current name), or null. */
export function ianaFromWindows(name: string): string | null {
  const found = findIana(name.trim());
  const first = found.find(isValidZoneName);
  if (!first) return null;
  const current = CURRENT_NAMES[first];
  return current && isValidZoneName(current) ? current : first;
}

/** "tzone://Microsoft/Pacific", quotes, escaped commas: the name a human would read. */
function cleanName(tzid: string): string {
  return tzid
    .replace(/\\,/g, ',')
    .replace(/^["']|["']$/g, '')
    .replace(/^tzone:\/\/Microsoft\//i, '')
    .replace(/^\/[^/]+\/[^/]+\//, '') // "/mozilla.org/20050126_1/Europe/Berlin"
    .trim();
}

/** The IANA zone of a city or place named in a display name ("Canberra, Melbourne, Sydney"). */
function ianaFromPlaces(text: string): string | null {
  const words = text
    .replace(/\([^()]*\)/g, ' ') // [^()]: an unclosed "(" costs linear time, not quadratic (ReDoS)
    .split(/[,;:/]| - /)
    .map((w) => w.trim().replace(/\s+/g, '_').toLowerCase())
    .filter((w) => w.length > 2);
  if (words.length === 0) return null;
  const all = Intl.supportedValuesOf('timeZone');
  for (const word of words) {
    const match = all.find((z) => z.toLowerCase().split('/').pop() === word);
    if (!match) continue;
    const windows = findWindows(match)[0];
    return (windows && ianaFromWindows(windows)) ?? match;
  }
  return null;
}

/** "(UTC+07:00)", "(GMT +01:00)", "GMT +0100": minutes east of UTC named in a display name. */
export function offsetNamed(tzid: string): number | null {
  const m = /(?:UTC|GMT)\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?/i.exec(tzid);
  if (!m) return /^\(?(?:UTC|GMT)\)?(?:\s|$)/i.test(tzid.trim()) ? 0 : null;
  const sign = m[1] === '+' ? 1 : -1;
  return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/**
 * The IANA zone a TZID names, by name alone (no VTIMEZONE needed), or null.
 * Order: IANA, alias, Windows id, Outlook display name, a city in the name.
 */
export function ianaFromName(tzid: string): string | null {
  const name = cleanName(tzid);
  if (!name) return null;
  if (isIana(name)) return IANAZone.create(name).name;
  const alias = ALIASES[name.toLowerCase()];
  if (alias) return alias;
  const windows = ianaFromWindows(name);
  if (windows) return windows;
  const withoutOffset = name
    .replace(/^\(?(?:UTC|GMT)\s*(?:[+-−]\s*\d{1,2}(?::?\d{2})?)?\)?\s*/i, '')
    .trim();
  if (withoutOffset && withoutOffset !== name) {
    const w = ianaFromWindows(withoutOffset);
    if (w) return w;
  }
  for (const [pattern, id] of DISPLAY_NAMES) {
    if (pattern.test(name)) return id === 'UTC' ? 'UTC' : ianaFromWindows(id);
  }
  return ianaFromPlaces(withoutOffset || name);
}

/** The offset (minutes) a zone has at a local time, by luxon's tz database. */
export function ianaOffsetAt(zone: string, local: LocalTime): number {
  return DateTime.fromObject(local, { zone }).offset;
}

/** Sample local times across the year of `around`: noon on the 1st and 15th of each month. */
function samples(around: LocalTime): LocalTime[] {
  const out: LocalTime[] = [{ ...around }];
  for (let month = 1; month <= 12; month++) {
    for (const day of [1, 15])
      out.push({ year: around.year, month, day, hour: 12, minute: 0, second: 0 });
  }
  return out;
}

/** True when `zone` agrees with the given zone definition on every sample around `at`. */
export function zoneMatches(zone: string, offsetAt: OffsetAt, at: LocalTime): boolean {
  return samples(at).every((s) => ianaOffsetAt(zone, s) === offsetAt(s));
}

/**
 * The IANA zone for a TZID that has a VTIMEZONE: by name when the name's zone agrees with
 * the VTIMEZONE's offsets at the event (names win: the tz database is more exact than a
 * client's rules), else the primary zone whose offsets match over the whole year, preferring
 * one whose Windows id or city shares a word with the name.
 */
export function ianaForDefinition(tzid: string, offsetAt: OffsetAt, at: LocalTime): string | null {
  const byName = ianaFromName(tzid);
  if (byName && ianaOffsetAt(byName, at) === offsetAt(at)) return byName;
  const matching = primaryZonesList().filter((z) => zoneMatches(z, offsetAt, at));
  if (matching.length === 0) return null;
  const words = new Set(
    cleanName(tzid)
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(
        (w) =>
          w.length > 3 &&
          !['time', 'standard', 'daylight', 'customized', 'zone', 'custom'].includes(w),
      ),
  );
  const scored = matching.map((z) => {
    const names = [z, ...findWindows(z)].join(' ').toLowerCase();
    return { z, score: [...words].filter((w) => names.includes(w)).length };
  });
  scored.sort((a, b) => b.score - a.score);
  return scored[0]?.z ?? null;
}
