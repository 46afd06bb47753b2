/**
 * Reads a calendar invite (a `text/calendar` part or an `.ics` attachment) with ical.js:
 * the start instant and its IANA zone, the organizer, the attendees, summary, location
 * and the video-meeting link. Never throws: a calendar that cannot be read yields `null`
 * and the reason in `problems`.
 */
import ICAL from 'ical.js';
import { DateTime, FixedOffsetZone } from 'luxon';
import {
  ianaForDefinition,
  ianaFromName,
  offsetNamed,
  type LocalTime,
  type OffsetAt,
} from './timezones.js';

export interface CalendarPerson {
  readonly name: string | null;
  readonly email: string | null;
  /** ATTENDEE ROLE (REQ-PARTICIPANT, OPT-PARTICIPANT, CHAIR), upper case, or null. */
  readonly role?: string | null;
}

export interface CalendarInvite {
  /** METHOD of the calendar (REQUEST, PUBLISH, CANCEL), upper case, or null. */
  readonly method: string | null;
  readonly summary: string | null;
  readonly description: string | null;
  readonly location: string | null;
  /** ISO-8601 with the offset in force in `timezone` (or in the VTIMEZONE), or null. */
  readonly start: string | null;
  readonly end: string | null;
  /** IANA zone of DTSTART, or null (floating, all-day, or a zone no IANA zone matches). */
  readonly timezone: string | null;
  /** Wall-clock DTSTART as written ("2026-12-03T10:00:00"), for floating times. */
  readonly localStart: string | null;
  readonly allDay: boolean;
  readonly organizer: CalendarPerson | null;
  readonly attendees: readonly CalendarPerson[];
  readonly meetingUrl: string | null;
  readonly problems: readonly string[];
}

export interface ReadCalendarOptions {
  /** IANA zone to read a floating DTSTART in (no TZID, no `Z`, no X-WR-TIMEZONE). */
  readonly floatingZone?: string | undefined;
}

const MEETING_URL =
  /https?:\/\/(?:[\w-]+\.)*(?:zoom\.us|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|whereby\.com|chime\.aws|gotomeeting\.com|bluejeans\.com|meet\.[\w.-]+)\/[^\s<>"'\\)]*/i;
const ANY_URL = /https?:\/\/[^\s<>"'\\)]+/i;

/**
 * Repairs what real clients write and ical.js rejects: Exchange's
 * `DTSTART;TZID="W. Europe Standard Time:20200609T090000"` (the value inside the quotes).
 */
function repair(ics: string): string {
  return ics
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .replace(
      /^((?:DTSTART|DTEND|RECURRENCE-ID)[^:\r\n]*?TZID=)"([^":\r\n]+):(\d{8}T\d{6}Z?)"[ \t]*$/gim,
      '$1"$2":$3',
    )
    .replace(
      /^(RRULE|EXRULE):(.*)$/gim,
      (_m, name: string, rule: string) => `${name}:${rule.replace(/\s+/g, '')}`,
    );
}

/** The lines an invite needs, for a second try when a calendar holds something ical.js rejects. */
const ESSENTIAL =
  /^(?:BEGIN|END|METHOD|X-WR-TIMEZONE|TZID|TZOFFSETFROM|TZOFFSETTO|DTSTART|DTEND|RRULE|SUMMARY|LOCATION|DESCRIPTION|ORGANIZER|ATTENDEE|RECURRENCE-ID|X-[A-Z-]*(?:MEETING|CONFERENCE)[A-Z-]*)[;:]/i;

function essentials(ics: string): string {
  return ics
    .split('\n')
    .filter((line) => ESSENTIAL.test(line))
    .join('\n');
}

function parseCalendar(ics: string): ICAL.Component {
  const parsed: unknown = ICAL.parse(ics);
  const first = Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed[0] : parsed;
  return new ICAL.Component(first as unknown[]);
}

const unquote = (s: string): string =>
  s
    .trim()
    .replace(/^"+|"+$/g, '')
    .trim();

