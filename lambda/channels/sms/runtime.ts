/**
 * What the SMS Lambda needs beyond the shared adapters: its config schema (read through
 * lambda/config.ts, the only reader of the environment) and a Mailer that
 * fails closed. The SMS function answers texts inline and schedules reminders; it never
 * emails (a conversation started by text follows up by text), so it gets no SES rights.
 */
import * as z from '../../core/zod.js';
import { DeliveryError } from '../../adapters/delivery-error.js';
import type { Mailer } from '../../app/ports.js';
import { optional, policyKeys, readConfig, schedulerKeys, storeKeys } from '../../config.js';

export const SmsEnvSchema = z.object({
  ...storeKeys,
  ...policyKeys,
  ...schedulerKeys,
  TWILIO_SECRET_ARN: z
    .string({ error: 'is required (the Twilio credentials secret)' })
    .check(z.trim(), z.regex(/^arn:aws[a-z-]*:/, 'must be an ARN (arn:aws:...)')),
  TWILIO_FROM: optional,
  TWILIO_MESSAGING_SERVICE_SID: optional,
  /** The exact webhook URL configured in Twilio; unset: rebuilt from the request. */
  PUBLIC_URL: z.pipe(
    optional,
    z.optional(
      z.url({ protocol: /^https?$/, error: 'must be the http(s) URL configured in Twilio' }),
    ),
  ),
});
export type SmsEnv = z.infer<typeof SmsEnvSchema>;

/**
 * The SMS Lambda's config, or a ConfigError naming every key at fault. TWILIO_FROM /
 * TWILIO_MESSAGING_SERVICE_SID are optional: the function answers inline (TwiML).
 */
export const loadSmsConfig = (env?: Readonly<Record<string, string | undefined>>): SmsEnv =>
  readConfig(SmsEnvSchema, env);

/** The SMS function has no mail rights: an email send is a wiring bug, refused for good. */
export const NO_EMAIL: Mailer = {
  send: () =>
    Promise.reject(
      new DeliveryError('ses', 'the SMS function sends no email', {
        retryable: false,
        providerCode: 'NotConfigured',
      }),
    ),
};
