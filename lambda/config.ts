/**
 * The only reader of `process.env`. Each Lambda reads its config once at cold start through
 * one zod schema; every missing or invalid key is reported at once in a ConfigError, so a
 * bad deploy fails on its first invocation with the whole list, not one key at a time.
 * Secrets are never values here: only their ARNs (or, for local runs, WEBHOOK_SECRET).
 */
import * as z from './core/zod.js';
import { AppError, type Issue } from './core/errors.js';
import {
  checkAllowlistEntry,
  DEFAULT_RATE_LIMIT,
  parseAllowlist,
  type Policy,
} from './app/policy.js';

/** The environment is incomplete or wrong; `issues` names every key at fault. */
export class ConfigError extends AppError {
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(
      'CONFIG',
      `invalid configuration: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
    this.issues = issues;
  }
}

const required = (what: string) =>
  z
    .string({ error: `is required (${what})` })
    .check(z.trim(), z.minLength(1, `is required (${what})`));
/** An optional setting, trimmed; blank counts as unset. */
export const optional = z.pipe(
  z.optional(z.string().check(z.trim())),
  z.transform((v: string | undefined) => (v === '' ? undefined : v)),
);

/** SENDER_ALLOWLIST: comma-separated addresses, @domains, E.164 numbers, or `*`. */
const allowlist = z.pipe(
  z
    .string({ error: 'is required (comma-separated addresses, @domains, E.164 numbers, or *)' })
    .check(
      z.superRefine((value: string, ctx) => {
        for (const entry of value
          .split(/[,;\n]+/)
          .map((e) => e.trim())
          .filter(Boolean)) {
          const problem = checkAllowlistEntry(entry);
          if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
        }
      }),
    ),
  z.transform(parseAllowlist),
);

const positiveInt = (fallback: number) =>
  z._default(
    z.coerce
      .number({ error: 'must be a whole number' })
      .check(z.int('must be a whole number'), z.positive('must be positive')),
    fallback,
  );

const arn = (what: string) =>
  required(what).check(z.regex(/^arn:aws[a-z-]*:/, 'must be an ARN (arn:aws:...)'));

/** The keys the app's policy needs (every function that runs `handleRequest` or follow-ups). */
const policyKeys = {
  SENDER_ALLOWLIST: allowlist,
  /** Requests per sender per hour. @default 10 */
  RATE_LIMIT_PER_HOUR: positiveInt(DEFAULT_RATE_LIMIT.limit),
};

const storeKeys = { TABLE_NAME: required('the DynamoDB table') };

const sesKeys = {
  FROM_ADDRESS: z.pipe(required('the verified SES sender'), z.email('must be an email address')),
  FROM_NAME: optional,
  SES_CONFIGURATION_SET: optional,
};

const schedulerKeys = {
  SCHEDULE_GROUP: required('the EventBridge Scheduler group'),
  SCHEDULER_ROLE_ARN: arn('the role Scheduler assumes'),
  REMINDER_FUNCTION_ARN: arn('the reminder Lambda'),
  REMINDER_DLQ_ARN: arn('the reminders dead-letter queue'),
};

/** Twilio is optional for the webhook: without it, `deliver: "sms"` is refused with a 400. */
const twilioKeys = {
  TWILIO_SECRET_ARN: optional,
  TWILIO_FROM: optional,
  TWILIO_MESSAGING_SERVICE_SID: optional,
  /** Twilio's REST base URL, for a loopback stand-in in tests and local runs. @default Twilio's own */
  TWILIO_API_BASE_URL: z.pipe(optional, z.optional(z.url({ protocol: /^https?$/ }))),
};

export const WebhookEnvSchema = z.object({
  ...storeKeys,
  ...policyKeys,
  ...sesKeys,
  ...schedulerKeys,
  ...twilioKeys,
  WEBHOOK_SECRET_ARN: optional,
  /** Local runs only: the secret itself. Deployed functions use WEBHOOK_SECRET_ARN. */
  WEBHOOK_SECRET: optional,
});
export type WebhookEnv = z.infer<typeof WebhookEnvSchema>;

type Env = Readonly<Record<string, string | undefined>>;

const given = (value: string | undefined): boolean => value !== undefined && value.trim() !== '';

/**
 * Rules across keys, checked on the raw environment so they are reported together with
 * every per-key problem (a zod refinement would wait until all keys were valid).
 */
function webhookChecks(env: Env): Issue[] {
  const issues: Issue[] = [];
  if (!given(env.WEBHOOK_SECRET_ARN) && !given(env.WEBHOOK_SECRET)) {
    issues.push({
      path: 'WEBHOOK_SECRET_ARN',
      message: 'is required (or WEBHOOK_SECRET for local runs)',
    });
  }
  if (given(env.WEBHOOK_SECRET) && (env.WEBHOOK_SECRET ?? '').trim().length < 16) {
    issues.push({ path: 'WEBHOOK_SECRET', message: 'must be 16 characters or more' });
  }
  if (
    given(env.TWILIO_SECRET_ARN) &&
    !given(env.TWILIO_FROM) &&
    !given(env.TWILIO_MESSAGING_SERVICE_SID)
  ) {
    issues.push({
      path: 'TWILIO_FROM',
      message: 'is required with TWILIO_SECRET_ARN (or TWILIO_MESSAGING_SERVICE_SID)',
    });
  }
  return issues;
}

/**
 * Parses `env` with `schema` plus any cross-key `checks`, or throws a ConfigError naming
 * every key at fault.
 */
export function readConfig<S extends z.ZodMiniType>(
  schema: S,
  env: Env = process.env,
  checks: (env: Env) => Issue[] = () => [],
): z.infer<S> {
  const result = schema.safeParse(env);
  const issues: Issue[] = result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(env)',
        message: issue.message,
      }));
  issues.push(...checks(env));
  if (issues.length > 0 || !result.success) throw new ConfigError(issues);
  return result.data;
}

/** The app's Policy from SENDER_ALLOWLIST and RATE_LIMIT_PER_HOUR. */
export function policyFrom(env: {
  SENDER_ALLOWLIST: string[];
  RATE_LIMIT_PER_HOUR: number;
}): Policy {
  return {
    allowlist: env.SENDER_ALLOWLIST,
    rateLimit: { limit: env.RATE_LIMIT_PER_HOUR, windowSeconds: 60 * 60 },
  };
}

/** The webhook Lambda's config (lambda/handlers/webhook.ts). */
export const loadWebhookConfig = (env: Env = process.env): WebhookEnv =>
  readConfig(WebhookEnvSchema, env, webhookChecks);

/**
 * The reminder Lambda's config (lambda/handlers/reminder.ts): it reads the store, checks the
 * policy and sends by email or SMS. It schedules nothing (no scheduler keys); without Twilio
 * settings an SMS reminder fails for good rather than retrying.
 */
export const ReminderEnvSchema = z.object({
  ...storeKeys,
  ...policyKeys,
  ...sesKeys,
  ...twilioKeys,
});
export type ReminderEnv = z.infer<typeof ReminderEnvSchema>;

export const loadReminderConfig = (env: Env = process.env): ReminderEnv =>
  readConfig(ReminderEnvSchema, env);

export { policyKeys, storeKeys, sesKeys, schedulerKeys, twilioKeys };
