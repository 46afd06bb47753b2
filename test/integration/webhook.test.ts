/**
 * The webhook end to end, as deployed: the real Lambda handler module (config from the
 * environment at cold start, clients at module scope) on DynamoStore over dynalite, the
 * SES mailer against aws-ses-v2-local, the real core and templates. EventBridge Scheduler
 * has no local stand-in: its client is mocked (aws-sdk-client-mock).
 */
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoStore } from '../../lambda/adapters/dynamodb/dynamo-store.js';
import { MAX_BODY_BYTES } from '../../lambda/channels/webhook/handle-webhook.js';
import { PlanSchema } from '../../lambda/core/schema.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { startSesLocal, type SesLocal } from '../support/ses-local.js';
import { signedCall, WEBHOOK_SECRET } from '../support/webhook.js';

const CANDIDATE = 'ana.lopez@example.org';
const scheduler = mockClient(SchedulerClient);
let db: DynaliteHandle;
let ses: SesLocal;
let store: DynamoStore;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;
let logged = '';
let keys = 0;

beforeAll(async () => {
  db = await startDynalite('webhook-e2e');
  ses = await startSesLocal();
  store = new DynamoStore({ tableName: db.tableName, client: db.client });
  Object.assign(process.env, {
    TABLE_NAME: db.tableName,
    SENDER_ALLOWLIST: '@example.org, +15551230000',
    RATE_LIMIT_PER_HOUR: '50',
    FROM_ADDRESS: 'assistant@reschedule.example',
    SCHEDULE_GROUP: 'reschedule-reminders',
    SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/scheduler',
    REMINDER_FUNCTION_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:reminder',
    REMINDER_DLQ_ARN: 'arn:aws:sqs:us-east-1:123456789012:reminders-dlq',
    WEBHOOK_SECRET,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'local-secret',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    AWS_MAX_ATTEMPTS: '1',
  });
  delete process.env.WEBHOOK_SECRET_ARN;
  delete process.env.TWILIO_SECRET_ARN;
  // Powertools writes JSON lines to stdout (INFO) and stderr (WARN, ERROR): keep both.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    });
  }
  ({ handler } = await import('../../lambda/handlers/webhook.js'));
});
afterAll(async () => {
  vi.restoreAllMocks();
  scheduler.restore();
  await ses.close();
  await db.stop();
});
beforeEach(async () => {
  await ses.clear();
  scheduler.reset();
  scheduler.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:aws:scheduler:::schedule/x' });
  logged = '';
  keys += 1;
});

const body = {
  text: "I'm sick with the flu and can't make tomorrow's interview. I'm free Thursday afternoon.",
  interview: {
    company: 'Acme',
    role: 'Data Engineer',
    interviewer: { name: 'Dana Whitfield', email: 'dana@acme.test' },
    start: '2030-03-13T15:00:00-04:00',
    timezone: 'America/New_York',
  },
  candidate: { name: 'Ana Lopez', email: CANDIDATE, timezone: 'America/Chicago' },
  deliver: 'email',
};

/** An API Gateway HTTP API (payload 2.0) event for a signed call, body base64-encoded as API Gateway may send it. */
function event(call: ReturnType<typeof signedCall>, method = 'POST'): APIGatewayProxyEventV2 {
  const headers = Object.fromEntries(
    Object.entries(call.headers).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    version: '2.0',
    routeKey: 'POST /v1/reschedule',
    rawPath: '/v1/reschedule',
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.com',
      domainPrefix: 'api',
      http: {
        method,
        path: '/v1/reschedule',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'test',
      },
      requestId: `req-${keys}`,
      routeKey: 'POST /v1/reschedule',
      stage: '$default',
      time: '24/Nov/2026:00:00:00 +0000',
      timeEpoch: Date.now(),
    },
    body: Buffer.from(call.body, 'utf8').toString('base64'),
    isBase64Encoded: true,
  };
}

const call = (payload: unknown, options: Partial<Parameters<typeof signedCall>[1]> = {}) =>
  event(signedCall(payload, { now: new Date(), key: `key-${keys}`, ...options }));

