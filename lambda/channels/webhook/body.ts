/**
 * The JSON body of `POST /v1/reschedule` (DESIGN.md). Strict: an unknown key is a problem
 * (a typo like "candiate" must not pass silently), and every problem is reported at once.
 */
import { isValidZoneName } from '../../core/zone-name.js';
import * as z from '../../core/zod.js';
import { normalizeContact } from '../../app/policy.js';
import type { Issue } from '../../core/errors.js';
import { toIssues } from '../../core/schema.js';

const name = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(200, 'must be 200 characters or fewer'),
  );
const email = z
  .email('must be an email address')
  .check(z.maxLength(320, 'must be 320 characters or fewer'));
const zone = z
  .string()
  .check(
    z.refine(
      (value: string) => isValidZoneName(value),
      'must be an IANA time zone like America/New_York',
    ),
  );
/** The candidate's number is an SMS destination: E.164 once spaces and dashes are gone. */
const e164 = z
  .pipe(z.string(), z.transform(normalizeContact))
  .check(
    z.refine(
      (value: string) => /^\+[1-9]\d{6,14}$/.test(value),
      'must be an E.164 number like +15551234567',
    ),
  );

export const WebhookBodySchema = z
  .strictObject({
    text: z
      .string({ error: 'is required: what the candidate said' })
      .check(
        z.trim(),
        z.minLength(1, 'must not be empty: what the candidate said'),
        z.maxLength(20_000, 'must be 20000 characters or fewer'),
      ),
    interview: z.optional(
      z.strictObject({
        company: z.optional(name),
        role: z.optional(name),
        interviewer: z.optional(
          z.strictObject({
            name: z.optional(name),
            email: z.optional(email),
            phone: z.optional(
              z.string().check(z.trim(), z.minLength(3, 'must be a phone number'), z.maxLength(40)),
            ),
          }),
        ),
        start: z.optional(
          z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with an offset' }),
        ),
        timezone: z.optional(zone),
      }),
    ),
    candidate: z.optional(
      z.strictObject({
        name: z.optional(name),
        email: z.optional(email),
        phone: z.optional(e164),
        timezone: z.optional(zone),
      }),
    ),
    deliver: z._default(
      z.enum(['email', 'sms', 'none'], { error: 'must be "email", "sms" or "none"' }),
      'none',
    ),
  })
  .check(
    z.superRefine((body, ctx) => {
      if (body.deliver === 'email' && body.candidate?.email === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['candidate', 'email'],
          message: 'is required when deliver is "email"',
        });
      }
      if (body.deliver === 'sms' && body.candidate?.phone === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['candidate', 'phone'],
          message: 'is required when deliver is "sms"',
        });
      }
    }),
  );
export type WebhookBody = z.infer<typeof WebhookBodySchema>;

export type BodyCheck =
  | { readonly ok: true; readonly body: WebhookBody }
  | { readonly ok: false; readonly issues: Issue[] };

/** Parses the raw body: not JSON, not an object, or any field wrong -> every issue. */
export function parseWebhookBody(raw: string): BodyCheck {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, issues: [{ path: '', message: 'the body is not valid JSON' }] };
  }
  const result = WebhookBodySchema.safeParse(json);
  return result.success
    ? { ok: true, body: result.data }
    : { ok: false, issues: toIssues(result.error) };
}
