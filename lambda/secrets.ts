/**
 * Secrets from AWS Secrets Manager, read once per container and cached: the Twilio
 * credentials (`{"accountSid","authToken"}`) and the webhook HMAC secret. Callers pass the
 * secret ARNs (config.ts reads them from the env); values are never logged and never put
 * in an error message. A failed read is not cached, so the next invocation tries again.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from './core/zod.js';
import { AppError } from './core/errors.js';
import { awsErrorCode, isTransientAwsError } from './adapters/delivery-error.js';
import type { TwilioCredentials } from './adapters/twilio/twilio-texter.js';

export type { TwilioCredentials };

/** A secret could not be read or does not have the expected shape. Names the secret, never its value. */
export class SecretError extends AppError {
  constructor(message: string, options: { cause?: unknown; retryable: boolean }) {
    super('SECRET', message, options);
  }
}

const TwilioCredentialsSchema = z.object({
  accountSid: z
    .string()
    .check(z.regex(/^AC[0-9a-fA-F]{32}$/, 'must be an account SID (AC + 32 hex digits)')),
  authToken: z.string().check(z.minLength(1, 'must not be empty')),
});

/** Reads secret strings by ARN, each once; concurrent first reads share one request. */
export class SecretReader {
  private readonly client: SecretsManagerClient;
  private readonly cache = new Map<string, Promise<string>>();

  constructor(client: SecretsManagerClient = new SecretsManagerClient({})) {
    this.client = client;
  }

  getString(secretId: string): Promise<string> {
    let value = this.cache.get(secretId);
    if (!value) {
      value = this.fetch(secretId);
      this.cache.set(secretId, value);
      value.catch(() => this.cache.delete(secretId));
    }
    return value;
  }

  /** The Twilio credentials secret, validated: every problem named, no value echoed. */
  async twilioCredentials(secretId: string): Promise<TwilioCredentials> {
    const raw = await this.getString(secretId);
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new SecretError(`secret ${secretId} is not JSON {"accountSid","authToken"}`, {
        retryable: false,
      });
    }
    const parsed = TwilioCredentialsSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new SecretError(`secret ${secretId} is not valid Twilio credentials: ${problems}`, {
        retryable: false,
      });
    }
    return parsed.data;
  }

  /** The webhook HMAC secret: a plain string (CDK generates it), at least 16 characters. */
  async webhookSecret(secretId: string): Promise<string> {
    const value = await this.getString(secretId);
    if (value.length < 16) {
      throw new SecretError(
        `secret ${secretId} is too short for an HMAC key (16 characters at least)`,
        {
          retryable: false,
        },
      );
    }
    return value;
  }

  private async fetch(secretId: string): Promise<string> {
    let out;
    try {
      out = await this.client.send(new GetSecretValueCommand({ SecretId: secretId }));
    } catch (error) {
      const code = awsErrorCode(error) ?? 'network';
      throw new SecretError(`reading secret ${secretId} failed (${code})`, {
        cause: error,
        retryable: isTransientAwsError(error),
      });
    }
    if (typeof out.SecretString !== 'string') {
      throw new SecretError(`secret ${secretId} has no string value`, { retryable: false });
    }
    return out.SecretString;
  }
}

let shared: SecretReader | undefined;

/** The container's one reader (module scope, so the cache outlives invocations). */
export function secretReader(): SecretReader {
  shared ??= new SecretReader();
  return shared;
}
