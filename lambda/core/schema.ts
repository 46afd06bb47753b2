/**
 * The JSON contracts of ../shared/DESIGN.md as zod schemas: what comes in (`Request`)
 * and what the core returns (`Plan`). Unknown values are `null`, never invented.
 */
import * as z from './zod.js';
import { CATEGORIES, TIERS } from './categories.js';
import { ValidationError, type Issue } from './errors.js';

/** A string trimmed, then between `min` and `max` characters. */
const trimmed = (min: number, max: number) =>
  z.string().check(z.trim(), z.minLength(min), z.maxLength(max));

const isoInstant = z.iso.datetime({ offset: true });
const nullableString = z.nullable(z.string());

export const ChannelSchema = z.enum(['email', 'sms', 'webhook', 'cli']);
export type Channel = z.infer<typeof ChannelSchema>;

export const DeliverSchema = z.enum(['email', 'sms', 'none']);
export type Deliver = z.infer<typeof DeliverSchema>;

export const PersonInputSchema = z.object({
  name: z.optional(trimmed(1, 200)),
  email: z.optional(z.email().check(z.maxLength(320))),
  phone: z.optional(trimmed(3, 40)),
});

/** What a channel knows about the interview before the core reads the text. */
export const InterviewInputSchema = z.object({
  company: z.optional(trimmed(1, 200)),
  role: z.optional(trimmed(1, 200)),
  interviewer: z.optional(PersonInputSchema),
  /** An exact instant (ISO-8601 with offset) when the channel knows it (webhook, .ics). */
  start: z.optional(isoInstant),
  /** Prose time ("tmrw 10am", "Thu 2:30pm ET") when that is all there is (CLI `--when`). */
  when: z.optional(trimmed(1, 200)),
  /** IANA zone of the interview. */
  timezone: z.optional(trimmed(1, 64)),
  location: z.optional(trimmed(0, 500)),
  meetingUrl: z.optional(trimmed(0, 2000)),
  /** Free text the extractor may read for details (the forwarded invite's body). */
  details: z.optional(z.string().check(z.maxLength(200_000))),
});
export type InterviewInput = z.infer<typeof InterviewInputSchema>;

export const CandidateInputSchema = z.extend(PersonInputSchema, {
  /** IANA zone of the candidate: reminders land in their waking hours. */
  timezone: z.optional(trimmed(1, 64)),
});
export type CandidateInput = z.infer<typeof CandidateInputSchema>;

/** Everything a channel hands to the core. */
export const RequestSchema = z.object({
  /** The idempotency key of the inbound (SES message id, MessageSid, Idempotency-Key). */
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  channel: ChannelSchema,
  /** What the candidate said: the reason, and maybe availability. */
  text: z.string().check(z.maxLength(100_000)),
  /** When the inbound was sent: relative times in the text are read against it. */
  receivedAt: isoInstant,
  interview: z._default(InterviewInputSchema, {}),
  candidate: z._default(CandidateInputSchema, {}),
  deliver: z._default(DeliverSchema, 'none'),
});
export type Request = z.infer<typeof RequestSchema>;
export type RequestInput = z.input<typeof RequestSchema>;

export const UrgencySchema = z.enum(['past', 'urgent', 'short', 'ample', 'unknown']);
export type Urgency = z.infer<typeof UrgencySchema>;

export const PersonSchema = z.object({
  name: nullableString,
  email: nullableString,
  phone: nullableString,
});
export type Person = z.infer<typeof PersonSchema>;

export const ReplySchema = z.object({
  channel: z.enum(['email', 'sms']),
  to: z.string(),
  subject: z.optional(z.string()),
  text: z.string(),
  html: z.optional(z.string()),
});
export type Reply = z.infer<typeof ReplySchema>;

export const ReminderKindSchema = z.enum(['thank_you', 'prep']);
export type ReminderKind = z.infer<typeof ReminderKindSchema>;

export const ReminderSchema = z.object({
  kind: ReminderKindSchema,
  at: isoInstant,
  channel: z.enum(['email', 'sms']),
  to: z.string(),
});
export type Reminder = z.infer<typeof ReminderSchema>;

export const ReasonSchema = z.object({
  category: z.enum(CATEGORIES),
  tier: z.enum(TIERS),
  confidence: z.number().check(z.gte(0), z.lte(1)),
});

export const PlanSchema = z.object({
  id: z.string(),
  reason: ReasonSchema,
  interview: z.object({
    company: nullableString,
    role: nullableString,
    interviewer: PersonSchema,
    start: z.nullable(isoInstant),
    timezone: nullableString,
  }),
  candidate: PersonSchema,
  notice: z.object({ hoursLeft: z.nullable(z.number()), urgency: UrgencySchema }),
  drafts: z.object({
    reschedule: z.object({
      subject: z.string(),
      text: z.string(),
      html: z.string(),
      sms: z.string(),
    }),
    thankYou: z.object({ subject: z.string(), text: z.string(), sms: z.string() }),
    callScript: z.nullable(z.string()),
  }),
  advice: z.array(z.string()),
  replies: z.array(ReplySchema),
  reminders: z.array(ReminderSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

/** Turns zod's issues into the project's: every problem, with a dotted path. */
export function toIssues(error: z.core.$ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parses untrusted input into a `Request`, or throws a `ValidationError` naming every problem. */
export function parseRequest(input: unknown): Request {
  const result = RequestSchema.safeParse(input);
  if (!result.success) throw new ValidationError(toIssues(result.error));
  return result.data;
}
