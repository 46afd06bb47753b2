/**
 * What the email Lambda reads at cold start (through lambda/config.ts's `readConfig`, so
 * every missing key is reported at once) and the Deps it builds from it.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { awsAppDeps } from '../../adapters/aws-app-deps.js';
import type { Log } from '../../app/ports.js';
import {
  policyKeys,
  readConfig,
  schedulerKeys,
  sesKeys,
  storeKeys,
  twilioKeys,
} from '../../config.js';
import * as z from '../../core/zod.js';
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
    .check(z.trim(), z.minLength(3, 'is required (the inbound mail bucket)')),
  /** The S3 action's object key prefix ("inbound/"). */
  INBOUND_PREFIX: z._default(z.string().check(z.trim()), ''),
  /** Largest raw message read, in bytes. @default 10 MB */
  MAX_INBOUND_BYTES: z._default(
    z.coerce
      .number({ error: 'must be a whole number' })
      .check(z.int('must be a whole number'), z.positive('must be positive')),
    DEFAULT_MAX_BYTES,
  ),
});
export type EmailEnv = z.infer<typeof EmailEnvSchema>;

export const loadEmailConfig = (
  env: Readonly<Record<string, string | undefined>> = process.env,
): EmailEnv => readConfig(EmailEnvSchema, env);

/** The email Lambda's dependencies: the shared AWS Deps (DynamoDB, SES, Scheduler), and S3. */
export function emailDepsFrom(config: EmailEnv, logger: Log): EmailInboundDeps {
  return {
    app: awsAppDeps(config, logger),
    rawMail: new S3RawMailSource({
      client: new S3Client({}),
      bucket: config.INBOUND_BUCKET,
      prefix: config.INBOUND_PREFIX,
    }),
    maxBytes: config.MAX_INBOUND_BYTES,
  };
}
