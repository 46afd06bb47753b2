/**
 * Calendars: mutated real .ics (node-ical, python-icalendar, ical.js fixtures) and generated
 * VEVENTs with random TZIDs (Windows names, garbage, quoted, no VTIMEZONE) never make
 * `readCalendar`/`readCalendarEvents` throw, and any start they return is a valid instant.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  readCalendar,
  readCalendarEvents,
  type CalendarInvite,
} from '../../lambda/channels/email/calendar.js';
import {
  applyTextEdits,
  byteEdit,
  fuzzRuns,
  hostileText,
  realCalendars,
  seedFor,
  timeoutFor,
} from '../support/arbitraries.js';

const calendars = realCalendars();
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

function checkInvite(invite: CalendarInvite): void {
  for (const at of [invite.start, invite.end]) {
    if (at === null) continue;
    expect(at, 'expected an ISO-8601 instant with an offset').toMatch(ISO_INSTANT);
    expect(DateTime.fromISO(at, { setZone: true }).isValid, `expected ${at} to be valid`).toBe(
      true,
    );
  }
  if (invite.timezone !== null) {
    expect(
      DateTime.now().setZone(invite.timezone).isValid,
      `expected ${invite.timezone} to be a zone`,
    ).toBe(true);
  }
  expect(Array.isArray(invite.attendees)).toBe(true);
}

const tzid = fc.oneof(
  fc.constantFrom(
    'W. Europe Standard Time',
    'Pacific Standard Time',
    '"(UTC-05:00) Eastern Time (US & Canada)"',
    '"(GMT+10:00) Canberra, Melbourne, Sydney"',
    'Customized Time Zone',
    'tzone://Microsoft/Custom',
    'Europe/London',
    'America/New_York',
    'Nowhere/City',
    'UTC',
    'GMT +0100 (Standard) / GMT +0200 (Daylight)',
    '"W. Europe Standard Time:20200609T090000"',
    '',
    '"',
    ';;;',
  ),
  hostileText(40).map((s) => s.replace(/[\r\n:]/g, ' ')),
);
const stamp = fc
  .record({
    y: fc.integer({ min: 0, max: 9999 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    z: fc.boolean(),
  })
  .map(({ y, mo, d, h, mi, z }) => {
    const p = (n: number, w = 2) => String(n).padStart(w, '0');
    return `${p(y, 4)}${p(mo)}${p(d)}T${p(h)}${p(mi)}00${z ? 'Z' : ''}`;
  });

const generated = fc
  .record({
    tzid,
    start: stamp,
    withVtimezone: fc.boolean(),
    wrTimezone: fc.option(tzid, { nil: undefined }),
    summary: hostileText(60),
    organizer: hostileText(30),
  })
  .map((v) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'METHOD:REQUEST',
      ...(v.wrTimezone === undefined ? [] : [`X-WR-TIMEZONE:${v.wrTimezone}`]),
      ...(v.withVtimezone
        ? [
            'BEGIN:VTIMEZONE',
            `TZID:${v.tzid}`,
            'BEGIN:STANDARD',
            'DTSTART:16010101T030000',
            'TZOFFSETFROM:+0200',
            'TZOFFSETTO:+0100',
            'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
            'END:STANDARD',
            'END:VTIMEZONE',
          ]
        : []),
      'BEGIN:VEVENT',
      `DTSTART;TZID=${v.tzid}:${v.start}`,
      `DTEND;TZID=${v.tzid}:${v.start}`,
      `SUMMARY:${v.summary.replace(/[\r\n]/g, ' ')}`,
      `ORGANIZER;CN=${v.organizer.replace(/[\r\n]/g, ' ')}:mailto:dana@acme.example`,
      'ATTENDEE;CN=Sam;ROLE=REQ-PARTICIPANT:mailto:sam@example.org',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n'),
  );

describe('readCalendar on mutated and generated calendars', () => {
  const runs = fuzzRuns(200, 0.2);

  it(
    'reads mutated fixture calendars without throwing, with valid instants',
    () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...calendars),
          fc.array(byteEdit, { minLength: 1, maxLength: 6 }),
          (cal, edits) => {
            const text = applyTextEdits(cal.text, edits);
            const first = readCalendar(text);
            if (first !== null) checkInvite(first);
            for (const invite of readCalendarEvents(text, { floatingZone: 'Europe/Paris' })) {
              checkInvite(invite);
            }
          },
        ),
        { numRuns: runs, seed: seedFor(5101) },
      );
    },
    timeoutFor(runs, 30),
  );

  it(
    'reads generated VEVENTs with any TZID without throwing, with valid instants',
    () => {
      fc.assert(
        fc.property(generated, (ics) => {
          const invite = readCalendar(ics);
          if (invite !== null) checkInvite(invite);
        }),
        { numRuns: runs, seed: seedFor(5102) },
      );
    },
    timeoutFor(runs, 20),
  );

  it('reads every fixture calendar unchanged without throwing', () => {
    for (const cal of calendars) {
      for (const invite of readCalendarEvents(cal.text)) checkInvite(invite);
    }
    expect(calendars.length, 'expected the fixture folders to hold calendars').toBeGreaterThan(20);
  });
});
