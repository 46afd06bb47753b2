/**
 * A candidate's inbound mail (as SES stores it in S3, or as a .eml file) to the data of a
 * `Request`: who forwarded it, what they said (only their note), and the interview the
 * forwarded invite describes (calendar part first, prose through the core's `extract`,
 * read relative to the ORIGINAL mail's date), plus what a threaded reply needs.
 */
import { createHash } from 'node:crypto';
import * as chrono from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';
import { simpleParser, type AddressObject, type Attachment, type ParsedMail } from 'mailparser';
import * as z from '../../core/zod.js';
import {
  extract as coreExtract,
  movedTo,
  type ExtractContext,
  type Extracted,
} from '../../core/extract.js';
import type { RequestInput } from '../../core/schema.js';
import {
  findMeetingUrl,
  readCalendar,
  type CalendarInvite,
  type CalendarPerson,
} from './calendar.js';
import {
  readForward,
  stripSubjectPrefixes,
  subjectNote,
  type ForwardedMessage,
  type Mailbox,
} from './forward.js';
import { htmlToText } from './html-to-text.js';
import { findCompanyRole, findInterviewer, type InviteContext } from './people.js';

export interface ParseInboundOptions {
  /** ISO-8601 instant used when the mail has no readable Date header. */
  readonly now?: string | undefined;
  /** The idempotency key: the SES message id. Defaults to the Message-ID header. */
  readonly id?: string | undefined;
  /** The prose extractor (the core's `extract` by default; tests may pin it). */
  readonly extract?: ((text: string, context: ExtractContext) => Extracted) | undefined;
}

/** Email threading of the inbound: what a reply needs to land in the same thread. */
export interface ThreadInfo {
  readonly messageId: string;
  readonly references: readonly string[];
  readonly subject: string;
}

export interface InboundEmailMeta {
  readonly messageId: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly subject: string;
  readonly from: Mailbox | null;
  /** The Date header, ISO-8601 with the sender's offset, or null. */
  readonly date: string | null;
  readonly thread: ThreadInfo | null;
  /** The innermost forwarded message's headers, when the mail forwards one. */
  readonly original: {
    readonly from: Mailbox | null;
    readonly to: readonly Mailbox[];
    readonly subject: string | null;
    readonly date: string | null;
    /** The original date as an instant, when it could be read. */
    readonly dateIso: string | null;
  } | null;
  /** 0 not a forward, 1 a forward, 2 a forward of a forward... */
  readonly forwardDepth: number;
  readonly notePlace: 'above' | 'below' | 'subject' | 'none';
  /** The calendar invite found in a text/calendar part or an .ics attachment. */
  readonly calendar: CalendarInvite | null;
  /** True when the mail carries an invite: a forwarded message or a calendar. */
  readonly hasInvite: boolean;
  /** True when this answers an earlier mail (In-Reply-To, or "Re:" without a forward). */
  readonly isReply: boolean;
  readonly sizeBytes: number;
  /** Non-fatal problems met while reading (an unreadable calendar, an unknown TZID). */
  readonly problems: readonly string[];
}

export interface ParsedInboundEmail {
  /** Request-shaped data; `parseRequest` validates it. */
  readonly request: RequestInput & {
    readonly interview: NonNullable<RequestInput['interview']>;
    readonly candidate: NonNullable<RequestInput['candidate']>;
  };
  readonly meta: InboundEmailMeta;
}

const emailSchema = z.email();
const validEmail = (s: string | null | undefined): string | undefined => {
  const t = (s ?? '').trim().toLowerCase();
  return t && t.length <= 320 && emailSchema.safeParse(t).success ? t : undefined;
};
const clip = (s: string | null | undefined, max: number): string | undefined => {
  const t = (s ?? '').replace(/[\r\n]+/g, ' ').trim();
  return t ? t.slice(0, max) : undefined;
};

function firstAddress(a: AddressObject | AddressObject[] | undefined): Mailbox | null {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const obj of list) {
    for (const v of obj.value) {
      if (v.address) return { name: v.name?.trim() || null, email: v.address.trim().toLowerCase() };
      for (const g of v.group ?? [])
        if (g.address)
          return { name: g.name?.trim() || null, email: g.address.trim().toLowerCase() };
    }
  }
  return null;
}

