import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DynamoStore } from '../../lambda/adapters/dynamodb/index.js';
import type { Conversation, ReminderRecord } from '../../lambda/app/ports.js';
import { DeliveryError } from '../../lambda/adapters/delivery-error.js';
import { parseRequest, plan } from '../../lambda/core/index.js';
import { loadTemplates } from '../../lambda/templates.js';
import { startDynalite, type DynaliteHandle } from '../support/dynalite.js';
import { startSecretsStandIn, type SecretsStandIn } from '../support/secrets-standin.js';
import { startSesLocal, type SesLocal } from '../support/ses-local.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-standin.js';

const NOW = '2026-03-09T15:00:00.000Z';
const CANDIDATE = 'sam.candidate@example.org';
const PHONE = '+14155550123';
const TWILIO_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:twilio-AbCdEf';
let db: DynaliteHandle;
let ses: SesLocal;
let twilio: TwilioStandIn;
let secrets: SecretsStandIn;
let store: DynamoStore;
let handler: (event: unknown) => Promise<string>;
let logged = '';
let seq = 0;

beforeAll(async () => {
  db = await startDynalite('reminders-e2e');
  ses = await startSesLocal();
  twilio = await startTwilioStandIn();
  secrets = await startSecretsStandIn();
  secrets.secrets.set(
    TWILIO_SECRET_ARN,
    JSON.stringify({ accountSid: twilio.accountSid, authToken: twilio.authToken }),
  );
  store = new DynamoStore({ tableName: db.tableName, client: db.client });
  // The handler builds its clients from the environment at cold start, as in Lambda.
  Object.assign(process.env, {
    TABLE_NAME: db.tableName,
    SENDER_ALLOWLIST: `@example.org,${PHONE}`,
    TWILIO_SECRET_ARN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilio.baseUrl,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
    FROM_ADDRESS: 'assistant@reschedule.example',
    FROM_NAME: 'Reschedule Assistant',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
    AWS_SECRET_ACCESS_KEY: 'local-secret',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    AWS_ENDPOINT_URL_SES: ses.endpoint,
    AWS_MAX_ATTEMPTS: '1',
  });
  // Powertools writes JSON lines to stdout (warnings and errors to stderr): keep them all
  // to check what logs carry.
  const keep = (chunk: string | Uint8Array) => {
    logged += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  ({ handler } = await import('../../lambda/handlers/reminder.js'));
});
afterAll(async () => {
  vi.restoreAllMocks();
  await ses.close();
  await twilio.close();
  await secrets.close();
  await db.stop();
});
beforeEach(async () => {
  await ses.clear();
  twilio.reset();
  logged = '';
});

/** A stored conversation (a real Plan from the core) and its pending thank-you reminder. */
async function seed(
  channel: 'email' | 'sms' = 'email',
): Promise<{ conversation: Conversation; reminder: ReminderRecord }> {
  seq += 1;
  const request = parseRequest({
    id: `<inbound-${seq}@mail.example.org>`,
    channel: 'email',
    text: "I'm so sorry, I have a family emergency and can't make Thursday's interview.",
    receivedAt: NOW,
    interview: {
      company: 'Acme',
      start: '2026-03-12T14:00:00-05:00',
      timezone: 'America/New_York',
    },
    candidate: { name: 'Sam', email: CANDIDATE, phone: PHONE },
  });
  const conversation = await store.saveConversation(
    {
      id: `conv-${seq}`,
      contact: { channel, address: channel === 'email' ? CANDIDATE : PHONE },
      request,
      plan: plan(request, NOW, loadTemplates()),
      status: 'open',
      awaiting: null,
      newStart: null,
      thread: {
        messageId: `<inbound-${seq}@mail.example.org>`,
        references: [],
        subject: 'Interview Thursday',
      },
      createdAt: NOW,
      updatedAt: NOW,
      version: 0,
    },
    null,
  );
  const reminder: ReminderRecord = {
    id: `${conversation.id}:thank_you`,
    conversationId: conversation.id,
    kind: 'thank_you',
    at: '2026-03-10T14:00:00.000Z',
    channel,
    to: channel === 'email' ? CANDIDATE : PHONE,
    status: 'pending',
  };
  await store.putReminder(reminder);
  return { conversation, reminder };
}

describe('reminder handler end to end (dynalite + aws-ses-v2-local)', () => {
  it('sends one threaded email for a pending reminder and marks it sent', async () => {
    const { reminder } = await seed();

    const outcome = await handler({ reminderId: reminder.id });

    expect(outcome).toBe('sent');
    const emails = await ses.emails();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.destination.to).toEqual([CANDIDATE]);
    const parsed = await simpleParser(ses.raw(emails[0]?.messageId ?? ''));
    expect(parsed.inReplyTo).toBe('<inbound-1@mail.example.org>');
    expect(parsed.text?.length ?? 0).toBeGreaterThan(0);
    expect((await store.getReminder(reminder.id))?.status).toBe('sent');
  });

  it('sends once when Scheduler invokes it twice', async () => {
    const { reminder } = await seed();

    const first = await handler({ reminderId: reminder.id });
    const second = await handler({ reminderId: reminder.id });

    expect([first, second]).toEqual(['sent', 'skipped']);
    expect(await ses.emails()).toHaveLength(1);
  });

  it('rethrows a throttled send as retryable, keeps the reminder pending and sends on the retry', async () => {
    const { conversation, reminder } = await seed();
    ses.failNext(1, { status: 400, code: 'Throttling', message: 'Maximum sending rate exceeded.' });

    const error: unknown = await handler({ reminderId: reminder.id }).then(
      () => null,
      (e: unknown) => e,
    );

    expect(error, 'expected the handler to rethrow a retryable DeliveryError').toBeInstanceOf(
      DeliveryError,
    );
    expect((error as DeliveryError).retryable).toBe(true);
    expect((await store.getReminder(reminder.id))?.status).toBe('pending');
    expect(await store.getConversation(conversation.id)).toEqual(conversation);
    expect(await ses.emails()).toEqual([]);

    expect(await handler({ reminderId: reminder.id })).toBe('sent');
    expect(await ses.emails()).toHaveLength(1);
  });

  it('marks the reminder failed and does not throw when SES rejects the message', async () => {
    const { reminder } = await seed();
    ses.failNext(1, {
      status: 400,
      code: 'MessageRejected',
      message: 'Email address is not verified.',
    });

    const outcome = await handler({ reminderId: reminder.id });

    expect(outcome).toBe('failed');
    expect((await store.getReminder(reminder.id))?.status).toBe('failed');
  });

  it('texts an SMS reminder through Twilio with credentials read from Secrets Manager', async () => {
    const { reminder } = await seed('sms');

    const outcome = await handler({ reminderId: reminder.id });

    expect(outcome).toBe('sent');
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.messages[0]).toMatchObject({ to: PHONE, from: '+15005550006' });
    expect(twilio.messages[0]?.body.length ?? 0).toBeGreaterThan(0);
    expect(await ses.emails()).toEqual([]);
    expect((await store.getReminder(reminder.id))?.status).toBe('sent');
    expect(logged).not.toContain(PHONE);
  });

  it('rethrows a Twilio 429 as retryable and texts once on the retry', async () => {
    const { reminder } = await seed('sms');
    twilio.failNext(1, 429);

    await expect(handler({ reminderId: reminder.id })).rejects.toMatchObject({ retryable: true });
    expect((await store.getReminder(reminder.id))?.status).toBe('pending');

    expect(await handler({ reminderId: reminder.id })).toBe('sent');
    expect(twilio.messages).toHaveLength(1);
    expect(logged).toContain('"retryable":true');
    expect(logged).not.toContain(PHONE);
  });

  it('rejects an event without a reminderId and sends nothing', async () => {
    expect(await handler({ reminder: 'x' })).toBe('rejected');
    expect(await handler(null)).toBe('rejected');
    expect(ses.calls).toBe(0);
  });

  it('logs ids, never the candidate’s address or the message', async () => {
    const { reminder } = await seed();

    await handler({ reminderId: reminder.id });

    expect(logged).toContain(reminder.id);
    expect(logged).not.toContain(CANDIDATE);
    expect(logged).not.toContain('family emergency');
  });
});
