/**
 * The local service's configuration: CLI flags over environment over defaults, read once at
 * start-up through one zod schema. Every problem is named at once (a ConfigError), before
 * anything listens.
 */
import * as z from '../core/zod.js';
import { ConfigError, optional, readConfig } from '../config.js';
import { checkAllowlistEntry, parseAllowlist } from '../app/policy.js';

export { ConfigError };

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .check(
      z.int(`${name} must be a whole number`),
      z.gte(0, `${name} must be 0..65535`),
      z.lte(65535, `${name} must be 0..65535`),
    );

export const LocalEnvSchema = z
  .object({
    PORT: z._default(port('--port'), 3000),
    SMTP_PORT: z._default(port('--smtp-port'), 2525),
    DATA_DIR: z._default(z.string().check(z.trim(), z.minLength(1)), '.data'),
    HOST: z._default(z.string().check(z.trim(), z.minLength(1)), '127.0.0.1'),
    /**
     * The URL Twilio calls for `/sms` (or the service's base URL: `/sms` is appended).
     * @default http://localhost:<PORT>/sms
     */
    PUBLIC_URL: z.pipe(optional, z.optional(z.url('must be a URL (https://…)'))),
    /** @default `*` on a loopback HOST; required on any other */
    SENDER_ALLOWLIST: optional,
    RATE_LIMIT_PER_HOUR: z._default(z.coerce.number().check(z.int(), z.positive()), 30),
    WEBHOOK_SECRET: optional,
    TWILIO_AUTH_TOKEN: optional,
    /** Real SES delivery, when set (credentials and region from the AWS default chain). */
    FROM_ADDRESS: z.pipe(optional, z.optional(z.email('must be an email address'))),
    /** Real Twilio delivery, when set with TWILIO_AUTH_TOKEN and TWILIO_FROM. */
    TWILIO_ACCOUNT_SID: optional,
    TWILIO_FROM: optional,
  })
  .check(
    z.superRefine((env, ctx) => {
      if (env.SENDER_ALLOWLIST !== undefined) {
        for (const entry of env.SENDER_ALLOWLIST.split(/[,;\n]+/)
          .map((e) => e.trim())
          .filter(Boolean)) {
          const problem = checkAllowlistEntry(entry);
          if (problem)
            ctx.addIssue({ code: 'custom', path: ['SENDER_ALLOWLIST'], message: problem });
        }
      } else if (!LOOPBACK.has(env.HOST)) {
        ctx.addIssue({
          code: 'custom',
          path: ['SENDER_ALLOWLIST'],
          message: `is required when HOST (${env.HOST}) is not loopback: the service must not answer strangers`,
        });
      }
      if (env.TWILIO_ACCOUNT_SID !== undefined) {
        if (env.TWILIO_FROM === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['TWILIO_FROM'],
            message: 'is required with TWILIO_ACCOUNT_SID',
          });
        if (env.TWILIO_AUTH_TOKEN === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['TWILIO_AUTH_TOKEN'],
            message: 'is required with TWILIO_ACCOUNT_SID',
          });
      }
      if (env.WEBHOOK_SECRET !== undefined && env.WEBHOOK_SECRET.length < 16)
        ctx.addIssue({
          code: 'custom',
          path: ['WEBHOOK_SECRET'],
          message: 'must be 16 characters or more',
        });
    }),
  );

export interface LocalConfig {
  readonly port: number;
  readonly smtpPort: number;
  readonly dataDir: string;
  readonly host: string;
  /** The exact URL Twilio's signature covers, or null to use http://localhost:<actual port>/sms. */
  readonly smsUrl: string | null;
  readonly allowlist: string[];
  readonly rateLimitPerHour: number;
  readonly webhookSecret: string | undefined;
  readonly twilioAuthToken: string | undefined;
  readonly ses: { readonly fromAddress: string } | null;
  readonly twilio: { readonly accountSid: string; readonly from: string } | null;
}

export interface LocalFlags {
  readonly port?: number | undefined;
  readonly smtpPort?: number | undefined;
  readonly dataDir?: string | undefined;
  readonly host?: string | undefined;
}

export function readLocalConfig(flags: LocalFlags, env: NodeJS.ProcessEnv): LocalConfig {
  const merged = {
    ...env,
    ...(flags.port === undefined ? {} : { PORT: String(flags.port) }),
    ...(flags.smtpPort === undefined ? {} : { SMTP_PORT: String(flags.smtpPort) }),
    ...(flags.dataDir === undefined ? {} : { DATA_DIR: flags.dataDir }),
    ...(flags.host === undefined ? {} : { HOST: flags.host }),
  };
  const e = readConfig(LocalEnvSchema, merged);
  const smsUrl =
    e.PUBLIC_URL === undefined
      ? null
      : new URL(e.PUBLIC_URL).pathname.endsWith('/sms')
        ? e.PUBLIC_URL
        : `${e.PUBLIC_URL.replace(/(?<!\/)\/+$/, '')}/sms`; // lookbehind: linear (ReDoS)
  return {
    port: e.PORT,
    smtpPort: e.SMTP_PORT,
    dataDir: e.DATA_DIR,
    host: e.HOST,
    smsUrl,
    allowlist: e.SENDER_ALLOWLIST === undefined ? ['*'] : parseAllowlist(e.SENDER_ALLOWLIST),
    rateLimitPerHour: e.RATE_LIMIT_PER_HOUR,
    webhookSecret: e.WEBHOOK_SECRET,
    twilioAuthToken: e.TWILIO_AUTH_TOKEN,
    ses: e.FROM_ADDRESS === undefined ? null : { fromAddress: e.FROM_ADDRESS },
    twilio:
      e.TWILIO_ACCOUNT_SID === undefined || e.TWILIO_FROM === undefined
        ? null
        : { accountSid: e.TWILIO_ACCOUNT_SID, from: e.TWILIO_FROM },
  };
}