function headerText(mail: ParsedMail, name: string): string | null {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase());
  if (!line) return null;
  const value = line.line
    .slice(line.line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
  return value || null;
}

/** The Date header with the sender's own offset (mailparser gives a UTC Date). */
function dateHeader(mail: ParsedMail): string | null {
  const raw = headerText(mail, 'date');
  if (raw) {
    // A trailing "(PST)" comment; the lookbehind and [^()] keep it linear on any header (ReDoS).
    const dt = DateTime.fromRFC2822(raw.replace(/(?<!\s)\s+\([^()]*\)\s*$/, ''), {
      setZone: true,
    });
    if (dt.isValid) return dt.toISO({ suppressMilliseconds: true });
  }
  if (mail.date && !Number.isNaN(mail.date.getTime()))
    return DateTime.fromJSDate(mail.date, { zone: 'UTC' }).toISO();
  return null;
}

/** "Mon, Nov 23, 2026 at 3:18 PM": read with chrono, in the outer mail's offset. */
function readLooseDate(text: string | null, reference: string): string | null {
  if (!text) return null;
  const ref = DateTime.fromISO(reference, { setZone: true });
  const parsed = chrono.parse(
    text.replace(/\u202f/g, ' '),
    { instant: ref.toJSDate(), timezone: ref.offset },
    { forwardDate: false },
  )[0];
  if (!parsed) return null;
  const c = parsed.start;
  const offset = c.get('timezoneOffset');
  const zone = FixedOffsetZone.instance(typeof offset === 'number' ? offset : ref.offset);
  const dt = DateTime.fromObject(
    {
      year: c.get('year') ?? ref.year,
      month: c.get('month') ?? ref.month,
      day: c.get('day') ?? ref.day,
      hour: c.get('hour') ?? 12,
      minute: c.get('minute') ?? 0,
      second: c.get('second') ?? 0,
    },
    { zone },
  );
  return dt.isValid ? dt.toISO({ suppressMilliseconds: true }) : null;
}

/** IANA zones to try, in order, when only an offset is known. */
const COMMON_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Halifax',
  'America/St_Johns',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'America/Bogota',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Johannesburg',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
];

/**
 * The offsets each common zone has in `year` (mid-January and mid-July: standard and summer
 * time), computed once per year: a Date header's offset then narrows 32 zones to the one
 * to three worth asking exactly (each ask formats a date in the zone, ~30 µs).
 */
const offsetsByYear = new Map<number, ReadonlyMap<string, ReadonlySet<number>>>();
function commonZoneOffsets(year: number): ReadonlyMap<string, ReadonlySet<number>> {
  let offsets = offsetsByYear.get(year);
  if (!offsets) {
    offsets = new Map(
      COMMON_ZONES.map((zone) => [
        zone,
        new Set(
          [1, 7].map((month) => DateTime.fromObject({ year, month, day: 15 }, { zone }).offset),
        ),
      ]),
    );
    if (offsetsByYear.size >= 8) offsetsByYear.clear();
    offsetsByYear.set(year, offsets);
  }
  return offsets;
}

/** A plausible IANA zone for the sender: the first common zone with the Date header's offset. */
export function zoneForOffset(iso: string | null): string | undefined {
  if (!iso) return undefined;
  const dt = DateTime.fromISO(iso, { setZone: true });
  if (!dt.isValid) return undefined;
  const offsets = commonZoneOffsets(dt.year);
  return COMMON_ZONES.find(
    (z) => offsets.get(z)?.has(dt.offset) === true && dt.setZone(z).offset === dt.offset,
  );
}

function isCalendarPart(a: Attachment): boolean {
  const type = a.contentType.toLowerCase();
  return (
    type === 'text/calendar' ||
    type === 'application/ics' ||
    type === 'text/x-vcalendar' ||
    /\.(?:ics|vcs)$/i.test(a.filename ?? '')
  );
}

