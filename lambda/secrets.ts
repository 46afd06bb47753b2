/**
 * Secrets from AWS Secrets Manager, read once per container and cached: the Twilio
 * credentials (`{"accountSid","authToken"}`, with an optional `previousAuthToken` while a
 * token is rotated) and the webhook HMAC secret. Callers pass the secret ARNs (config.ts
 * reads them from the env); values are never logged and never put in an error message.
 * Neither a failed read nor a value of the wrong shape (the placeholder the stack creates
 * before an operator puts the real pair in) is cached: the next invocation reads again, so
 * a corrected secret takes effect without recycling the function.
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
  /**
   * The token being retired, during a rotation: Twilio signs webhooks with its primary token
   * until the secondary one is promoted, so signatures are checked under both. REST calls
   * use `authToken` (Twilio accepts a secondary token there).
   */
  previousAuthToken: z.optional(z.string().check(z.minLength(1, 'must not be empty'))),
});

/** What the Twilio secret holds: the REST credentials, and a token still accepted on signatures. */
export type TwilioSecret = TwilioCredentials & { readonly previousAuthToken?: string | undefined };

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
  twilioCredentials(secretId: string): Promise<TwilioSecret> {
    return this.validated(secretId, (raw) => parseTwilioSecret(secretId, raw));
  }

  /** The webhook HMAC secret: a plain string (CDK generates it), at least 16 characters. */
  webhookSecret(secretId: string): Promise<string> {
    return this.validated(secretId, (value) => {
      if (value.length < 16) {
        throw new SecretError(
          `secret ${secretId} is too short for an HMAC key (16 characters at least)`,
          { retryable: false },
        );
      }
      return value;
    });
  }

  /** The secret through `check`; a value `check` rejects leaves the cache, to be read again. */
  private async validated<T>(secretId: string, check: (raw: string) => T): Promise<T> {
    const pending = this.getString(secretId);
    const raw = await pending;
    try {
      return check(raw);
    } catch (error) {
      if (this.cache.get(secretId) === pending) this.cache.delete(secretId);
      throw error;
    }
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

function parseTwilioSecret(secretId: string, raw: string): TwilioSecret {
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
  const { previousAuthToken, ...credentials } = parsed.data;
  return previousAuthToken === undefined ? credentials : { ...credentials, previousAuthToken };
}

let shared: SecretReader | undefined;

/** The container's one reader (module scope, so the cache outlives invocations). */
export function secretReader(): SecretReader {
  shared ??= new SecretReader();
  return shared;
}
