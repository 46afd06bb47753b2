/**
 * The JSON contracts of ../shared/DESIGN.md as zod schemas: what comes in (`Request`)
 * and what the core returns (`Plan`). Unknown values are `null`, never invented.
 */
import { z } from 'zod';
import { CATEGORIES, TIERS } from './categories.js';
import { ValidationError, type Issue } from './errors.js';

const isoInstant = z.iso.datetime({ offset: true });
const nullableString = z.string().nullable();

export const ChannelSchema = z.enum(['email', 'sms', 'webhook', 'cli']);
export type Channel = z.infer<typeof ChannelSchema>;

export const DeliverSchema = z.enum(['email', 'sms', 'none']);
export type Deliver = z.infer<typeof DeliverSchema>;

export const PersonInputSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional(),
  phone: z.string().trim().min(3).max(40).optional(),
});

/** What a channel knows about the interview before the core reads the text. */
export const InterviewInputSchema = z.object({
  company: z.string().trim().min(1).max(200).optional(),
  role: z.string().trim().min(1).max(200).optional(),
  interviewer: PersonInputSchema.optional(),
  /** An exact instant (ISO-8601 with offset) when the channel knows it (webhook, .ics). */
  start: isoInstant.optional(),
  /** Prose time ("tmrw 10am", "Thu 2:30pm ET") when that is all there is (CLI `--when`). */
  when: z.string().trim().min(1).max(200).optional(),
  /** IANA zone of the interview. */
  timezone: z.string().trim().min(1).max(64).optional(),
  location: z.string().trim().max(500).optional(),
  meetingUrl: z.string().trim().max(2000).optional(),
  /** Free text the extractor may read for details (the forwarded invite's body). */
  details: z.string().max(200_000).optional(),
});
export type InterviewInput = z.infer<typeof InterviewInputSchema>;

export const CandidateInputSchema = PersonInputSchema.extend({
  /** IANA zone of the candidate: reminders land in their waking hours. */
  timezone: z.string().trim().min(1).max(64).optional(),
});
export type CandidateInput = z.infer<typeof CandidateInputSchema>;

/** Everything a channel hands to the core. */
export const RequestSchema = z.object({
  /** The idempotency key of the inbound (SES message id, MessageSid, Idempotency-Key). */
  id: z.string().min(1).max(200),
  channel: ChannelSchema,
  /** What the candidate said: the reason, and maybe availability. */
  text: z.string().max(100_000),
  /** When the inbound was sent: relative times in the text are read against it. */
  receivedAt: isoInstant,
  interview: InterviewInputSchema.default({}),
  candidate: CandidateInputSchema.default({}),
  deliver: DeliverSchema.default('none'),
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
  subject: z.string().optional(),
  text: z.string(),
  html: z.string().optional(),
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
  confidence: z.number().min(0).max(1),
});

export const PlanSchema = z.object({
  id: z.string(),
  reason: ReasonSchema,
  interview: z.object({
    company: nullableString,
    role: nullableString,
    interviewer: PersonSchema,
    start: isoInstant.nullable(),
    timezone: nullableString,
  }),
  candidate: PersonSchema,
  notice: z.object({ hoursLeft: z.number().nullable(), urgency: UrgencySchema }),
  drafts: z.object({
    reschedule: z.object({
      subject: z.string(),
      text: z.string(),
      html: z.string(),
      sms: z.string(),
    }),
    thankYou: z.object({ subject: z.string(), text: z.string(), sms: z.string() }),
    callScript: z.string().nullable(),
  }),
  advice: z.array(z.string()),
  replies: z.array(ReplySchema),
  reminders: z.array(ReminderSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

/** Turns zod's issues into the project's: every problem, with a dotted path. */
export function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Parses untrusted input into a `Request`, or throws a `ValidationError` naming every problem. */
export function parseRequest(input: unknown): Request {
  const result = RequestSchema.safeParse(input);
  if (!result.success) throw new ValidationError(toIssues(result.error));
  return result.data;
}