function readCalendars(
  attachments: readonly Attachment[],
  problems: string[],
): CalendarInvite | null {
  const invites: CalendarInvite[] = [];
  for (const a of attachments.filter(isCalendarPart)) {
    const invite = readCalendar(a.content.toString('utf8'));
    if (invite) invites.push(invite);
    else problems.push(`unreadable calendar part${a.filename ? ` (${a.filename})` : ''}`);
  }
  const rank = (i: CalendarInvite): number =>
    (i.start ? 2 : 0) + (i.method === 'REQUEST' ? 1 : 0) - (i.method === 'CANCEL' ? 4 : 0);
  invites.sort((x, y) => rank(y) - rank(x));
  for (const i of invites) problems.push(...i.problems);
  return invites[0] ?? null;
}

/** True when the raw MIME has a text/plain part of its own (else mailparser's text is derived from HTML). */
function hasPlainPart(source: string): boolean {
  const head = source.slice(0, source.search(/\r?\n\r?\n/) >>> 0);
  if (!/^content-type:/im.test(head)) return true;
  return /content-type:\s*text\/plain/i.test(source);
}

/** The text the forward parser reads: the decoded text/plain part, or HTML rebuilt as text. */
function bodyText(mail: ParsedMail, source: string): string {
  const html = typeof mail.html === 'string' ? mail.html : '';
  if (mail.text && hasPlainPart(source)) return mail.text;
  if (html) return htmlToText(html);
  return mail.text ?? '';
}

interface Original {
  readonly forwarded: ForwardedMessage;
  readonly calendar: CalendarInvite | null;
}

/** An invite forwarded "as attachment" (message/rfc822): its headers, body and calendar. */
async function attachedMessage(
  attachments: readonly Attachment[],
  problems: string[],
): Promise<Original | null> {
  const part = attachments.find(
    (a) => a.contentType.toLowerCase() === 'message/rfc822' || /\.eml$/i.test(a.filename ?? ''),
  );
  if (!part) return null;
  try {
    const inner = await simpleParser(part.content, { skipImageLinks: true });
    const source = part.content.toString('utf8');
    const list = (x: AddressObject | AddressObject[] | undefined): Mailbox[] =>
      (Array.isArray(x) ? x : x ? [x] : []).flatMap((o) =>
        o.value
          .filter((v) => v.address)
          .map((v) => ({ name: v.name || null, email: (v.address ?? '').toLowerCase() })),
      );
    return {
      forwarded: {
        from: firstAddress(inner.from),
        to: list(inner.to),
        cc: list(inner.cc),
        date: headerText(inner, 'date'),
        subject: inner.subject ?? null,
        body: bodyText(inner, source).trim(),
      },
      calendar: readCalendars(inner.attachments, problems),
    };
  } catch {
    problems.push('unreadable attached message');
    return null;
  }
}

function splitIds(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return all.match(/<[^<>\s]+>/g) ?? (all.trim() ? all.trim().split(/\s+/) : []);
}

function personInput(p: { name: string | null; email: string | null; phone: string | null }): {
  name?: string;
  email?: string;
  phone?: string;
} {
  const out: { name?: string; email?: string; phone?: string } = {};
  const name = clip(p.name, 200);
  const email = validEmail(p.email);
  const phone = clip(p.phone, 40);
  if (name) out.name = name;
  if (email) out.email = email;
  if (phone && phone.length >= 3) out.phone = phone;
  return out;
}

