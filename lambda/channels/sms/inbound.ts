/**
 * An inbound SMS as Twilio's messaging webhook posts it (application/x-www-form-urlencoded:
 * ToCountry, ToState, SmsMessageSid, NumMedia, SmsStatus=received, Body, NumSegments,
 * MessageSid, AccountSid, From, To, ApiVersion, …), checked field by field.
 */
import * as z from '../../core/zod.js';
import { ValidationError } from '../../core/errors.js';
import { toIssues } from '../../core/schema.js';
import type { TwilioParams } from './signature.js';

const E164 = /^\+[1-9]\d{6,14}$/u;
/** Twilio caps a message body at 1,600 characters. */
const MAX_BODY = 1600;

const InboundSmsSchema = z.object({
  MessageSid: z
    .string()
    .check(z.regex(/^(SM|MM)[0-9a-f]{32}$/u, 'expected a Twilio message SID (SM… or MM…)')),
  AccountSid: z.string().check(z.regex(/^AC[0-9a-f]{32}$/u, 'expected a Twilio account SID (AC…)')),
  From: z.string().check(z.regex(E164, 'expected an E.164 phone number')),
  To: z.string().check(z.regex(E164, 'expected an E.164 phone number')),
  Body: z.string().check(z.maxLength(MAX_BODY)),
  NumMedia: z._default(z.coerce.number().check(z.int(), z.gte(0)), 0),
});

export interface InboundSms {
  readonly messageSid: string;
  readonly accountSid: string;
  readonly from: string;
  readonly to: string;
  readonly body: string;
  readonly numMedia: number;
}

/** Reads the webhook's parameters, or throws a ValidationError naming every bad field. */
export function parseInboundSms(params: TwilioParams): InboundSms {
  const single = Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]),
  );
  const result = InboundSmsSchema.safeParse(single);
  if (!result.success) throw new ValidationError(toIssues(result.error));
  const { MessageSid, AccountSid, From, To, Body, NumMedia } = result.data;
  return {
    messageSid: MessageSid,
    accountSid: AccountSid,
    from: From,
    to: To,
    body: Body,
    numMedia: NumMedia,
  };
}
