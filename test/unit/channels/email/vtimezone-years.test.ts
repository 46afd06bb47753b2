import ICAL from 'ical.js';
import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readCalendar } from '../../../../lambda/channels/email/index.js';
import { OUTLOOK_PACIFIC_LINES } from './compose.js';

/**
 * readCalendar starts a VTIMEZONE's open-ended yearly rules the year before the event
 * (ical.js would otherwise expand them from 1601 or 1970 on every invite). The offsets it
 * reads must be the ones ical.js's full expansion gives, on both sides of each daylight-saving
 * change, for Outlook's 1601 rules, Google's 1970 rules and a zone whose rules changed (a
 * closed rule with UNTIL beside an open one).
 */
function invite(vtimezone: readonly string[], tzid: string, local: string): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//test//vtimezone-years//EN',
    'METHOD:REQUEST',
    ...vtimezone,
    'BEGIN:VEVENT',
    'UID:vtimezone-years@example.com',
    'DTSTAMP:20260101T000000Z',
    `DTSTART;TZID="${tzid}":${local}`,
    `DTEND;TZID="${tzid}":${local.slice(0, 9)}235900`,
    'SUMMARY:Interview',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}

const GOOGLE_BERLIN = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/** US Eastern as Apple Calendar writes it: the 1987–2006 rules closed by UNTIL, then today's. */
const APPLE_EASTERN = [
  'BEGIN:VTIMEZONE',
  'TZID:Custom Eastern',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'DTSTART:19870405T020000',
  'RRULE:FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'DTSTART:19671029T020000',
  'RRULE:FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:-0500',
  'TZOFFSETTO:-0400',
  'DTSTART:20070311T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:-0400',
  'TZOFFSETTO:-0500',
  'DTSTART:20071104T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const CASES = [
  {
    name: "Outlook's 1601 Pacific rules",
    vtz: OUTLOOK_PACIFIC_LINES,
    tzid: 'Pacific Standard Time',
    zone: 'America/Los_Angeles',
  },
  {
    name: "Google's 1970 Berlin rules",
    vtz: GOOGLE_BERLIN,
    tzid: 'Europe/Berlin',
    zone: 'Europe/Berlin',
  },
  {
    name: 'closed and open Eastern rules',
    vtz: APPLE_EASTERN,
    tzid: 'Custom Eastern',
    zone: 'America/New_York',
  },
] as const;

/** Local 10:00 on days around the changes of 2005 (old US rules), 2026 and 2031. */
const DAYS = [
  '20050301',
  '20050410',
  '20051020',
  '20051101',
  '20260105',
  '20260307',
  '20260309',
  '20260328',
  '20260330',
  '20260620',
  '20261024',
  '20261026',
  '20261031',
  '20261102',
  '20261231',
  '20310101',
  '20310401',
  '20311201',
];

/** The offset (minutes) ical.js gives at `local` when it expands the rules from their start. */
function fullExpansionOffset(vtz: readonly string[], local: string): number {
  const jcal = ICAL.parse(['BEGIN:VCALENDAR', ...vtz, 'END:VCALENDAR'].join('\r\n')) as unknown[];
  const vtimezone = new ICAL.Component(jcal).getFirstSubcomponent('vtimezone');
  if (!vtimezone) throw new Error('expected a VTIMEZONE');
  const at = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss").toFormat("yyyy-MM-dd'T'HH:mm:ss");
  return new ICAL.Timezone(vtimezone).utcOffset(ICAL.Time.fromDateTimeString(at)) / 60;
}

describe('readCalendar with VTIMEZONE rules that start long before the event', () => {
  it.each(CASES)(
    'reads the offsets of the full expansion of $name on both sides of each change',
    ({ vtz, tzid }) => {
      for (const day of DAYS) {
        const local = `${day}T100000`;
        const read = readCalendar(invite(vtz, tzid, local));
        const offset = fullExpansionOffset(vtz, local);
        const expected = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss", {
          zone: FixedOffsetZone.instance(offset),
        });
        expect(read?.start, `expected ${local} in ${tzid} to be read`).not.toBeNull();
        expect(
          new Date(read?.start ?? '').toISOString(),
          `expected ${local} in ${tzid} at UTC${offset / 60}`,
        ).toBe(expected.toUTC().toISO());
      }
    },
  );

  it('agrees with the tz database where the rules and the zone agree (2026, 2031)', () => {
    for (const { vtz, tzid, zone } of CASES) {
      for (const day of DAYS.filter((d) => !d.startsWith('2005'))) {
        const local = `${day}T100000`;
        const read = readCalendar(invite(vtz, tzid, local));
        const expected = DateTime.fromFormat(local, "yyyyMMdd'T'HHmmss", { zone });
        expect(
          new Date(read?.start ?? '').toISOString(),
          `expected ${local} in ${tzid} as in ${zone}`,
        ).toBe(expected.toUTC().toISO());
      }
    }
  });

  it('names the zone the rules match', () => {
    expect(
      readCalendar(invite(OUTLOOK_PACIFIC_LINES, 'Pacific Standard Time', '20270315T093000'))
        ?.timezone,
    ).toBe('America/Los_Angeles');
    expect(readCalendar(invite(APPLE_EASTERN, 'Custom Eastern', '20261103T093000'))?.timezone).toBe(
      'America/New_York',
    );
  });

  it('reads the same offsets when one calendar asks the same rules for two years', () => {
    // DTSTART on 31 December and DTEND on 1 January: one definition per year.
    const text = invite(OUTLOOK_PACIFIC_LINES, 'Pacific Standard Time', '20261231T100000').replace(
      /DTEND;TZID="Pacific Standard Time":\d{8}T\d{6}/,
      'DTEND;TZID="Pacific Standard Time":20270701T100000',
    );
    const read = readCalendar(text);
    expect(read?.start).toBe('2026-12-31T10:00:00-08:00');
    expect(read?.end).toBe('2027-07-01T10:00:00-07:00');
  });
});
