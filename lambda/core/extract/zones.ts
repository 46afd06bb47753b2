/**
 * Zone words in prose ("ET", "Central Time", "(Sydney time)", "UTC+2") -> a zone luxon can
 * build times in, plus the IANA name to report. Only words right after a clock time count:
 * "at 2:30 PM Central Time" names a zone, "our Central office" does not.
 */
import { isValidZoneName } from '../zone-name.js';

/** A zone named in the text. */
export interface ZoneMention {
  /** What luxon builds the time in: an IANA name, or a fixed offset such as `UTC+5:30`. */
  readonly zone: string;
  /** The IANA name to report; null for a fixed offset no IANA name stands for (`UTC+5:30`). */
  readonly iana: string | null;
  /** True when the text gave a numeric offset ("UTC+2", "GMT-5") rather than a zone name. */
  readonly explicitOffset: boolean;
}

const NEW_YORK = 'America/New_York';
const CHICAGO = 'America/Chicago';
const DENVER = 'America/Denver';
const LOS_ANGELES = 'America/Los_Angeles';
const LONDON = 'Europe/London';
const PARIS = 'Europe/Paris';
const SYDNEY = 'Australia/Sydney';
const KOLKATA = 'Asia/Kolkata';

/**
 * Abbreviations. Two-letter ones ("ET", "PT") count only in capitals: "pt" or "mt" in a text
 * message is too often something else. Ambiguous ones are read the way English-speaking
 * job invites use them: IST = India, CST = US Central, BST = British Summer Time.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  ET: NEW_YORK,
  EST: NEW_YORK,
  EDT: NEW_YORK,
  CT: CHICAGO,
  CST: CHICAGO,
  CDT: CHICAGO,
  MT: DENVER,
  MST: DENVER,
  MDT: DENVER,
  PT: LOS_ANGELES,
  PST: LOS_ANGELES,
  PDT: LOS_ANGELES,
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  GMT: LONDON,
  BST: LONDON,
  UTC: 'UTC',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: PARIS,
  CEST: PARIS,
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  IST: KOLKATA,
  SGT: 'Asia/Singapore',
  HKT: 'Asia/Hong_Kong',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AEST: SYDNEY,
  AEDT: SYDNEY,
  ACST: 'Australia/Adelaide',
  ACDT: 'Australia/Adelaide',
  AWST: 'Australia/Perth',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};

/** Place names that, followed by "time", name a zone ("Sydney time", "UK time"). Lower case. */
const PLACES: Readonly<Record<string, string>> = {
  eastern: NEW_YORK,
  central: CHICAGO,
  mountain: DENVER,
  pacific: LOS_ANGELES,
  'us eastern': NEW_YORK,
  'us central': CHICAGO,
  'us mountain': DENVER,
  'us pacific': LOS_ANGELES,
  'east coast': NEW_YORK,
  'west coast': LOS_ANGELES,
  'new york': NEW_YORK,
  boston: NEW_YORK,
  atlanta: NEW_YORK,
  miami: NEW_YORK,
  toronto: 'America/Toronto',
  chicago: CHICAGO,
  dallas: CHICAGO,
  houston: CHICAGO,
  austin: CHICAGO,
  denver: DENVER,
  phoenix: 'America/Phoenix',
  arizona: 'America/Phoenix',
  'los angeles': LOS_ANGELES,
  'san francisco': LOS_ANGELES,
  seattle: LOS_ANGELES,
  california: LOS_ANGELES,
  vancouver: 'America/Vancouver',
  'mexico city': 'America/Mexico_City',
  'sao paulo': 'America/Sao_Paulo',
  'são paulo': 'America/Sao_Paulo',
  hawaii: 'Pacific/Honolulu',
  honolulu: 'Pacific/Honolulu',
  uk: LONDON,
  british: LONDON,
  london: LONDON,
  dublin: 'Europe/Dublin',
  irish: 'Europe/Dublin',
  lisbon: 'Europe/Lisbon',
  paris: PARIS,
  berlin: 'Europe/Berlin',
  amsterdam: 'Europe/Amsterdam',
  brussels: 'Europe/Brussels',
  madrid: 'Europe/Madrid',
  rome: 'Europe/Rome',
  zurich: 'Europe/Zurich',
  stockholm: 'Europe/Stockholm',
  oslo: 'Europe/Oslo',
  copenhagen: 'Europe/Copenhagen',
  warsaw: 'Europe/Warsaw',
  athens: 'Europe/Athens',
  istanbul: 'Europe/Istanbul',
  'central european': PARIS,
  'eastern european': 'Europe/Athens',
  dubai: 'Asia/Dubai',
  india: KOLKATA,
  indian: KOLKATA,
  mumbai: KOLKATA,
  delhi: KOLKATA,
  'new delhi': KOLKATA,
  bangalore: KOLKATA,
  bengaluru: KOLKATA,
  singapore: 'Asia/Singapore',
  'hong kong': 'Asia/Hong_Kong',
  shanghai: 'Asia/Shanghai',
  beijing: 'Asia/Shanghai',
  tokyo: 'Asia/Tokyo',
  seoul: 'Asia/Seoul',
  manila: 'Asia/Manila',
  jakarta: 'Asia/Jakarta',
  bangkok: 'Asia/Bangkok',
  sydney: SYDNEY,
  canberra: SYDNEY,
  melbourne: 'Australia/Melbourne',
  brisbane: 'Australia/Brisbane',
  adelaide: 'Australia/Adelaide',
  perth: 'Australia/Perth',
  auckland: 'Pacific/Auckland',
  'new zealand': 'Pacific/Auckland',
  nz: 'Pacific/Auckland',
  johannesburg: 'Africa/Johannesburg',
  'south african': 'Africa/Johannesburg',
  nairobi: 'Africa/Nairobi',
  lagos: 'Africa/Lagos',
  cairo: 'Africa/Cairo',
};

