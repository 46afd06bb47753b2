/**
 * The email channel: a forwarded invite (raw MIME, as SES stores it) to a `Request`, and
 * the SES inbound flow around it (verdicts, allowlist, S3, threaded replies).
 */
import { plan as corePlan } from '../../core/plan.js';
import { parseRequest, type Plan, type Request } from '../../core/schema.js';
import type { TemplateSet } from '../../core/templates.js';
import { parseInboundEmail, type ParseInboundOptions } from './parse.js';

export { parseInboundEmail, zoneForOffset } from './parse.js';
export type {
  InboundEmailMeta,
  ParsedInboundEmail,
  ParseInboundOptions,
  ThreadInfo,
} from './parse.js';
export { readCalendar, readCalendarEvents } from './calendar.js';
export type { CalendarInvite, CalendarPerson } from './calendar.js';
export { readForward, subjectNote, stripSubjectPrefixes } from './forward.js';
export type { ForwardedMessage, ForwardReading, Mailbox } from './forward.js';
export { htmlToText } from './html-to-text.js';
export { ianaFromName, ianaFromWindows } from './timezones.js';
export { findInterviewer, findCompanyRole, findPhone } from './people.js';
export * from './inbound.js';
export * from './reply.js';

/**
 * Raw MIME to a validated `Request` (the CLI's `reschedule email FILE.eml`). Throws a
 * ValidationError naming every problem when the mail cannot make a valid Request.
 */
export async function requestFromMime(
  raw: Buffer | string,
  options: ParseInboundOptions & { readonly now: string },
): Promise<Request> {
  const { request } = await parseInboundEmail(raw, options);
  return parseRequest(request);
}

/** Raw MIME to the core's Plan, read at `now` with the given templates. */
export async function emailFileToPlan(
  raw: Buffer | string,
  options: ParseInboundOptions & {
    readonly now: string;
    readonly templates: TemplateSet;
    readonly plan?: typeof corePlan;
  },
): Promise<Plan> {
  const request = await requestFromMime(raw, options);
  return (options.plan ?? corePlan)(request, options.now, options.templates);
}
