/**
 * What the email Lambda reads at cold start (through lambda/config.ts's `readConfig`, so
 * every missing key is reported at once) and the Deps it builds from it.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { lazyMailer, lazyScheduler, lazyTexter } from '../../adapters/lazy.js';
import { DynamoStore } from '../../adapters/dynamodb/index.js';
import { systemClock } from '../../adapters/memory/fixed-clock.js';
import type { Deps } from '../../app/deps.js';
import type { Log } from '../../app/ports.js';
import {
  policyFrom,
  policyKeys,
  readConfig,
  schedulerKeys,
  sesKeys,
  storeKeys,
  twilioKeys,
} from '../../config.js';
import { plan, planNewTime, renderReminder } from '../../core/index.js';
import { loadTemplates } from '../../templates.js';
import { DEFAULT_MAX_BYTES, type EmailInboundDeps } from './inbound.js';
import { S3RawMailSource } from './s3-raw-mail.js';

export const EmailEnvSchema = z.object({
  ...storeKeys,
  ...policyKeys,
  ...sesKeys,
  ...schedulerKeys,
  ...twilioKeys,
  /** The bucket the SES receipt rule stores raw mail in. */
  INBOUND_BUCKET: z
    .string({ error: 'is required (the inbound mail bucket)' })
    .trim()
    .min(3, 'is required (the inbound mail bucket)'),
  /** The S3 action's object key prefix ("inbound/"). */
  INBOUND_PREFIX: z.string().trim().default(''),
  /** Largest raw message read, in bytes. @default 10 MB */
  MAX_INBOUND_BYTES: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .positive('must be positive')
    .default(DEFAULT_MAX_BYTES),
});
export type EmailEnv = z.infer<typeof EmailEnvSchema>;

export const loadEmailConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): EmailEnv => readConfig(EmailEnvSchema, env);

/** The email Lambda's dependencies: DynamoDB, SES, EventBridge Scheduler, S3. */
export function emailDepsFrom(config: EmailEnv, logger: Log): EmailInboundDeps {
  // SES, Scheduler and Twilio load on first use (a lazy chunk of the bundle): mail that is
  // dropped (a verdict, the allowlist) loads none of them.
  const delivery = () => import('../../adapters/aws-delivery.js');
  const app: Deps = {
    store: new DynamoStore({ tableName: config.TABLE_NAME }),
    mailer: lazyMailer(async () => (await delivery()).mailerFrom(config)),
    texter: lazyTexter(async () => (await delivery()).texterFrom(config)),
    scheduler: lazyScheduler(async () => (await delivery()).schedulerFrom(config)),
    clock: systemClock,
    templates: loadTemplates(),
    policy: policyFrom(config),
    logger,
    core: { plan, renderReminder, planNewTime },
  };
  return {
    app,
    rawMail: new S3RawMailSource({
      client: new S3Client({}),
      bucket: config.INBOUND_BUCKET,
      prefix: config.INBOUND_PREFIX,
    }),
    maxBytes: config.MAX_INBOUND_BYTES,
  };
}