function person(prop: ICAL.Property | null): CalendarPerson | null {
  if (!prop) return null;
  const raw = prop.getFirstValue();
  const value = typeof raw === 'string' ? unquote(raw) : '';
  const email = /^mailto:/i.test(value)
    ? value.replace(/^mailto:/i, '').trim()
    : value.includes('@')
      ? value
      : '';
  const cnParam = prop.getFirstParameter('cn');
  const cn = typeof cnParam === 'string' ? unquote(cnParam) : '';
  const roleParam = prop.getFirstParameter('role');
  const name = cn && cn.toLowerCase() !== email.toLowerCase() && !cn.includes('@') ? cn : null;
  return {
    name,
    email: email ? email.toLowerCase() : null,
    role: typeof roleParam === 'string' ? roleParam.toUpperCase() : null,
  };
}

function text(comp: ICAL.Component, name: string): string | null {
  const v = comp.getFirstPropertyValue(name);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t ? t : null;
}

/** A Zoom/Teams/Meet/Webex link in free text, or null. */
export function findMeetingUrl(text: string): string | null {
  const m = MEETING_URL.exec(text);
  // The lookbehind starts the match only where the run of punctuation starts: linear (ReDoS).
  return m ? m[0].replace(/(?<![.,;>])[.,;>]+$/, '') : null;
}

function meetingUrl(event: ICAL.Component): string | null {
  const sources: string[] = [];
  for (const prop of event.getAllProperties()) {
    const name = prop.name.toLowerCase();
    if (
      name.startsWith('x-') ||
      ['description', 'location', 'url', 'conference', 'comment'].includes(name)
    ) {
      for (const v of prop.getValues()) if (typeof v === 'string') sources.push(v);
    }
  }
  for (const s of sources) {
    const m = MEETING_URL.exec(s);
    if (m) return m[0].replace(/(?<![.,;])[.,;]+$/, ''); // lookbehind: linear (ReDoS)
  }
  const location = text(event, 'location');
  const m = location ? ANY_URL.exec(location) : null;
  return m ? m[0].replace(/(?<![.,;])[.,;]+$/, '') : null; // lookbehind: linear (ReDoS)
}

function localOf(time: ICAL.Time): LocalTime {
  return {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
  };
}

function findVtimezone(calendar: ICAL.Component, tzid: string): ICAL.Component | null {
  const want = unquote(tzid).replace(/\\,/g, ',').toLowerCase();
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
    const id = text(vtz, 'tzid');
    if (id && unquote(id).replace(/\\,/g, ',').toLowerCase() === want) return vtz;
  }
  return null;
}

/**
 * ical.js expands a VTIMEZONE's rules from their DTSTART (1970 in Google's invites, 1601 in
 * Outlook's) up to the year asked, inside every new `ICAL.Timezone`: 60 to 430 steps of its
 * recurrence iterator, most of the time an invite took to read. Only the years around the
 * event are ever asked (`samples` in timezones.ts stays in the event's year), so a yearly
 * rule that never ends starts the year before the event instead: its onsets from that year
 * on are the same, and a (possibly misplaced) first onset only matters before the event's
 * year. Rules with UNTIL or COUNT, other frequencies and RDATEs are kept. ical.js also
 * expands `EXTRA_COVERAGE` years past the one asked (5 by default); one is enough here.
 *
 * Definitions are kept per VTIMEZONE text and year, shared by DTSTART and DTEND and by later
 * invites from the same client (Google, Outlook and Apple each send the same VTIMEZONE for a
 * zone every time). The cache is bounded: the texts come from mail.
 */
ICAL.Timezone.EXTRA_COVERAGE = 1;
const definitions = new Map<string, ICAL.Timezone>();
const MAX_DEFINITIONS = 64;

function definitionFor(vtz: ICAL.Component, year: number): ICAL.Timezone {
  const key = `${year}\n${JSON.stringify(vtz.toJSON())}`;
  let definition = definitions.get(key);
  if (!definition) {
    definition = new ICAL.Timezone(startingNear(vtz, year - 1));
    if (definitions.size >= MAX_DEFINITIONS) definitions.clear();
    definitions.set(key, definition);
  }
  return definition;
}

