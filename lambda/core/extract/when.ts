/**
 * Clock times in prose, read with chrono-node and rebuilt with luxon in the right zone.
 *
 * chrono reads and builds dates with the process's local clock (STACK.md trap 5), so it is
 * only asked for calendar components: it gets a reference `Date` whose *process-local*
 * fields equal the wall clock of `now` in the interview's zone, and its answer's year,
 * month, day, hour and minute are rebuilt with `DateTime.fromObject(…, { zone })`. Zone
 * words are read here (./zones.ts), to IANA names rather than chrono's fixed offsets, so
 * "PST" in July still lands on the July offset.
 */
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { maskZoneWords, zoneAtStart, type ZoneMention } from './zones.js';

/**
 * chrono's casual English parser without its two readers of a span of time before or after
 * now ("3 days ago", "2 weeks later", "a day from now"): nobody names an interview's start
 * that way in these texts, and V8 takes ~80 ms to compile each of those two patterns to
 * machine code (on a process's second parse), by far the largest cost a warm-up leaves
 * behind. They are told apart by their patterns, since a bundler renames classes. Its zone
 * refiners stay in, but they never see a zone word this module knows: those are blanked
 * before parsing (`maskZoneWords`) and read from the original text afterwards.
 */
const RELATIVE_SPAN = /\(\?:ago\|before\|earlier\)|henceforth/;
const casual = chrono.en.configuration.createCasualConfiguration(false);
const parser: chrono.Chrono = new chrono.Chrono({
  ...casual,
  parsers: casual.parsers.filter((p) => !readsRelativeSpan(p)),
});

function readsRelativeSpan(p: chrono.Parser): boolean {
  const withPattern = p as chrono.Parser & {
    innerPattern?: (context: unknown) => RegExp;
  };
  try {
    const pattern = withPattern.innerPattern?.({ option: {} });
    return pattern instanceof RegExp && RELATIVE_SPAN.test(pattern.source);
  } catch {
    return false; // a reader whose pattern needs more context is kept
  }
}

/** How many readers `parser` has left out (2); tests check the patterns still tell them apart. */
export const LEFT_OUT_PARSERS = casual.parsers.length - parser.parsers.length;

/** Words for hours, for "Monday at nine". */
const HOUR_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const MINUTE_WORDS: Readonly<Record<string, string>> = {
  fifteen: '15',
  thirty: '30',
  'forty-five': '45',
  'forty five': '45',
};
const HOUR_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const AT_HOUR_WORD = new RegExp(
  `\\b(at|around|@)[ \\t]+(${HOUR_WORD})(?:[ \\t]+(fifteen|thirty|forty[- ]five|o['’]?clock))?(?:[ \\t]*(am|pm|a\\.m\\.|p\\.m\\.))?(?![A-Za-z-])`,
  'gi',
);
const PAST_TO = new RegExp(
  `\\b(half|quarter)[ \\t]+(past|to)[ \\t]+(${HOUR_WORD}|1[0-2]|[1-9])(?![\\w:])`,
  'gi',
);
const HOUR_WORD_MERIDIEM = new RegExp(
  `\\b(${HOUR_WORD})[ \\t]*(am|pm|a\\.m\\.|p\\.m\\.|o['’]?clock)(?![A-Za-z])`,
  'gi',
);

/** Text-speak and spelling slips for day words, as candidates type them. */
const SLANG: readonly (readonly [RegExp, string])[] = [
  [
    /\b(?:tmrw|tmrrw|tmrow|tmorrow|tmr|tmw|2morrow|2morow|2moro|2mrw|2mrow|tomorow|tommorow|tommorrow|tomoz)\b/gi,
    'tomorrow',
  ],
  [/\b(?:2day|tday)\b/gi, 'today'],
  [/\b(?:2nite|2night|tonite)\b/gi, 'tonight'],
  [/\bnxt\b/gi, 'next'],
  [/\bweds\b/gi, 'wed'],
  // chrono joins "12pm" to a date before it ("Friday, February 12, at 12pm") but not "noon".
  [/\b(?:midday|noon)\b/gi, '12pm'],
  // French and Scandinavian invites write "14h30".
  [/\b([01]?\d|2[0-3])h([0-5]\d)\b/g, '$1:$2'],
  [/@[ \t]*(?=\d)/g, 'at '],
  // Google Calendar writes "Tuesday Dec 15, 2026 ⋅ 11am – 12pm".
  [/(?<![ \t])[ \t]*[⋅·•][ \t]*(?=\d)/g, ' at '], // lookbehind: linear on blank runs (ReDoS)
  // An invite's "Date: …" line ("Day: …", "Interview date: …") and the "Time: …" line
  // below it make one expression.
  [
    /^((?:interview[ \t]+)?(?:date|day)(?:[ \t]+of[ \t]+interview)?[ \t]*:[^\n]{1,120})\n(?:time|when|start(?:[ \t]+time)?)[ \t]*:[ \t]*/gim,
    '$1 at ',
  ],
];

