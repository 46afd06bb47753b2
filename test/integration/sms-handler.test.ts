/**
 * The SMS Lambda handler as API Gateway invokes it: config from the environment, the
 * Twilio secret from a loopback Secrets Manager stand-in, state in dynalite, schedules
 * through a mocked Scheduler client (no stand-in exists). The signature is checked over
 * the public URL rebuilt from Host / X-Forwarded-Proto, as API Gateway forwards them.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesOf } from '../../lambda/channels/sms/twiml.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { signatureFor, twilioSmsForm } from '../fixtures/twilio/webhook.js';

const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const AUTH_TOKEN = 'handler-test-auth-token';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:twilio-AbCdEf';
const HOST = 'abc123.execute-api.us-east-1.amazonaws.com';
const PHONE = '+447700900123';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const scheduler = mockClient(SchedulerClient);
let db: DynaliteHandle;
let secrets: Server;
let secretReads = 0;
let handler: Handler;

beforeAll(async () => {
  db = await startDynalite('sms-handler');
  secrets = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      secretReads += 1;
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      res.end(
        JSON.stringify({
          ARN: SECRET_ARN,
          Name: 'twilio',
          SecretString: JSON.stringify({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN }),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => secrets.listen(0, '127.0.0.1', resolve));
  const secretsPort = (secrets.address() as AddressInfo).port;
  scheduler
    .on(CreateScheduleCommand)
    .resolves({ ScheduleArn: 'arn:aws:scheduler:us-east-1:1:schedule/g/x' });
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${secretsPort}`,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    TABLE_NAME: db.tableName,
    SENDER_ALLOWLIST: PHONE,
    SCHEDULE_GROUP: 'reminders',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
    REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:reminder',
    REMINDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:dlq',
    TWILIO_SECRET_ARN: SECRET_ARN,
  });
  ({ handler } = (await import('../../lambda/handlers/sms.js')) as { handler: Handler });
});

afterAll(async () => {
  scheduler.restore();
  await db.stop();
  await new Promise<void>((resolve) => secrets.close(() => resolve()));
});

const context = {
  functionName: 'sms',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:sms',
  memoryLimitInMB: '512',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/sms',
  logStreamName: 'stream',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} satisfies Context;

/** An HTTP API (payload 2.0) event for a Twilio webhook call, the body base64-encoded as API Gateway sends forms. */
function event(rawBody: string, signature: string): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /sms',
    rawPath: '/sms',
    rawQueryString: '',
    headers: {
      host: HOST,
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
      'user-agent': 'TwilioProxy/1.1',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: HOST,
      domainPrefix: 'abc123',
      http: {
        method: 'POST',
        path: '/sms',
        protocol: 'HTTP/1.1',
        sourceIp: '54.172.60.1',
        userAgent: 'TwilioProxy/1.1',
      },
      requestId: 'req-1',
      routeKey: 'POST /sms',
      stage: '$default',
      time: '23/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.parse('2026-11-23T12:00:00Z'),
    },
    body: Buffer.from(rawBody, 'utf8').toString('base64'),
    isBase64Encoded: true,
  };
}

const signed = (rawBody: string) =>
  event(rawBody, signatureFor(AUTH_TOKEN, `https://${HOST}/sms`, rawBody));

describe('SMS Lambda handler', () => {
  it('answers a signed Twilio webhook with TwiML, reading the auth token from Secrets Manager once', async () => {
    const first = await handler(signed(twilioSmsForm({ from: PHONE, body: 'HELP' })), context);
    const second = await handler(
      signed(
        twilioSmsForm({
          from: PHONE,
          body: "I'm sick and can't make my interview with Acme on Thursday at 3pm",
        }),
      ),
      context,
    );

    expect(first.statusCode).toBe(200);
    expect(first.headers?.['Content-Type']).toMatch(/^text\/xml/);
    expect(messagesOf(String(first.body))[0]).toMatch(/^Interview rescheduler/);
    expect(second.statusCode).toBe(200);
    expect(messagesOf(String(second.body)).join('\n')).toMatch(/unwell/);
    expect(secretReads, 'the secret is read once per container').toBe(1);
    expect(scheduler.commandCalls(CreateScheduleCommand).length).toBeGreaterThanOrEqual(1);
  });

  it('answers 403 to a signature made for another URL and sends nothing', async () => {
    const rawBody = twilioSmsForm({ from: PHONE, body: 'STOP' });
    const response = await handler(
      event(rawBody, signatureFor(AUTH_TOKEN, `http://${HOST}/sms`, rawBody)),
      context,
    );
    expect(response.statusCode).toBe(403);
    expect(response.headers?.['Content-Type']).toBe('application/json');
    const again = await handler(signed(twilioSmsForm({ from: PHONE, body: 'HELP' })), context);
    expect(messagesOf(String(again.body)), 'the forged STOP was not recorded').toHaveLength(1);
  });

  it('replays the stored answer when Twilio retries the same MessageSid', async () => {
    const rawBody = twilioSmsForm({
      from: PHONE,
      body: 'EMAIL',
      sid: 'SM00000000000000000000000000hand1',
    });
    const first = await handler(signed(rawBody), context);
    const retry = await handler(signed(rawBody), context);
    expect(retry.body).toBe(first.body);
  });

  it('answers 400 naming the bad fields of a signed but malformed form', async () => {
    const rawBody = 'Body=hi&From=nobody';
    const response = await handler(signed(rawBody), context);
    expect(response.statusCode).toBe(400);
    const issues = (JSON.parse(String(response.body)) as { issues: { path: string }[] }).issues.map(
      (i) => i.path,
    );
    expect(issues.sort()).toEqual(['AccountSid', 'From', 'MessageSid', 'To']);
  });
});