describe('webhook Lambda, end to end', () => {
  it('answers three identical calls with one Plan and sends exactly one email', async () => {
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await handler(call(body)));

    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const plan = PlanSchema.parse(JSON.parse(responses[0]?.body ?? ''));
    expect(plan.id).toBe(`webhook:key-${keys}`);
    expect(plan.reason.category).toBe('health');
    expect(plan.interview).toMatchObject({ company: 'Acme', timezone: 'America/New_York' });
    expect(responses[2]?.body, 'expected retries to replay the first Plan').toBe(
      responses[0]?.body,
    );
    const emails = await ses.emails();
    expect(
      emails.map((e) => e.destination.to),
      'expected one email over three calls',
    ).toEqual([[CANDIDATE]]);

    const conversation = await store.getConversation(`webhook:key-${keys}`);
    expect(conversation).toMatchObject({
      status: 'open',
      contact: { channel: 'webhook', address: CANDIDATE },
    });
    const reminders = await store.listReminders({ conversationId: `webhook:key-${keys}` });
    expect(reminders.map((r) => [r.kind, r.status, r.timezone])).toEqual([
      ['thank_you', 'pending', 'America/Chicago'],
    ]);
    expect(scheduler.commandCalls(CreateScheduleCommand)).toHaveLength(1);
  });

  it('rejects a forged signature and a six-minute-old one with 401, sending and storing nothing', async () => {
    const forged = await handler(call(body, { secret: 'another-secret-entirely' }));
    const stale = await handler(call(body, { signedAt: new Date(Date.now() - 6 * 60_000) }));

    expect([forged.statusCode, stale.statusCode]).toEqual([401, 401]);
    expect(JSON.parse(stale.body ?? '')).toEqual({ error: 'invalid_signature', reason: 'stale' });
    expect(await ses.emails()).toEqual([]);
    expect(await store.getConversation(`webhook:key-${keys}`)).toBeNull();
  });

  it('answers 409 when the key comes back with another body', async () => {
    await handler(call(body));
    const reused = await handler(call({ ...body, text: 'My flight was cancelled.' }));

    expect(reused.statusCode).toBe(409);
    expect(await ses.emails()).toHaveLength(1);
  });

  it('answers 413 for a body over 64 KB and 400 naming every problem of a bad one', async () => {
    const big = await handler(call({ ...body, text: 'x'.repeat(MAX_BODY_BYTES) }));
    const bad = await handler(call({ deliver: 'fax', interview: { start: 'soon' } }));

    expect(big.statusCode).toBe(413);
    expect(bad.statusCode).toBe(400);
    expect(
      JSON.parse(bad.body ?? '')
        .issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(['deliver', 'interview.start', 'text']);
  });

  it('answers 403 for a recipient off the allowlist', async () => {
    const response = await handler(
      call({ ...body, candidate: { email: 'someone@elsewhere.test' } }),
    );

    expect(response.statusCode).toBe(403);
    expect(await ses.emails()).toEqual([]);
  });

  it('answers deliver "none" with the Plan and sends nothing', async () => {
    const response = await handler(call({ ...body, deliver: 'none' }));

    expect(response.statusCode).toBe(200);
    expect(PlanSchema.parse(JSON.parse(response.body ?? '')).replies).toEqual([]);
    expect(await ses.emails()).toEqual([]);
  });

  it('answers 503 when SES is throttling, then delivers once on the retry', async () => {
    ses.failNext(1, { status: 400, code: 'Throttling', message: 'Maximum sending rate exceeded.' });

    const failed = await handler(call(body));
    const retried = await handler(call(body));

    expect(failed.statusCode).toBe(503);
    expect(retried.statusCode).toBe(200);
    expect(await ses.emails()).toHaveLength(1);
  });

  it('reads a plain (not base64) body as a Function URL may send it', async () => {
    const plain = { ...call({ ...body, deliver: 'none' }) };
    const signed = signedCall(
      { ...body, deliver: 'none' },
      { now: new Date(), key: `plain-${keys}` },
    );
    const response = await handler({
      ...plain,
      headers: {
        'x-signature': signed.headers['X-Signature'] ?? '',
        'idempotency-key': `plain-${keys}`,
      },
      body: signed.body,
      isBase64Encoded: false,
    });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body ?? '')).toMatchObject({ id: `webhook:plain-${keys}` });
  });

  it('refuses methods other than POST', async () => {
    const response = await handler(event(signedCall(body, { now: new Date() }), 'GET'));

    expect(response.statusCode).toBe(405);
  });

  it('logs structured JSON with ids, never the text, addresses or numbers', async () => {
    await handler(call(body));
    await handler(call(body, { secret: 'another-secret-entirely' }));
    ses.failNext(1, {
      status: 400,
      code: 'MessageRejected',
      message: `Address blacklisted: ${CANDIDATE}`,
    });
    await handler(call({ ...body, text: 'My car broke down.' }, { key: `other-${keys}` }));

    expect(logged).toContain('"level":"WARN"');
    const lines = logged.trim().split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines)
      expect(() => JSON.parse(line), `expected JSON: ${line}`).not.toThrow();
    expect(logged).toContain(`webhook:key-${keys}`);
    for (const secret of [CANDIDATE, 'dana@acme.test', 'flu']) {
      expect(logged, `expected logs without "${secret}"`).not.toContain(secret);
    }
  });
});