/** Place names that name a zone without "time" after them, right after a clock time. */
const BARE_PLACES: ReadonlySet<string> = new Set(['eastern', 'pacific', 'singapore']);

/** Optional punctuation and filler between the clock time and the zone word. */
const LEAD = /^[ \t]*,?[ \t]*\n?[ \t]*\(?[ \t]*(?:in[ \t]+)?(?:the[ \t]+)?/;
const OFFSET = /^(?:UTC|GMT)[ \t]?([+\-−])[ \t]?(\d{1,2})(?::?(\d{2}))?(?![\d:])/i;
const IANA_NAME = /^[A-Z][A-Za-z]+(?:\/[A-Za-z][A-Za-z_-]*){1,2}/;
/** A word of a place's name, accents included ("São Paulo", "Zürich", "Bogotá"). */
const WORD = /^\p{L}[\p{L}.']*/u;
const TIME_WORD =
  /^(?:standard[ \t]+time|daylight[ \t]+time|summer[ \t]+time|time|standard|daylight)(?!\p{L})/iu;

/**
 * Reads a zone named at the start of `suffix` (the text right after a clock time), or null.
 * Linear in the few characters it looks at: it never scans past the first words.
 */
export function zoneAtStart(suffix: string): ZoneMention | null {
  const head = suffix.slice(0, 80);
  const lead = LEAD.exec(head);
  const rest = head.slice(lead ? lead[0].length : 0);

  const offset = OFFSET.exec(rest);
  if (offset) return fixedOffset(offset[1] ?? '+', Number(offset[2]), Number(offset[3] ?? '0'));

  const iana = IANA_NAME.exec(rest);
  const ianaZone = iana ? validZone(iana[0]) : null;
  if (ianaZone) return named(ianaZone);

  const words: string[] = [];
  let cursor = rest;
  for (let i = 0; i < 3; i += 1) {
    const word = WORD.exec(cursor);
    if (!word) break;
    words.push(word[0].replace(/\.$/, ''));
    cursor = cursor.slice(word[0].length).replace(/^[ \t]+/, '');
  }
  const first = words[0];
  if (first === undefined) return null;

  const abbreviation = first.length >= 3 ? first.toUpperCase() : first;
  const fromAbbreviation = ABBREVIATIONS[abbreviation];
  if (fromAbbreviation && (first.length >= 3 || first === first.toUpperCase()))
    return named(fromAbbreviation);

  for (const count of [3, 2, 1]) {
    if (words.length < count) continue;
    const place = words.slice(0, count).join(' ').toLowerCase();
    const zone = placeZone(place);
    if (!zone) continue;
    const after = restAfterWords(rest, count);
    if (TIME_WORD.test(after)) return named(zone);
    if (count === 1 && BARE_PLACES.has(place)) return named(zone);
  }
  return null;
}

/** The zone of a place word ("sydney", "são paulo", "zürich": accents optional), or undefined. */
function placeZone(place: string): string | undefined {
  return PLACES[place] ?? PLACES[place.normalize('NFD').replace(/\p{M}/gu, '')];
}

/** The IANA zone for a name the caller passes in (`--tz`, `candidate.timezone`); null if unknown. */
export function validZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 64) return null;
  let canonical = checkedZones.get(trimmed);
  if (canonical === undefined) {
    // Checking builds an Intl formatter: remember the answer (zone names are few). The
    // formatter also gives the canonical spelling: "america/chicago" -> "America/Chicago".
    canonical = isValidZoneName(trimmed)
      ? new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone
      : null;
    if (checkedZones.size < 1_000) checkedZones.set(trimmed, canonical);
  }
  return canonical;
}