type JCalProperty = [string, Record<string, unknown>, string, ...unknown[]];
type JCalComponent = [string, JCalProperty[], JCalComponent[]];

/**
 * A copy of `vtz` whose open-ended yearly rules start in `year` (when they started before).
 * Works on the jCal arrays (ical.js's own property setters cost more than the expansion
 * saved); `vtz` itself is left as it is.
 */
function startingNear(vtz: ICAL.Component, year: number): ICAL.Component {
  const [name, properties, onsets] = vtz.toJSON() as JCalComponent;
  const moved = onsets.map(([onsetName, props, inner]): JCalComponent => {
    const rules = props.filter((p) => p[0] === 'rrule');
    const rule = rules[0]?.[3] as { freq?: unknown; until?: unknown; count?: unknown } | undefined;
    const at = props.findIndex((p) => p[0] === 'dtstart');
    const start = props[at]?.[3];
    const m = typeof start === 'string' ? /^(\d{4})-(\d{2})-(\d{2})(T.*)$/.exec(start) : null;
    if (
      !m ||
      rules.length !== 1 ||
      props.some((p) => p[0] === 'rdate') ||
      rule?.freq !== 'YEARLY' ||
      rule.until !== undefined ||
      rule.count !== undefined ||
      Number(m[1]) >= year
    )
      return [onsetName, props, inner];
    const day = Math.min(Number(m[3]), ICAL.Time.daysInMonth(Number(m[2]), year));
    const value = `${year}-${m[2]}-${String(day).padStart(2, '0')}${m[4]}`;
    return [onsetName, props.map((p, i) => (i === at ? [p[0], p[1], p[2], value] : p)), inner];
  });
  return new ICAL.Component([name, properties, moved]);
}

interface Resolved {
  readonly instant: DateTime | null;
  readonly timezone: string | null;
  readonly local: string | null;
  readonly allDay: boolean;
}

/** The instant and zone of one DTSTART/DTEND property. */
function resolveTime(
  prop: ICAL.Property | null,
  calendar: ICAL.Component,
  options: ReadCalendarOptions,
  problems: string[],
): Resolved {
  if (!prop) return { instant: null, timezone: null, local: null, allDay: false };
  const value = prop.getFirstValue();
  if (!(value instanceof ICAL.Time)) {
    problems.push(`${prop.name.toUpperCase()} is not a date-time`);
    return { instant: null, timezone: null, local: null, allDay: false };
  }
  const local = localOf(value);
  const localIso = DateTime.fromObject(local, { zone: 'UTC' }).toISO({
    includeOffset: false,
    suppressMilliseconds: true,
  });
  if (value.isDate) return { instant: null, timezone: null, local: localIso, allDay: true };
  const raw = String(prop.toJSON()[3] ?? '');
  const tzidParam = prop.getFirstParameter('tzid');
  const tzid = typeof tzidParam === 'string' && tzidParam.trim() ? tzidParam : null;
  const calendarZone = text(calendar, 'x-wr-timezone');
  const calendarIana = calendarZone ? ianaFromName(calendarZone) : null;

  if (raw.endsWith('Z') || (tzid && /^(?:utc|gmt|z|etc\/utc)$/i.test(unquote(tzid)))) {
    // A UTC time says nothing about the interview's zone: only X-WR-TIMEZONE does.
    const instant = DateTime.fromObject(local, { zone: 'UTC' });
    return {
      instant: calendarIana ? instant.setZone(calendarIana) : instant,
      timezone: calendarIana,
      local: localIso,
      allDay: false,
    };
  }
  if (tzid) {
    const vtz = findVtimezone(calendar, tzid);
    if (vtz) {
      const definition = definitionFor(vtz, local.year);
      const offsetAt: OffsetAt = (l) =>
        definition.utcOffset(ICAL.Time.fromData({ ...l, isDate: false })) / 60;
      const offset = offsetAt(local);
      const iana = ianaForDefinition(tzid, offsetAt, local);
      const instant = DateTime.fromObject(local, { zone: FixedOffsetZone.instance(offset) });
      return {
        instant: iana ? instant.setZone(iana) : instant,
        timezone: iana,
        local: localIso,
        allDay: false,
      };
    }
    const iana = ianaFromName(tzid);
    if (iana)
      return {
        instant: DateTime.fromObject(local, { zone: iana }),
        timezone: iana,
        local: localIso,
        allDay: false,
      };
    const offset = offsetNamed(tzid);
    if (offset !== null) {
      return {
        instant: DateTime.fromObject(local, { zone: FixedOffsetZone.instance(offset) }),
        timezone: null,
        local: localIso,
        allDay: false,
      };
    }
    problems.push(`unknown TZID without VTIMEZONE`);
  }
  const floating = calendarIana ?? options.floatingZone ?? null;
  if (floating)
    return {
      instant: DateTime.fromObject(local, { zone: floating }),
      timezone: floating,
      local: localIso,
      allDay: false,
    };
  return { instant: null, timezone: null, local: localIso, allDay: false };
}

