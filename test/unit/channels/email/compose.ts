/** Builds raw .eml test cases with nodemailer's MailComposer (as the dev invites were built). */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** Outlook's "Pacific Standard Time" VTIMEZONE, rules from 1601 on, as Exchange writes it. */
export const OUTLOOK_PACIFIC_LINES: readonly string[] = [
  'BEGIN:VTIMEZONE',
  'TZID:Pacific Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:-0700',
  'TZOFFSETTO:-0800',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:-0800',
  'TZOFFSETTO:-0700',
  'RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
];
export const OUTLOOK_PACIFIC = OUTLOOK_PACIFIC_LINES.join('\r\n');

export async function composeEml(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ ...options }).compile().build();
}

/** A Gmail-style forward block. */
export function gmailForward(headers: {
  from: string;
  date: string;
  subject: string;
  to: string;
}): string {
  return [
    '---------- Forwarded message ---------',
    `From: ${headers.from}`,
    `Date: ${headers.date}`,
    `Subject: ${headers.subject}`,
    `To: ${headers.to}`,
    '',
    '',
  ].join('\n');
}

/** A minimal invite .ics, with the given DTSTART line and VTIMEZONE. */
export function inviteIcs(options: {
  dtstart: string;
  vtimezone?: string;
  organizer?: string;
  attendees?: string[];
  summary?: string;
  description?: string;
  location?: string;
}): string {
  return [
    'BEGIN:VCALENDAR',
    'PRODID:Microsoft Exchange Server 2010',
    'VERSION:2.0',
    'METHOD:REQUEST',
    ...(options.vtimezone ? [options.vtimezone] : []),
    'BEGIN:VEVENT',
    options.dtstart,
    ...(options.organizer ? [options.organizer] : []),
    ...(options.attendees ?? []),
    `SUMMARY:${options.summary ?? 'Interview'}`,
    ...(options.description ? [`DESCRIPTION:${options.description}`] : []),
    ...(options.location ? [`LOCATION:${options.location}`] : []),
    'UID:test-invite@example.com',
    'DTSTAMP:20261201T120000Z',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
}
