import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ianaFromName,
  readCalendar,
  readCalendarEvents,
} from '../../../../lambda/channels/email/index.js';
import { fixturesDir } from './shared-paths.js';

const ICS_DIRS = ['node-ical', 'python-icalendar', 'ical.js'];
const allIcs = ICS_DIRS.flatMap((dir) =>
  readdirSync(resolve(fixturesDir, dir))
    .filter((f) => f.endsWith('.ics'))
    .map((f) => ({
      name: `${dir}/${f}`,
      text: readFileSync(resolve(fixturesDir, dir, f), 'utf8'),
    })),
);
const ics = (dir: string, file: string): string =>
  readFileSync(resolve(fixturesDir, dir, file), 'utf8');
const instant = (iso: string | null | undefined): string | null =>
  iso ? new Date(iso).toISOString() : null;

describe('readCalendar on third-party .ics fixtures', () => {
  it('finds the fixtures of node-ical, python-icalendar and ical.js', () => {
    expect(allIcs.length, 'expected at least 25 .ics fixtures').toBeGreaterThanOrEqual(25);
  });

  it.each(allIcs)('reads $name without throwing and yields an event', ({ text }) => {
    const invite = readCalendar(text);
    expect(invite, 'expected an event from every fixture').not.toBeNull();
  });

  it('reads Exchange\'s "Customized Time Zone" from its VTIMEZONE (bad_ms_tz.ics)', () => {
    const invite = readCalendar(ics('node-ical', 'bad_ms_tz.ics'));
    expect(instant(invite?.start)).toBe('2020-08-25T14:35:00.000Z');
    expect(instant(invite?.end)).toBe('2020-08-25T15:50:00.000Z');
    expect(invite?.timezone).toBe('America/New_York');
  });

  it('maps Windows zone ids and repairs a value written inside the quoted TZID (ms_timezones.ics)', () => {
    const events = readCalendarEvents(ics('node-ical', 'ms_timezones.ics'));
    const jira = events.find((e) => e.summary === "Log Yesterday's Jira time");
    expect(instant(jira?.start)).toBe('2020-06-09T07:00:00.000Z');
    const test = events.find((e) => e.summary === 'test');
    expect(instant(test?.start)).toBe('2020-09-10T07:00:00.000Z');
    expect(test?.timezone).toBe('Europe/Berlin');
    const pacific = events.find((e) => e.summary === 'Not the actual summary 1');
    expect(pacific?.timezone).toBe('America/Los_Angeles');
    expect(instant(pacific?.start)).toBe('2020-09-15T15:30:00.000Z');
  });

  it('maps Outlook display names to IANA zones (Office-2012-owa.ics)', () => {
    const events = readCalendarEvents(ics('node-ical', 'Office-2012-owa.ics'));
    const sydney = events.find((e) => e.summary === 'TEST Syd');
    expect(sydney?.timezone).toBe('Australia/Sydney');
    expect(instant(sydney?.start)).toBe('2020-10-28T02:30:00.000Z');
    const eastern = events.find((e) => e.summary === 'TEST 3');
    expect(eastern?.timezone).toBe('America/New_York');
    expect(instant(eastern?.start)).toBe('2020-11-02T18:30:00.000Z');
  });

  it('reads escaped commas in an Exchange TZID (exchange-custom-tz.ics)', () => {
    const invite = readCalendar(ics('node-ical', 'exchange-custom-tz.ics'));
    expect(instant(invite?.start)).toBe('2019-04-30T02:00:00.000Z');
    expect(invite?.timezone).toBe('Asia/Bangkok');
  });

  it('matches a zone named only by offsets to an IANA zone (issue_165_missing_event.ics)', () => {
    const invite = readCalendar(ics('python-icalendar', 'issue_165_missing_event.ics'));
    expect(invite?.method).toBe('REQUEST');
    expect(instant(invite?.start)).toBe('2015-07-03T08:00:00.000Z');
    expect(invite?.timezone).toBe('Europe/Berlin');
  });

  it('reads an Outlook city list as a zone (test_with_tz_list.ics)', () => {
    const invite = readCalendar(ics('node-ical', 'test_with_tz_list.ics'));
    expect(instant(invite?.start)).toBe('2024-04-15T17:00:00.000Z');
  });

  it('reads ORGANIZER with a quoted mailto and ATTENDEEs (event-organizer-cn.ics, property_params.ics)', () => {
    const organizer = readCalendar(ics('node-ical', 'event-organizer-cn.ics'))?.organizer;
    expect(organizer?.email).toMatch(/@/);
    expect(organizer?.email).not.toMatch(/mailto|"/);
    const params = readCalendar(ics('python-icalendar', 'property_params.ics'));
    expect(params?.organizer?.email).toBe('rembrand@daxlab.com');
    expect(params?.attendees.length).toBe(3);
  });

  it('uses a Windows zone id without VTIMEZONE as the zone (floating in ical.js)', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'DTSTART;TZID=Pacific Standard Time:20261216T130000',
      'SUMMARY:Interview',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const invite = readCalendar(text);
    expect(invite?.start).toBe('2026-12-16T13:00:00-08:00');
    expect(invite?.timezone).toBe('America/Los_Angeles');
  });

  it('finds a Zoom or Teams link in DESCRIPTION or X- properties', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20261216T210000Z',
      'SUMMARY:Interview',
      'DESCRIPTION:Join: https://acme.zoom.us/j/123456789?pwd=abc\\, passcode 1',
      'X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(readCalendar(text)?.meetingUrl).toMatch(
      /^https:\/\/(acme\.zoom\.us\/j\/123456789|teams\.microsoft\.com)/,
    );
  });

  it('returns null for text that is no calendar', () => {
    expect(readCalendar('hello')).toBeNull();
    expect(readCalendar('BEGIN:VCALENDAR\r\nEND:VCALENDAR')).toBeNull();
  });
});

describe('ianaFromName', () => {
  it.each([
    ['America/Chicago', 'America/Chicago'],
    ['Pacific Standard Time', 'America/Los_Angeles'],
    ['W. Europe Standard Time', 'Europe/Berlin'],
    ['"(UTC-05:00) Eastern Time (US & Canada)"', 'America/New_York'],
    ['(GMT+10:00) Canberra, Melbourne, Sydney', 'Australia/Sydney'],
    ['tzone://Microsoft/Pacific Standard Time', 'America/Los_Angeles'],
    ['India Standard Time', 'Asia/Kolkata'],
    ['FLE Standard Time', 'Europe/Kyiv'],
    ['UTC', 'UTC'],
  ])('maps %s to %s', (name, zone) => {
    expect(ianaFromName(name)).toBe(zone);
  });

  it('returns null for a name no zone matches', () => {
    expect(ianaFromName('Customized Time Zone')).toBeNull();
  });
});
