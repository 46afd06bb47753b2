import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretError, SecretReader } from '../../lambda/secrets.js';
import { startSecretsStandIn, type SecretsStandIn } from '../support/secrets-standin.js';

let standIn: SecretsStandIn;

beforeAll(async () => {
  standIn = await startSecretsStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(() => {
  standIn.reset();
});

const TWILIO_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:twilio-AbCdEf';
const WEBHOOK_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webhook-AbCdEf';
const SID = `AC${'0123456789abcdef'.repeat(2)}`;

function reader(): SecretReader {
  return new SecretReader(
    new SecretsManagerClient({
      region: 'us-east-1',
      endpoint: standIn.endpoint,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
      maxAttempts: 1,
    }),
  );
}

async function secretError(p: Promise<unknown>): Promise<SecretError> {
  const error: unknown = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a SecretError').toBeInstanceOf(SecretError);
  return error as SecretError;
}

describe('SecretReader against a Secrets Manager stand-in', () => {
  it('reads the Twilio credentials once and serves later reads from the cache', async () => {
    standIn.secrets.set(TWILIO_ARN, JSON.stringify({ accountSid: SID, authToken: 'tok-123' }));
    const r = reader();

    const [a, b] = await Promise.all([
      r.twilioCredentials(TWILIO_ARN),
      r.twilioCredentials(TWILIO_ARN),
    ]);
    const c = await r.twilioCredentials(TWILIO_ARN);

    expect(a).toEqual({ accountSid: SID, authToken: 'tok-123' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(standIn.requests).toBe(1);
  });

  it('keeps the previous auth token a rotation puts beside the new one', async () => {
    standIn.secrets.set(
      TWILIO_ARN,
      JSON.stringify({ accountSid: SID, authToken: 'tok-new', previousAuthToken: 'tok-old' }),
    );

    expect(await reader().twilioCredentials(TWILIO_ARN)).toEqual({
      accountSid: SID,
      authToken: 'tok-new',
      previousAuthToken: 'tok-old',
    });
  });

  it("rejects the stack's placeholder, then reads the real pair once it is put, with no restart", async () => {
    const r = reader();
    standIn.secrets.set(
      TWILIO_ARN,
      JSON.stringify({ accountSid: 'AC-set-me-after-deploy', authToken: 'generated' }),
    );

    const error = await secretError(r.twilioCredentials(TWILIO_ARN));
    standIn.secrets.set(TWILIO_ARN, JSON.stringify({ accountSid: SID, authToken: 'tok-123' }));
    const credentials = await r.twilioCredentials(TWILIO_ARN);
    await r.twilioCredentials(TWILIO_ARN);

    expect(error.message).toContain('accountSid');
    expect(credentials).toEqual({ accountSid: SID, authToken: 'tok-123' });
    expect(standIn.requests, 'the rejected value was read again, the good one cached').toBe(2);
  });

  it('reads the webhook secret', async () => {
    standIn.secrets.set(WEBHOOK_ARN, 'a-generated-secret-of-32-chars!!');

    expect(await reader().webhookSecret(WEBHOOK_ARN)).toBe('a-generated-secret-of-32-chars!!');
  });

  it('rejects malformed Twilio credentials naming every problem and no value', async () => {
    standIn.secrets.set(
      TWILIO_ARN,
      JSON.stringify({ accountSid: 'XX-secret-looking', authToken: '' }),
    );

    const error = await secretError(reader().twilioCredentials(TWILIO_ARN));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('accountSid');
    expect(error.message).toContain('authToken');
    expect(error.message).not.toContain('XX-secret-looking');
  });

  it('rejects a Twilio secret that is not JSON without echoing it', async () => {
    standIn.secrets.set(TWILIO_ARN, 'plain-token-value');

    const error = await secretError(reader().twilioCredentials(TWILIO_ARN));

    expect(error.message).not.toContain('plain-token-value');
  });

  it('rejects a webhook secret too short for an HMAC key', async () => {
    standIn.secrets.set(WEBHOOK_ARN, 'tiny-v');

    const error = await secretError(reader().webhookSecret(WEBHOOK_ARN));

    expect(error.message).not.toContain('tiny-v');
    expect(error.retryable).toBe(false);
  });

  it('reads a too-short webhook secret again on the next call', async () => {
    const r = reader();
    standIn.secrets.set(WEBHOOK_ARN, 'tiny-v');

    await secretError(r.webhookSecret(WEBHOOK_ARN));
    standIn.secrets.set(WEBHOOK_ARN, 'a-generated-secret-of-32-chars!!');

    expect(await r.webhookSecret(WEBHOOK_ARN)).toBe('a-generated-secret-of-32-chars!!');
    expect(standIn.requests).toBe(2);
  });

  it('fails retryably on throttling and reads again on the next call', async () => {
    standIn.secrets.set(WEBHOOK_ARN, 'a-generated-secret-of-32-chars!!');
    standIn.failNext(1, { status: 400, type: 'ThrottlingException' });
    const r = reader();

    const error = await secretError(r.webhookSecret(WEBHOOK_ARN));
    const value = await r.webhookSecret(WEBHOOK_ARN);

    expect(error.retryable).toBe(true);
    expect(value).toBe('a-generated-secret-of-32-chars!!');
    expect(standIn.requests).toBe(2);
  });

  it('fails without retry for a secret that does not exist', async () => {
    const error = await secretError(reader().webhookSecret(WEBHOOK_ARN));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('ResourceNotFoundException');
  });
});
