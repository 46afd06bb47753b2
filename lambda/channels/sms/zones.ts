/**
 * The zone(s) a phone number's owner probably lives in, from the E.164 country calling
 * code alone (libphonenumber is not installed, and area codes say little for mobiles).
 *
 * Conservative on purpose: a single-zone country maps to its zone; a multi-zone country
 * maps to the set of zones where most of its people live, and quiet hours then hold when
 * it is quiet in ANY of them (so a message lands in everyone's waking hours: for +1,
 * 13:00–19:30 Eastern; for +61, 11:00–21:00 Sydney). An unknown code gives [] and the
 * caller falls back to the interview's zone. A zone in the candidate's profile always wins.
 */

/** Country calling code -> IANA zones. Longest codes are matched first. */
const ZONES_BY_CALLING_CODE: Readonly<Record<string, readonly string[]>> = {
  // Multi-zone: the populated zones, so quiet hours hold in all of them.
  // The first zone is the fallback for reading a time ("Thu 2pm"): the most populous one.
  '1': [
    'America/New_York',
    'America/St_Johns',
    'America/Halifax',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'Pacific/Honolulu',
  ],
  '7': ['Europe/Moscow'], // Russia/Kazakhstan span 11 zones; Moscow time covers most numbers. Best effort.
  '55': ['America/Sao_Paulo', 'America/Manaus'],
  '61': ['Australia/Perth', 'Australia/Adelaide', 'Australia/Brisbane', 'Australia/Sydney'],
  '52': ['America/Mexico_City', 'America/Tijuana', 'America/Cancun'],
  '64': ['Pacific/Auckland'],
  // Single-zone countries (Spain: the Canary Islands run an hour behind Madrid, inside the margin).
  '30': ['Europe/Athens'],
  '31': ['Europe/Amsterdam'],
  '32': ['Europe/Brussels'],
  '33': ['Europe/Paris'],
  '34': ['Europe/Madrid'],
  '36': ['Europe/Budapest'],
  '39': ['Europe/Rome'],
  '40': ['Europe/Bucharest'],
  '41': ['Europe/Zurich'],
  '43': ['Europe/Vienna'],
  '44': ['Europe/London'],
  '45': ['Europe/Copenhagen'],
  '46': ['Europe/Stockholm'],
  '47': ['Europe/Oslo'],
  '48': ['Europe/Warsaw'],
  '49': ['Europe/Berlin'],
  '65': ['Asia/Singapore'],
  '81': ['Asia/Tokyo'],
  '82': ['Asia/Seoul'],
  '91': ['Asia/Kolkata'],
  '351': ['Europe/Lisbon'],
  '353': ['Europe/Dublin'],
  '358': ['Europe/Helsinki'],
  '420': ['Europe/Prague'],
  '972': ['Asia/Jerusalem'],
  '971': ['Asia/Dubai'],
};

const CODES_LONGEST_FIRST = Object.keys(ZONES_BY_CALLING_CODE).sort((a, b) => b.length - a.length);

/** The zones for an E.164 number (`+4477…`); [] when the code is unknown or the number is not E.164. */
export function zonesForNumber(e164: string): readonly string[] {
  const digits = /^\+([1-9]\d{6,14})$/u.exec(e164.trim())?.[1];
  if (!digits) return [];
  const code = CODES_LONGEST_FIRST.find((c) => digits.startsWith(c));
  return code ? (ZONES_BY_CALLING_CODE[code] ?? []) : [];
}

/**
 * The zones to keep quiet hours in for a candidate: their profile's zone, else their
 * number's country, else the interview's zone, else none (nothing to go on).
 */
export function candidateZones(input: {
  readonly profileZone?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly interviewZone?: string | null | undefined;
}): readonly string[] {
  if (input.profileZone) return [input.profileZone];
  const fromNumber = input.phone ? zonesForNumber(input.phone) : [];
  if (fromNumber.length > 0) return fromNumber;
  return input.interviewZone ? [input.interviewZone] : [];
}

/** Zone names people text for the multi-zone countries we map ("PT", "Eastern", "Perth"). */
const SPOKEN_ZONES: Readonly<Record<string, string>> = {
  ET: 'America/New_York',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  EASTERN: 'America/New_York',
  CT: 'America/Chicago',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  CENTRAL: 'America/Chicago',
  MT: 'America/Denver',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  MOUNTAIN: 'America/Denver',
  ARIZONA: 'America/Phoenix',
  PT: 'America/Los_Angeles',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  PACIFIC: 'America/Los_Angeles',
  AKT: 'America/Anchorage',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  ALASKA: 'America/Anchorage',
  HT: 'Pacific/Honolulu',
  HST: 'Pacific/Honolulu',
  HAWAII: 'Pacific/Honolulu',
  AT: 'America/Halifax',
  AST: 'America/Halifax',
  ADT: 'America/Halifax',
  ATLANTIC: 'America/Halifax',
  NT: 'America/St_Johns',
  NST: 'America/St_Johns',
  NDT: 'America/St_Johns',
  NEWFOUNDLAND: 'America/St_Johns',
  AWST: 'Australia/Perth',
  PERTH: 'Australia/Perth',
  WA: 'Australia/Perth',
  ACST: 'Australia/Adelaide',
  ACDT: 'Australia/Adelaide',
  ADELAIDE: 'Australia/Adelaide',
  DARWIN: 'Australia/Darwin',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  SYDNEY: 'Australia/Sydney',
  MELBOURNE: 'Australia/Melbourne',
  CANBERRA: 'Australia/Sydney',
  BRISBANE: 'Australia/Brisbane',
  QUEENSLAND: 'Australia/Brisbane',
  QLD: 'Australia/Brisbane',
};

/** The IANA zone a short answer names ("PT", "pacific time", "Perth", "America/Chicago"), or null. */
export function zoneFromAnswer(answer: string): string | null {
  const trimmed = answer.trim();
  if (/^[A-Za-z]+\/[A-Za-z_]+(?:\/[A-Za-z_]+)?$/u.test(trimmed)) {
    try {
      return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
    } catch {
      return null;
    }
  }
  for (const word of trimmed.toUpperCase().split(/[^A-Z]+/u)) {
    const zone = SPOKEN_ZONES[word];
    if (zone) return zone;
  }
  return null;
}