/** Rewrites slang and spelled-out hours so chrono can read them ("2morrow at nine" -> "tomorrow at 9"). */
export function normalizeTimeText(text: string): string {
  let out = text;
  for (const [re, replacement] of SLANG) out = out.replace(re, replacement);
  out = out.replace(
    AT_HOUR_WORD,
    (_m, lead: string, hour: string, minutes: string | undefined, meridiem: string | undefined) => {
      const h = HOUR_WORDS[hour.toLowerCase()] ?? 0;
      const mm = minutes ? MINUTE_WORDS[minutes.toLowerCase().replace(/\s+/, ' ')] : undefined;
      return `${lead === '@' ? 'at' : lead} ${h}${mm ? `:${mm}` : ''}${meridiem ? ` ${meridiem}` : ''}`;
    },
  );
  out = out.replace(PAST_TO, (_m, part: string, direction: string, hour: string) => {
    const h = HOUR_WORDS[hour.toLowerCase()] ?? Number(hour);
    if (direction.toLowerCase() === 'past')
      return `${h}:${part.toLowerCase() === 'half' ? '30' : '15'}`;
    if (part.toLowerCase() === 'half') return _m;
    return `${h === 1 ? 12 : h - 1}:45`;
  });
  out = out.replace(HOUR_WORD_MERIDIEM, (_m, hour: string, suffix: string) => {
    const h = HOUR_WORDS[hour.toLowerCase()] ?? 0;
    return /clock/i.test(suffix) ? `${h}:00` : `${h} ${suffix}`;
  });
  return out;
}

/** A clock time found in a text. */
export interface TimeHit {
  /** Where the expression starts in the text chrono was given, and its text. */
  readonly index: number;
  readonly text: string;
  /** The zone named right after it ("ET", "(Sydney time)"), if any. */
  readonly mention: ZoneMention | null;
  readonly result: chrono.ParsedResult;
}

/** Every expression chrono finds in `text`, read against `now` in `zone`. */
export function findTimes(text: string, now: DateTime, zone: string): TimeHit[] {
  const wall = now.setZone(zone);
  // A Date whose process-local fields are the wall clock in `zone`: chrono reads those.
  const reference = DateTime.fromObject(
    {
      year: wall.year,
      month: wall.month,
      day: wall.day,
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
    },
    { zone: 'system' },
  ).toJSDate();
  // Same length as `text`, so chrono's indices hold for both.
  const masked = maskZoneWords(text);
  return parser.parse(masked, reference, { forwardDate: true }).map((result) => {
    const end = result.index + result.text.length;
    return {
      index: result.index,
      text: result.text,
      // After the time ("2pm ET"), or blanked inside what chrono joined ("1pm (Australia/
      // Melbourne) on Thursday, January 28": the zone between the time and its date).
      mention: zoneAtStart(text.slice(end)) ?? zoneWithin(text, masked, result.index, end),
      result,
    };
  });
}

/** The first zone word blanked out of `masked` between `start` and `end`, read from `text`. */
function zoneWithin(text: string, masked: string, start: number, end: number): ZoneMention | null {
  for (let i = start; i < end; i += 1) {
    if (masked[i] === ' ' && text[i] !== ' ' && (i === start || masked[i - 1] === ' ')) {
      const mention = zoneAtStart(text.slice(i, end));
      if (mention) return mention;
      // Not a zone here (a blanked parenthesis): skip to the end of this blanked run.
      while (i + 1 < end && masked[i + 1] === ' ' && text[i + 1] !== ' ') i += 1;
    }
  }
  return null;
}

/**
 * The instant a hit stands for in `zone`, or null when it has no clock time ("tomorrow
 * morning"), no day ("at 4"), or a day that could be read two ways ("10/12").
 *
 * "now" and durations ("for a few hrs") are not times; "in 2 hours" is, from `now`.
 * A bare hour from 1 to 6 with no am/pm ("today at 3") is read as afternoon: nobody is
 * invited to an interview at 3 in the morning. "10/12" with both numbers 12 or under is
 * left unread (null) unless a weekday beside it settles it: day-first and month-first both
 * occur in invites, and a wrong date is worse than none. "13/12" and "12/13" are read.
 */