const iso = (dt: DateTime | null): string | null =>
  dt && dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;

/** Picks the invite's event: the first VEVENT that is not an override of a recurrence. */
function pickEvent(calendar: ICAL.Component): ICAL.Component | null {
  const events = calendar.getAllSubcomponents('vevent');
  return (
    events.find((e) => !e.hasProperty('recurrence-id') && e.hasProperty('dtstart')) ??
    events[0] ??
    null
  );
}

/** Reads the first event of an iCalendar text; null when it holds no readable event. */
export function readCalendar(
  ics: string,
  options: ReadCalendarOptions = {},
): CalendarInvite | null {
  return readCalendarEvents(ics, options, pickEvent)[0] ?? null;
}

/** Reads every VEVENT (or those `pick` chooses) of an iCalendar text. */
export function readCalendarEvents(
  ics: string,
  options: ReadCalendarOptions = {},
  pick: (calendar: ICAL.Component) => ICAL.Component | null | ICAL.Component[] = (c) =>
    c.getAllSubcomponents('vevent'),
): CalendarInvite[] {
  const repaired = repair(ics);
  const first = readEvents(repaired, options, pick);
  if (first.length > 0) return first;
  // A property ical.js rejects (a malformed RRULE, an odd parameter) should not cost the invite.
  return readEvents(essentials(repaired), options, pick);
}

function readEvents(
  ics: string,
  options: ReadCalendarOptions,
  pick: (calendar: ICAL.Component) => ICAL.Component | null | ICAL.Component[],
): CalendarInvite[] {
  try {
    const calendar = parseCalendar(ics);
    const root =
      calendar.name === 'vcalendar'
        ? calendar
        : (calendar.getFirstSubcomponent('vcalendar') ?? calendar);
    const picked = pick(root);
    const events = picked === null ? [] : Array.isArray(picked) ? picked : [picked];
    return events.map((event) => readEvent(root, event, options));
  } catch {
    return [];
  }
}

function readEvent(
  root: ICAL.Component,
  event: ICAL.Component,
  options: ReadCalendarOptions,
): CalendarInvite {
  const problems: string[] = [];
  const start = resolveTime(event.getFirstProperty('dtstart'), root, options, problems);
  const end = resolveTime(event.getFirstProperty('dtend'), root, options, problems);
  const method = text(root, 'method');
  return {
    method: method ? method.toUpperCase() : null,
    summary: text(event, 'summary'),
    description: text(event, 'description'),
    location: text(event, 'location'),
    start: iso(start.instant),
    end: iso(end.instant),
    timezone: start.timezone,
    localStart: start.local,
    allDay: start.allDay,
    organizer: person(event.getFirstProperty('organizer')),
    attendees: event
      .getAllProperties('attendee')
      .map(person)
      .filter((p): p is CalendarPerson => p !== null),
    meetingUrl: meetingUrl(event),
    problems,
  };
}
