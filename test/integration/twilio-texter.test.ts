import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../lambda/adapters/delivery-error.js';
import {
  TwilioTexter,
  type TwilioTexterOptions,
} from '../../lambda/adapters/twilio/twilio-texter.js';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-standin.js';

const FROM = '+15005550006';
const TO = '+14155550123';
let twilio: TwilioStandIn;

beforeAll(async () => {
  twilio = await startTwilioStandIn();
});
afterAll(async () => {
  await twilio.close();
});
beforeEach(() => {
  twilio.reset();
});

function texter(overrides: Partial<TwilioTexterOptions> = {}): TwilioTexter {
  return new TwilioTexter({
    credentials: { accountSid: twilio.accountSid, authToken: twilio.authToken },
    from: FROM,
    baseUrl: twilio.baseUrl,
    ...overrides,
  });
}

async function sendError(t: TwilioTexter, to = TO): Promise<DeliveryError> {
  const error: unknown = await t.send({ to, body: 'Hello' }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the send to fail with a DeliveryError').toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('TwilioTexter against the Twilio stand-in', () => {
  it('posts the message through the real client and returns Twilio’s sid', async () => {
    const { sid } = await texter().send({
      to: TO,
      body: 'Thanks for your flexibility — see you Thursday ☺',
    });

    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.messages).toEqual([
      expect.objectContaining({
        sid,
        accountSid: twilio.accountSid,
        to: TO,
        from: FROM,
        messagingServiceSid: null,
        body: 'Thanks for your flexibility — see you Thursday ☺',
      }),
    ]);
  });

  it('sends from the Messaging Service when one is configured', async () => {
    await texter({
      from: undefined,
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
    }).send({
      to: TO,
      body: 'Hi',
    });

    expect(twilio.messages[0]?.messagingServiceSid).toBe('MG0123456789abcdef0123456789abcdef');
    expect(twilio.messages[0]?.from).toBeNull();
  });

  it('reads the credentials once and reuses the client', async () => {
    let reads = 0;
    const t = texter({
      credentials: async () => {
        reads += 1;
        return { accountSid: twilio.accountSid, authToken: twilio.authToken };
      },
    });

    await t.send({ to: TO, body: 'one' });
    await t.send({ to: TO, body: 'two' });

    expect(reads).toBe(1);
    expect(twilio.messages.map((m) => m.body)).toEqual(['one', 'two']);
  });

  it('retries reading the credentials after a failed read', async () => {
    let reads = 0;
    const t = texter({
      credentials: async () => {
        reads += 1;
        if (reads === 1) throw new Error('secret unreadable');
        return { accountSid: twilio.accountSid, authToken: twilio.authToken };
      },
    });

    await expect(t.send({ to: TO, body: 'one' })).rejects.toThrow('secret unreadable');
    await t.send({ to: TO, body: 'two' });

    expect(reads).toBe(2);
    expect(twilio.messages).toHaveLength(1);
  });

  it('maps 429 Too Many Requests to a retryable DeliveryError', async () => {
    twilio.failNext(1, 429);

    const error = await sendError(texter());

    expect(error).toMatchObject({ retryable: true, provider: 'twilio', providerCode: '20429' });
    expect(twilio.messages).toEqual([]);
  });

  it('maps a Twilio 500 to a retryable DeliveryError', async () => {
    twilio.failNext(1, 500);

    const error = await sendError(texter());

    expect(error).toMatchObject({ retryable: true, providerCode: '20500' });
  });

  it('maps 21211 (invalid number) to a non-retryable DeliveryError without the number in its message', async () => {
    const error = await sendError(texter(), '555-0123');

    expect(error).toMatchObject({ retryable: false, providerCode: '21211' });
    expect(error.message).not.toContain('555-0123');
  });

  it('maps 21610 (unsubscribed recipient) to a non-retryable DeliveryError', async () => {
    twilio.unsubscribe(TO);

    const error = await sendError(texter());

    expect(error).toMatchObject({ retryable: false, providerCode: '21610' });
  });

  it('maps a wrong auth token (401, 20003) to a non-retryable DeliveryError', async () => {
    const error = await sendError(
      texter({ credentials: { accountSid: twilio.accountSid, authToken: 'wrong' } }),
    );

    expect(error).toMatchObject({ retryable: false, providerCode: '20003' });
  });

  it('maps a refused connection to a retryable DeliveryError', async () => {
    const error = await sendError(texter({ baseUrl: 'http://127.0.0.1:9' }));

    expect(error.retryable).toBe(true);
  });

  it('rejects a configuration without a sender', () => {
    expect(() => texter({ from: undefined, messagingServiceSid: undefined })).toThrow(
      /from.*messagingServiceSid/,
    );
  });
});