export function resolveHit(hit: TimeHit, now: DateTime, zone: string): DateTime | null {
  const wall = now.setZone(zone);
  const start = hit.result.start;
  const tags = start.tags();
  const get = (c: chrono.Component): number => start.get(c) ?? 0;

  // "now" is when the text was written, not when anything is planned.
  if (tags.has('casualReference/now')) return null;
  if (tags.has('result/relativeDateAndTime')) {
    // Only "in 2 hours" / "2 hours from now": "for a few hrs" is a duration, not a time.
    if (!/^in\b/i.test(hit.text) && !/\bfrom[ \t]+now\b/i.test(hit.text)) return null;
    // "in 2 hours": chrono added the duration to the wall clock; add it to the instant instead.
    const found = DateTime.fromObject(
      {
        year: get('year'),
        month: get('month'),
        day: get('day'),
        hour: get('hour'),
        minute: get('minute'),
      },
      { zone: 'UTC' },
    );
    const base = DateTime.fromObject(
      { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: wall.minute },
      { zone: 'UTC' },
    );
    const minutes = Math.round(found.diff(base, 'minutes').minutes);
    return wall.startOf('minute').plus({ minutes });
  }

  if (!start.isCertain('hour')) return null;
  // chrono read a zone this module does not know ("2pm MSK", "10am +0300"): no guessing.
  // A lower-case word it took for one ("at 10 get coffee") is just a word.
  if (start.isCertain('timezoneOffset') && /(?:\b[A-Z]{2,5}|[+-]\d{1,4})\)?$/.test(hit.text))
    return null;
  if (!start.isCertain('day') && !start.isCertain('weekday')) return null;
  const day = readDay(hit.text, start, wall, zone);
  if (!day) return null;

  let hour = get('hour');
  const flipped =
    !start.isCertain('meridiem') && hour >= 1 && hour <= 6 && !/\b0\d:\d\d/.test(hit.text);
  if (flipped) hour += 12;

  let date = DateTime.fromObject({ ...day, hour, minute: get('minute') }, { zone });
  if (!date.isValid) return null;
  if (flipped && start.isCertain('weekday') && !start.isCertain('day')) {
    // chrono moved "Thu at 3" a week on because 3 am had passed; 3 pm today may not have.
    const sameDay = date.minus({ weeks: 1 });
    if (sameDay >= wall) date = sameDay;
  }
  return date;
}

const SLASH_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/\d{2,4})?(?![\d/])/;

interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * The calendar day of a hit. "10/12" (both parts 12 or under, and different) is read only
 * when a weekday beside it settles which is the month ("Thursday 12/10"); a weekday that
 * contradicts the date ("Tuesday, December 10") makes the hit unreadable.
 */
function readDay(
  text: string,
  start: chrono.ParsedComponents,
  wall: DateTime,
  zone: string,
): Day | null {
  const weekday = start.isCertain('weekday') ? start.get('weekday') : null;
  const matchesWeekday = (d: Day): boolean =>
    DateTime.fromObject(d, { zone }).weekday % 7 === weekday;
  const chronoDay: Day = {
    year: start.get('year') ?? 0,
    month: start.get('month') ?? 0,
    day: start.get('day') ?? 0,
  };

  const slash = start.isCertain('day') ? SLASH_DATE.exec(text) : null;
  const a = Number(slash?.[1] ?? 0);
  const b = Number(slash?.[2] ?? 0);
  if (slash && a <= 12 && b <= 12 && a !== b) {
    if (weekday === null) return null;
    const options = [
      { month: a, day: b },
      { month: b, day: a },
    ]
      .map((md) => ({
        ...md,
        year: start.isCertain('year') ? chronoDay.year : forwardYear(md, wall),
      }))
      .filter(matchesWeekday);
    return options.length === 1 ? (options[0] ?? null) : null;
  }
  if (weekday !== null && start.isCertain('day') && !matchesWeekday(chronoDay)) return null;
  return chronoDay;
}

/** The year in which month/day is next on or after today's date. */
function forwardYear(md: { month: number; day: number }, wall: DateTime): number {
  const thisYear = DateTime.fromObject({ year: wall.year, ...md }, { zone: wall.zone });
  return thisYear.isValid && thisYear < wall.startOf('day') ? wall.year + 1 : wall.year;
}

/** ISO-8601 with the offset in force, always as ±hh:mm (never "Z"), seconds included. */
export function formatInstant(date: DateTime): string {
  return date.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}