/** Parses one raw mail. Never throws on content: unreadable parts become `meta.problems`. */
export async function parseInboundEmail(
  raw: Buffer | string,
  options: ParseInboundOptions = {},
): Promise<ParsedInboundEmail> {
  const extract = options.extract ?? coreExtract;
  const source = typeof raw === 'string' ? raw : raw.toString('latin1');
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const problems: string[] = [];

  const from = firstAddress(mail.from);
  const subject = (mail.subject ?? '').trim();
  const date = dateHeader(mail);
  const receivedAt = date ?? options.now ?? new Date().toISOString();
  const messageId = mail.messageId?.trim() || null;
  const references = splitIds(mail.references);
  const inReplyTo = splitIds(mail.inReplyTo)[0] ?? null;

  const text = bodyText(mail, source);
  let forward = readForward(text, subject);
  const html = typeof mail.html === 'string' ? mail.html : '';
  if (!forward.forwarded && html) {
    // mailparser's text can lose a forward header the HTML still has (mailparser #393).
    const fromHtml = readForward(htmlToText(html), subject);
    if (fromHtml.forwarded) forward = fromHtml;
  }
  const attached = forward.forwarded ? null : await attachedMessage(mail.attachments, problems);
  const forwarded = forward.forwarded ?? attached?.forwarded ?? null;
  const calendar = readCalendars(mail.attachments, problems) ?? attached?.calendar ?? null;

  // The note: above or below the forward, else what the subject adds to the forward's.
  let note = forward.note;
  let notePlace: InboundEmailMeta['notePlace'] = forward.notePlace;
  // Outlook's "On ... wrote:" forward header has no Subject line: the forward's own subject stands in.
  const originalSubject =
    forwarded?.subject ?? (forwarded ? stripSubjectPrefixes(subject) || null : null);
  const inSubject = subjectNote(
    subject,
    originalSubject ?? (forwarded ? stripSubjectPrefixes(subject) : null),
  );
  if (!note && inSubject) {
    note = inSubject;
    notePlace = 'subject';
  } else if (note && inSubject && !note.toLowerCase().includes(inSubject.toLowerCase())) {
    note = `${inSubject}\n\n${note}`;
  }
  if (!forwarded && !calendar) note = forward.note;

  const originalDateIso = readLooseDate(forwarded?.date ?? null, receivedAt);
  const body = forwarded?.body ?? (calendar ? (calendar.description ?? '') : '');
  const candidateEmails = new Set<string>([from?.email ?? ''].filter(Boolean));
  const forwardedTo = forwarded?.to ?? [];
  if (forwardedTo.length === 1 && forwardedTo[0]?.email) candidateEmails.add(forwardedTo[0].email);
  const candidateName = from?.name ?? null;
  const context: InviteContext = {
    candidateEmails,
    candidateName,
    sender: forwarded?.from ?? null,
    calendar,
    body,
    subject: originalSubject ?? calendar?.summary ?? null,
  };
  const calendarCandidate = (calendar?.attendees ?? []).find(
    (a: CalendarPerson) => a.email && candidateEmails.has(a.email),
  );
  if (!calendarCandidate && calendar) {
    const byName = calendar.attendees.find(
      (a) => a.name && candidateName && a.name.toLowerCase() === candidateName.toLowerCase(),
    );
    if (byName?.email) candidateEmails.add(byName.email);
  }

  const hasInvite = forwarded !== null || calendar !== null;
  const details = hasInvite
    ? [
        originalSubject ? `Subject: ${originalSubject}` : '',
        body,
        calendar?.summary && !body.includes(calendar.summary) ? calendar.summary : '',
      ]
        .filter(Boolean)
        .join('\n\n')
    : '';
  const candidateZone = zoneForOffset(date);
  // The candidate, whom a subject may name ("Interview - Analyst - Ana Ruiz"), is never the
  // company. Senders and organizers are not listed: an ATS sends as the company itself.
  const people = [candidateName, ...forwardedTo.map((m) => m.name)].filter(
    (n): n is string => typeof n === 'string' && n.trim() !== '',
  );
  let extracted: Extracted | null = null;
  try {
    // With an invite the extractor reads the invite; without one, what the candidate wrote
    // ("my interview with Dana at Acme tomorrow at 10").
    extracted = hasInvite
      ? extract(
          details,
          { now: originalDateIso ?? receivedAt, timezone: candidateZone, people },
          // A calendar's start with its zone wins over any time in the prose.
          { start: !(calendar?.start && calendar.timezone), invite: true },
        )
      : note
        ? extract(note, { now: receivedAt, timezone: candidateZone, people })
        : null;
  } catch {
    problems.push('the prose extractor failed');
  }

  const found = hasInvite ? findInterviewer(context) : { name: null, email: null, phone: null };
  const interviewer =
    found.name || found.email
      ? found
      : {
          ...(extracted?.interviewer ?? found),
          phone: found.phone ?? extracted?.interviewer.phone ?? null,
        };
  const companyRole = hasInvite
    ? findCompanyRole(context)
    : { company: null, role: null, companyFrom: null, roleFrom: null };

  let start = calendar?.start ?? null;
  let timezone = calendar?.timezone ?? null;
  if (start && !timezone && extracted?.timezone) {
    // A UTC DTSTART: show it in the zone the invite's text names.
    const dt = DateTime.fromISO(start, { setZone: true }).setZone(extracted.timezone);
    if (dt.isValid) {
      start = dt.toISO({ suppressMilliseconds: true });
      timezone = extracted.timezone;
    }
  }
  if (!start && calendar?.localStart && !calendar.allDay && extracted?.timezone) {
    const dt = DateTime.fromISO(calendar.localStart, { zone: extracted.timezone });
    if (dt.isValid) {
      start = dt.toISO({ suppressMilliseconds: true });
      timezone = extracted.timezone;
    }
  }
  if (!start && extracted?.start) {
    start = extracted.start;
    timezone = extracted.timezone ?? timezone;
  }
  timezone ??= start ? (extracted?.timezone ?? null) : null;
  // A recruiter who forwards the invite on may say it moved: their note is newer than it.
  for (const relay of forward.relayNotes) {
    const moved = movedTo(relay, {
      now: receivedAt,
      timezone: timezone ?? candidateZone ?? undefined,
    });
    if (moved) {
      start = moved.start;
      timezone = moved.timezone;
      break;
    }
  }

  const interview: ParsedInboundEmail['request']['interview'] = {};
  // The subject's shape is the surest source; for phrases in the body, the core's
  // extractor (which reads the same text) comes before this channel's simpler patterns.
  const pick = (mine: string | null, from: 'subject' | 'body' | null, theirs?: string | null) =>
    from === 'subject' ? mine : (theirs ?? mine);
  const company = clip(pick(companyRole.company, companyRole.companyFrom, extracted?.company), 200);
  const role = clip(pick(companyRole.role, companyRole.roleFrom, extracted?.role), 200);
  // A company read from the role's own words ("Director, Internal Audit") is a misreading:
  // better none.
  if (company && !role?.toLowerCase().includes(company.toLowerCase())) interview.company = company;
  if (role) interview.role = role;
  const person = personInput(interviewer);
  if (Object.keys(person).length > 0) interview.interviewer = person;
  if (start) interview.start = start;
  if (timezone && start) interview.timezone = timezone;
  const location = clip(calendar?.location, 500);
  if (location) interview.location = location;
  const meetingUrl = calendar?.meetingUrl ?? findMeetingUrl(details);
  if (meetingUrl) interview.meetingUrl = meetingUrl.slice(0, 2000);
  if (details) interview.details = details.slice(0, 200_000);

  const candidate: ParsedInboundEmail['request']['candidate'] = {};
  const candidateInput = personInput({
    name: from?.name ?? null,
    email: from?.email ?? null,
    phone: null,
  });
  Object.assign(candidate, candidateInput);
  if (candidateZone) candidate.timezone = candidateZone;

  const id =
    options.id ?? messageId ?? `sha256-${createHash('sha256').update(source).digest('hex')}`;
  const isReply =
    inReplyTo !== null || (/^\s*(?:re|aw|sv|antw)\s*:/i.test(subject) && forwarded === null);
  const thread: ThreadInfo | null = messageId ? { messageId, references, subject } : null;

  return {
    request: {
      id: id.slice(0, 200),
      channel: 'email',
      text: note.slice(0, 100_000),
      receivedAt,
      interview,
      candidate,
      deliver: 'email',
    },
    meta: {
      messageId,
      inReplyTo,
      references,
      subject,
      from,
      date,
      thread,
      original: forwarded
        ? {
            from: forwarded.from,
            to: forwarded.to,
            subject: forwarded.subject,
            date: forwarded.date,
            dateIso: originalDateIso,
          }
        : null,
      forwardDepth: forwarded ? Math.max(forward.depth, 1) : 0,
      notePlace,
      calendar,
      hasInvite,
      isReply,
      sizeBytes: typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length,
      problems,
    },
  };
}
