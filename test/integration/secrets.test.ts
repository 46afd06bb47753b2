import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretError, SecretReader } from '../../lambda/secrets.js';

/** A loopback stand-in for Secrets Manager's GetSecretValue (JSON 1.1 protocol). */
const secrets = new Map<string, string>();
const failures: { status: number; type: string }[] = [];
let requests = 0;
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests += 1;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      const failure = failures.shift();
      if (failure) {
        res.writeHead(failure.status);
        res.end(JSON.stringify({ __type: failure.type, message: failure.type }));
        return;
      }
      const target = req.headers['x-amz-target'];
      const { SecretId } = JSON.parse(body) as { SecretId: string };
      const value = secrets.get(SecretId);
      if (target !== 'secretsmanager.GetSecretValue' || value === undefined) {
        res.writeHead(400);
        res.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'not found' }));
        return;
      }
      res.writeHead(200);
      res.end(
        JSON.stringify({ ARN: SecretId, Name: SecretId, SecretString: value, VersionId: 'v1' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  secrets.clear();
  failures.length = 0;
  requests = 0;
});

const TWILIO_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:twilio-AbCdEf';
const WEBHOOK_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webhook-AbCdEf';
const SID = `AC${'0123456789abcdef'.repeat(2)}`;

function reader(): SecretReader {
  return new SecretReader(
    new SecretsManagerClient({
      region: 'us-east-1',
      endpoint,
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
    secrets.set(TWILIO_ARN, JSON.stringify({ accountSid: SID, authToken: 'tok-123' }));
    const r = reader();

    const [a, b] = await Promise.all([
      r.twilioCredentials(TWILIO_ARN),
      r.twilioCredentials(TWILIO_ARN),
    ]);
    const c = await r.twilioCredentials(TWILIO_ARN);

    expect(a).toEqual({ accountSid: SID, authToken: 'tok-123' });
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(requests).toBe(1);
  });

  it('reads the webhook secret', async () => {
    secrets.set(WEBHOOK_ARN, 'a-generated-secret-of-32-chars!!');

    expect(await reader().webhookSecret(WEBHOOK_ARN)).toBe('a-generated-secret-of-32-chars!!');
  });

  it('rejects malformed Twilio credentials naming every problem and no value', async () => {
    secrets.set(TWILIO_ARN, JSON.stringify({ accountSid: 'XX-secret-looking', authToken: '' }));

    const error = await secretError(reader().twilioCredentials(TWILIO_ARN));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('accountSid');
    expect(error.message).toContain('authToken');
    expect(error.message).not.toContain('XX-secret-looking');
  });

  it('rejects a Twilio secret that is not JSON without echoing it', async () => {
    secrets.set(TWILIO_ARN, 'plain-token-value');

    const error = await secretError(reader().twilioCredentials(TWILIO_ARN));

    expect(error.message).not.toContain('plain-token-value');
  });

  it('rejects a webhook secret too short for an HMAC key', async () => {
    secrets.set(WEBHOOK_ARN, 'tiny-v');

    const error = await secretError(reader().webhookSecret(WEBHOOK_ARN));

    expect(error.message).not.toContain('tiny-v');
    expect(error.retryable).toBe(false);
  });

  it('fails retryably on throttling and reads again on the next call', async () => {
    secrets.set(WEBHOOK_ARN, 'a-generated-secret-of-32-chars!!');
    failures.push({ status: 400, type: 'ThrottlingException' });
    const r = reader();

    const error = await secretError(r.webhookSecret(WEBHOOK_ARN));
    const value = await r.webhookSecret(WEBHOOK_ARN);

    expect(error.retryable).toBe(true);
    expect(value).toBe('a-generated-secret-of-32-chars!!');
    expect(requests).toBe(2);
  });

  it('fails without retry for a secret that does not exist', async () => {
    const error = await secretError(reader().webhookSecret(WEBHOOK_ARN));

    expect(error.retryable).toBe(false);
    expect(error.message).toContain('ResourceNotFoundException');
  });
});