const checkedZones = new Map<string, string | null>();

function restAfterWords(rest: string, count: number): string {
  let cursor = rest;
  for (let i = 0; i < count; i += 1) {
    const word = WORD.exec(cursor);
    if (!word) return cursor;
    cursor = cursor.slice(word[0].length).replace(/^[ \t]+/, '');
  }
  return cursor;
}

function named(zone: string): ZoneMention {
  return { zone, iana: zone, explicitOffset: false };
}

function fixedOffset(sign: string, hours: number, minutes: number): ZoneMention | null {
  if (hours > 14 || minutes > 59) return null;
  const negative = sign === '-' || sign === '−';
  const label = minutes === 0 ? `${hours}` : `${hours}:${String(minutes).padStart(2, '0')}`;
  const zone = hours === 0 && minutes === 0 ? 'UTC' : `UTC${negative ? '-' : '+'}${label}`;
  // The Etc/GMT names have the POSIX sign: Etc/GMT-2 is two hours ahead of UTC.
  const iana =
    minutes !== 0 ? null : hours === 0 ? 'UTC' : `Etc/GMT${negative ? '+' : '-'}${hours}`;
  return { zone, iana, explicitOffset: true };
}

const OFFSET_ANYWHERE = /\b(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?(?![\d:])/gi;
const SHORT_WORD = /\b[A-Za-z]{2,4}\b/g;
/** "Australia/Melbourne", "America/Argentina/Buenos_Aires": checked with validZone before blanking. */
const IANA_ANYWHERE = /\b[A-Z][A-Za-z]+(?:\/[A-Za-z][A-Za-z_-]*){1,2}/g;
/**
 * "Sydney time", "São Paulo standard time (BRT, UTC-3)": one to three capitalized words, then
 * "time", then any parenthesis that restates the zone as abbreviations or offsets. The
 * parenthesis goes too: left alone past the blanks, chrono would take "(BRT" for the time's.
 */
const PLACE_TIME =
  /(?<![\p{L}\d])(\p{Lu}[\p{L}.']*(?:[ \t]+\p{Lu}[\p{L}.']*){0,2})[ \t]+(?:(?:[Ss]tandard|[Dd]aylight|[Ss]ummer)[ \t]+)?[Tt]ime(?!\p{L})(?:[ \t]*\((?:[A-Z]{2,5}|(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?)(?:[ \t]*[,/][ \t]*(?:[A-Z]{2,5}|(?:UTC|GMT)[ \t]?[+\-−][ \t]?\d{1,2}(?::?\d{2})?))?\))?/gu;
/** Parentheses left with nothing but blanks and commas once their zone words are blanked. */
const EMPTY_PARENS = /\([ \t,;]*\)/g;

/**
 * `text` with every zone word this module reads replaced by spaces (same length, so indices
 * still hold): abbreviations, "UTC+2"-style offsets, IANA names and "<place> time". chrono
 * gets this text: its own zone refiners would otherwise swallow "ET" into the time and read
 * it as a fixed offset, and a zone between a time and its date ("1:00pm (Australia/Melbourne)
 * on Thursday, January 28") keeps chrono from joining them.
 */
export function maskZoneWords(text: string): string {
  const blank = (m: string): string => ' '.repeat(m.length);
  return text
    .replace(PLACE_TIME, (whole, words: string) => {
      // The place is the last one to three words ("Friday Sydney time" -> "Sydney").
      const list = words.split(/[ \t]+/);
      for (let take = Math.min(3, list.length); take >= 1; take -= 1) {
        const place = list.slice(-take).join(' ');
        if (placeZone(place.toLowerCase()) !== undefined) {
          const at = whole.lastIndexOf(place);
          return whole.slice(0, at) + blank(whole.slice(at));
        }
      }
      return whole;
    })
    .replace(OFFSET_ANYWHERE, blank)
    .replace(IANA_ANYWHERE, (name) => (validZone(name) ? blank(name) : name))
    .replace(SHORT_WORD, (word) =>
      // Blank "pt" too: chrono would take it for Pacific; zoneAtStart, reading the original
      // text, does not (two-letter abbreviations count only in capitals).
      ABBREVIATIONS[word.toUpperCase()] !== undefined ? blank(word) : word,
    )
    .replace(EMPTY_PARENS, blank);
}
